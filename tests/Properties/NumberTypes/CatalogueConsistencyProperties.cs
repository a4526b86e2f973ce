using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.NumberTypes;

/// <summary>
/// The generic number types state each derivative a second time (inlined, in T's arithmetic); these
/// properties tie them to the catalogue. For every primitive, the <c>Dual&lt;double&gt;</c> member gives the
/// catalogue's value and JVP, and the <c>ReverseNumber&lt;double&gt;</c> member its value and VJP, at random
/// points including edge values (0, −0, ±∞, NaN, overflow) and zero, infinite and NaN tangents. The same
/// formulas in the same order give the same bits; the comparison is exact (−0 = +0, NaN = NaN).
/// </summary>
public class CatalogueConsistencyProperties
{
    private const int CaseCount = 1000;

    public static TheoryData<string> AllPrimitives() => [.. Mutants.Targets.Select(p => p.ToString())];

    [Theory]
    [MemberData(nameof(AllPrimitives))]
    public void DualMembersEqualTheCatalogue(string primitive)
    {
        var p = Mutants.Targets.Single(q => q.ToString() == primitive);
        Cases.Check(Prop.ForAll(NumberCases.Any(), c => DualAgrees(p, p, c)), Cases.Count(CaseCount));
    }

    [Theory]
    [MemberData(nameof(AllPrimitives))]
    public void ReverseNumberMembersEqualTheCatalogue(string primitive)
    {
        var p = Mutants.Targets.Single(q => q.ToString() == primitive);
        Cases.Check(Prop.ForAll(NumberCases.Any(), c => ReverseAgrees(p, p, c)), Cases.Count(CaseCount));
    }

    /// <summary>The properties bite: against a mutated catalogue rule, each finds a counterexample.</summary>
    [Theory]
    [MemberData(nameof(AllPrimitives))]
    public void AMutatedRuleIsCaught(string primitive)
    {
        var p = Mutants.Targets.Single(q => q.ToString() == primitive);
        foreach (var kind in Mutants.KindsFor(p))
        {
            var mutant = Mutants.Make(p, kind);
            // A property must fail, not the mutant be refused: the number types apply the mutant's elementwise rules.
            if (kind != Mutants.VjpTimesTwo)
                Assert.Contains(nameof(PropertyFailure), Assert.ThrowsAny<Exception>(() =>
                    Cases.Check(Prop.ForAll(NumberCases.Any(), c => DualAgrees(p, mutant.Forward, c)), Cases.MutantBudget)).Message);
            if (kind != Mutants.JvpSignFlip)
                Assert.Contains(nameof(PropertyFailure), Assert.ThrowsAny<Exception>(() =>
                    Cases.Check(Prop.ForAll(NumberCases.Any(), c => ReverseAgrees(p, mutant.Reverse, c)), Cases.MutantBudget)).Message);
        }
    }

    /// <summary>The member of <see cref="Dual{T}"/> that implements <paramref name="p"/>.</summary>
    public static Dual<double> DualMember(Primitive p, Dual<double> x, Dual<double> y) => p.Name switch
    {
        "add" => x + y,
        "sub" => x - y,
        "mul" => x * y,
        "div" => x / y,
        "neg" => -x,
        "pow" => Dual<double>.Pow(x, y),
        "powc" => Dual<double>.Pow(x, p.Parameters[0]),
        "exp" => Dual<double>.Exp(x),
        "log" => Dual<double>.Log(x),
        "sqrt" => Dual<double>.Sqrt(x),
        "sin" => Dual<double>.Sin(x),
        "cos" => Dual<double>.Cos(x),
        "tan" => Dual<double>.Tan(x),
        "tanh" => Dual<double>.Tanh(x),
        "sigmoid" => Dual<double>.Sigmoid(x),
        "softplus" => Dual<double>.Softplus(x),
        "relu" => Dual<double>.Relu(x),
        "abs" => Dual<double>.Abs(x),
        "min" => Dual<double>.Min(x, y),
        "max" => Dual<double>.Max(x, y),
        "atan" => Dual<double>.Atan(x),
        "asin" => Dual<double>.Asin(x),
        "acos" => Dual<double>.Acos(x),
        "atan2" => Dual<double>.Atan2(x, y),
        "sinh" => Dual<double>.Sinh(x),
        "cosh" => Dual<double>.Cosh(x),
        "asinh" => Dual<double>.Asinh(x),
        "acosh" => Dual<double>.Acosh(x),
        "atanh" => Dual<double>.Atanh(x),
        "log1p" => Dual<double>.LogP1(x),
        "expm1" => Dual<double>.ExpM1(x),
        "log2" => Dual<double>.Log2(x),
        "exp2" => Dual<double>.Exp2(x),
        "cbrt" => Dual<double>.Cbrt(x),
        "hypot" => Dual<double>.Hypot(x, y),
        "erf" => Dual<double>.Erf(x),
        "gelu" => Dual<double>.Gelu(x),
        "elu" => Dual<double>.Elu(x, p.Parameters[0]),
        "leaky_relu" => Dual<double>.LeakyRelu(x, p.Parameters[0]),
        "clamp" => Dual.Clamp(x, p.Parameters[0], p.Parameters[1]),
        "sign" => Dual.Sign(x),
        "floor" => Dual<double>.Floor(x),
        "round" => Dual<double>.Round(x),
        _ => Member<Dual<double>>(typeof(Dual<double>), p, x, y),
    };

    /// <summary>The member of <see cref="ReverseNumber{T}"/> that implements <paramref name="p"/>.</summary>
    public static ReverseNumber<double> ReverseMember(Primitive p, ReverseNumber<double> x, ReverseNumber<double> y) => p.Name switch
    {
        "add" => x + y,
        "sub" => x - y,
        "mul" => x * y,
        "div" => x / y,
        "neg" => -x,
        "pow" => ReverseNumber<double>.Pow(x, y),
        "powc" => ReverseNumber<double>.Pow(x, p.Parameters[0]),
        "exp" => ReverseNumber<double>.Exp(x),
        "log" => ReverseNumber<double>.Log(x),
        "sqrt" => ReverseNumber<double>.Sqrt(x),
        "sin" => ReverseNumber<double>.Sin(x),
        "cos" => ReverseNumber<double>.Cos(x),
        "tan" => ReverseNumber<double>.Tan(x),
        "tanh" => ReverseNumber<double>.Tanh(x),
        "sigmoid" => ReverseNumber<double>.Sigmoid(x),
        "softplus" => ReverseNumber<double>.Softplus(x),
        "relu" => ReverseNumber<double>.Relu(x),
        "abs" => ReverseNumber<double>.Abs(x),
        "min" => ReverseNumber<double>.Min(x, y),
        "max" => ReverseNumber<double>.Max(x, y),
        "atan" => ReverseNumber<double>.Atan(x),
        "asin" => ReverseNumber<double>.Asin(x),
        "acos" => ReverseNumber<double>.Acos(x),
        "atan2" => ReverseNumber<double>.Atan2(x, y),
        "sinh" => ReverseNumber<double>.Sinh(x),
        "cosh" => ReverseNumber<double>.Cosh(x),
        "asinh" => ReverseNumber<double>.Asinh(x),
        "acosh" => ReverseNumber<double>.Acosh(x),
        "atanh" => ReverseNumber<double>.Atanh(x),
        "log1p" => ReverseNumber<double>.LogP1(x),
        "expm1" => ReverseNumber<double>.ExpM1(x),
        "log2" => ReverseNumber<double>.Log2(x),
        "exp2" => ReverseNumber<double>.Exp2(x),
        "cbrt" => ReverseNumber<double>.Cbrt(x),
        "hypot" => ReverseNumber<double>.Hypot(x, y),
        "erf" => ReverseNumber<double>.Erf(x),
        "gelu" => ReverseNumber<double>.Gelu(x),
        "elu" => ReverseNumber<double>.Elu(x, p.Parameters[0]),
        "leaky_relu" => ReverseNumber<double>.LeakyRelu(x, p.Parameters[0]),
        "clamp" => ReverseNumber.Clamp(x, p.Parameters[0], p.Parameters[1]),
        "sign" => ReverseNumber.Sign(x),
        "floor" => ReverseNumber<double>.Floor(x),
        "round" => ReverseNumber<double>.Round(x),
        _ => Member<ReverseNumber<double>>(typeof(ReverseNumber<double>), p, x, y),
    };

    /// <summary>The number type's public static member named after the primitive (silu ↦ Silu), for a primitive not listed above.</summary>
    private static TNumber Member<TNumber>(Type type, Primitive p, TNumber x, TNumber y)
    {
        var method = type.GetMethod(GraphTools.MemberName(p), Enumerable.Repeat(type, p.Arity).ToArray())
            ?? throw new ArgumentException($"No {type.Name} member for {p}.", nameof(p));
        return (TNumber)method.Invoke(null, p.Arity == 1 ? [x] : [x, y])!;
    }

    /// <summary>The member for <paramref name="member"/> equals <paramref name="rule"/>'s value and JVP (through <see cref="Dual.Apply(Primitive, Dual{double}, Dual{double})"/>, as the graph sweep applies it).</summary>
    private static void DualAgrees(Primitive member, Primitive rule, NumberCase c)
    {
        var unary = member.Arity == 1;
        Dual<double> x = new(c.X, c.Dx), y = new(unary ? 0 : c.Y, unary ? 0 : c.Dy);
        var actual = DualMember(member, x, y);
        var expected = unary ? Dual.Apply(rule, x) : Dual.Apply(rule, x, y);
        Same(expected.Value, actual.Value, $"{member} value");
        Same(expected.Tangent, actual.Tangent, $"{member} tangent");
    }

    /// <summary>The member for <paramref name="member"/> equals <paramref name="rule"/>'s value and VJP, with a zero cotangent skipped as the graph sweep skips it.</summary>
    private static void ReverseAgrees(Primitive member, Primitive rule, NumberCase c)
    {
        var unary = member.Arity == 1;
        double y = unary ? 0 : c.Y;
        var vjp = Reverse.VjpOf(v => ReverseMember(member, v[0], v[1]), [c.X, y]);
        var actual = vjp.Pullback(c.Cotangent);
        var value = rule.Value(c.X, y);
        var (first, second) = c.Cotangent == 0 ? new Cotangents(0, 0) : rule.Vjp(c.X, y, value)(c.Cotangent);
        Same(value, vjp.Value, $"{member} value");
        Same(first, actual[0], $"{member} cotangent of x");
        Same(unary ? 0 : second, actual[1], $"{member} cotangent of y");
    }

    private static void Same(double expected, double actual, string what) =>
        GradientChecks.Require(expected == actual || (double.IsNaN(expected) && double.IsNaN(actual)),
            () => $"{what}: expected {expected:R}, got {actual:R}");
}
