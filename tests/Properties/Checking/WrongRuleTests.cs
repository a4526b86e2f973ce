using System.Numerics;
using FunctionalAD.Properties.Support;
using FunctionalAD.Testing;

namespace FunctionalAD.Properties.Checking;

/// <summary>
/// Thirty deliberately wrong rules of one's own — sign flips, factor errors, a neighbour's rule, a wrong second
/// derivative only, a VJP that is not the JVP's transpose, a wrong custom JVP, backward pass or residual — each caught by
/// the rule checker, with a shrunk counterexample and a report that names the comparison that failed.
/// </summary>
public sealed class WrongRuleTests
{
    private static readonly RuleCheckOptions Quick = RuleCheckOptions.Default with { Cases = 50 };
    private static readonly Domain Around = Domain.Between(-2, 2);
    private static readonly Domain Positive = Domain.Between(0.3, 3);

    // Elementwise rules are generic structs; the wrong ones below differ from the right ones in one place each.
    private readonly struct SinFlipped : IUnaryRule { public Primitive Primitive => P.SinFlipped; public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x); public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => -T.Cos(x); }
    private readonly struct ExpDoubled : IUnaryRule { public Primitive Primitive => P.ExpDoubled; public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(x); public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => z + z; }
    private readonly struct TanhWithSigmoidRule : IUnaryRule { public Primitive Primitive => P.TanhWithSigmoidRule; public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Tanh(x); public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => z * (T.One - z); }
    private readonly struct CosWithSinRule : IUnaryRule { public Primitive Primitive => P.CosWithSinRule; public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Cos(x); public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.Sin(x); }
    private readonly struct LogSquared : IUnaryRule { public Primitive Primitive => P.LogSquared; public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(x); public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.One / (x * x); }
    private readonly struct SqrtWithoutHalf : IUnaryRule { public Primitive Primitive => P.SqrtWithoutHalf; public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Sqrt(x); public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.One / z; }
    private readonly struct CubeWithSquare : IUnaryRule { public Primitive Primitive => P.CubeWithSquare; public T Value<T>(T x) where T : IFloatingPointIeee754<T> => x * x * x; public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => x * x; }
    private readonly struct SinFlatSecond : IUnaryRule { public Primitive Primitive => P.SinFlatSecond; public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x); public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => ScalarMath.StopGradient(T.Cos(x)); }
    private readonly struct ExpShifted : IUnaryRule { public Primitive Primitive => P.ExpShifted; public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(x); public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => z + T.CreateTruncating(0.01); }
    private readonly struct AtanWrong : IUnaryRule { public Primitive Primitive => P.AtanWrong; public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Atan(x); public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.One / (T.One + x); }
    private readonly struct SoftplusFlipped : IUnaryRule { public Primitive Primitive => P.SoftplusFlipped; public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(T.One + T.Exp(x)); public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(x)); }
    private readonly struct SigmoidPlus : IUnaryRule { public Primitive Primitive => P.SigmoidPlus; public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x)); public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => z * (T.One + z); }
    private readonly struct ExpOfX : IUnaryRule { public Primitive Primitive => P.ExpOfX; public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(x); public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => x; }
    private readonly struct SquareHalved : IUnaryRule { public Primitive Primitive => P.SquareHalved; public T Value<T>(T x) where T : IFloatingPointIeee754<T> => x * x; public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => x; }
    private readonly struct SinhWithCos : IUnaryRule { public Primitive Primitive => P.SinhWithCos; public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Sinh(x); public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.Cos(x); }
    private readonly struct MulSwapped : IBinaryRule { public Primitive Primitive => P.MulSwapped; public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => x * y; public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> => (x, y); }
    private readonly struct PowDyFlipped : IBinaryRule { public Primitive Primitive => P.PowDyFlipped; public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Pow(x, y); public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> => (y * T.Pow(x, y - T.One), -z * T.Log(x)); }
    private readonly struct AddTwice : IBinaryRule { public Primitive Primitive => P.AddTwice; public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => x + y; public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> => (T.One, T.One + T.One); }
    private readonly struct HypotSwapped : IBinaryRule { public Primitive Primitive => P.HypotSwapped; public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Hypot(x, y); public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> => (y / z, x / z); }
    private readonly struct MulFlatSecond : IBinaryRule { public Primitive Primitive => P.MulFlatSecond; public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => x * y; public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> => (ScalarMath.StopGradient(y), ScalarMath.StopGradient(x)); }
    private readonly struct DivDxWrong : IBinaryRule { public Primitive Primitive => P.DivDxWrong; public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => x / y; public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> => (y, -z / y); }

    private static class P
    {
        public static readonly Primitive SinFlipped = UserPrimitives.Unary("sin_flipped", new SinFlipped());
        public static readonly Primitive ExpDoubled = UserPrimitives.Unary("exp_doubled", new ExpDoubled());
        public static readonly Primitive TanhWithSigmoidRule = UserPrimitives.Unary("tanh_with_sigmoid_rule", new TanhWithSigmoidRule());
        public static readonly Primitive CosWithSinRule = UserPrimitives.Unary("cos_with_sin_rule", new CosWithSinRule());
        public static readonly Primitive LogSquared = UserPrimitives.Unary("log_squared", new LogSquared());
        public static readonly Primitive SqrtWithoutHalf = UserPrimitives.Unary("sqrt_without_half", new SqrtWithoutHalf());
        public static readonly Primitive CubeWithSquare = UserPrimitives.Unary("cube_with_square", new CubeWithSquare());
        public static readonly Primitive SinFlatSecond = UserPrimitives.Unary("sin_flat_second", new SinFlatSecond());
        public static readonly Primitive ExpShifted = UserPrimitives.Unary("exp_shifted", new ExpShifted());
        public static readonly Primitive AtanWrong = UserPrimitives.Unary("atan_wrong", new AtanWrong());
        public static readonly Primitive SoftplusFlipped = UserPrimitives.Unary("softplus_flipped", new SoftplusFlipped());
        public static readonly Primitive SigmoidPlus = UserPrimitives.Unary("sigmoid_plus", new SigmoidPlus());
        public static readonly Primitive ExpOfX = UserPrimitives.Unary("exp_of_x", new ExpOfX());
        public static readonly Primitive SquareHalved = UserPrimitives.Unary("square_halved", new SquareHalved());
        public static readonly Primitive SinhWithCos = UserPrimitives.Unary("sinh_with_cos", new SinhWithCos());
        public static readonly Primitive MulSwapped = UserPrimitives.Binary("mul_swapped", new MulSwapped());
        public static readonly Primitive PowDyFlipped = UserPrimitives.Binary("pow_dy_flipped", new PowDyFlipped());
        public static readonly Primitive AddTwice = UserPrimitives.Binary("add_twice", new AddTwice());
        public static readonly Primitive HypotSwapped = UserPrimitives.Binary("hypot_swapped", new HypotSwapped());
        public static readonly Primitive MulFlatSecond = UserPrimitives.Binary("mul_flat_second", new MulFlatSecond());
        public static readonly Primitive DivDxWrong = UserPrimitives.Binary("div_dx_wrong", new DivDxWrong());
    }

    public static TheoryData<string> Cases() => [.. All.Keys];

    private static readonly Dictionary<string, Func<RuleCheckReport>> All = new()
    {
        ["sign flip"] = () => RuleCheck.Elementwise(P.SinFlipped, Quick, Around),
        ["factor 2"] = () => RuleCheck.Elementwise(P.ExpDoubled, Quick, Around),
        ["a neighbour's rule (tanh with sigmoid's)"] = () => RuleCheck.Elementwise(P.TanhWithSigmoidRule, Quick, Around),
        ["a neighbour's rule (cos with sin's)"] = () => RuleCheck.Elementwise(P.CosWithSinRule, Quick, Around),
        ["wrong power"] = () => RuleCheck.Elementwise(P.LogSquared, Quick, Positive),
        ["missing factor ½"] = () => RuleCheck.Elementwise(P.SqrtWithoutHalf, Quick, Positive),
        ["missing factor 3"] = () => RuleCheck.Elementwise(P.CubeWithSquare, Quick, Around),
        ["wrong second derivative only"] = () => RuleCheck.Elementwise(P.SinFlatSecond, Quick, Around),
        ["off by a constant"] = () => RuleCheck.Elementwise(P.ExpShifted, Quick, Around),
        ["wrong denominator"] = () => RuleCheck.Elementwise(P.AtanWrong, Quick, Positive),
        ["σ(−x) for σ(x)"] = () => RuleCheck.Elementwise(P.SoftplusFlipped, Quick, Around),
        ["z(1 + z) for z(1 − z)"] = () => RuleCheck.Elementwise(P.SigmoidPlus, Quick, Around),
        ["x for eˣ"] = () => RuleCheck.Elementwise(P.ExpOfX, Quick, Around),
        ["missing factor 2"] = () => RuleCheck.Elementwise(P.SquareHalved, Quick, Around),
        ["cos for cosh"] = () => RuleCheck.Elementwise(P.SinhWithCos, Quick, Around),
        ["partials swapped"] = () => RuleCheck.Elementwise(P.MulSwapped, Quick, Around),
        ["a partial's sign flipped"] = () => RuleCheck.Elementwise(P.PowDyFlipped, Quick, Positive, Around),
        ["a partial doubled"] = () => RuleCheck.Elementwise(P.AddTwice, Quick, Around),
        ["partials of the other argument"] = () => RuleCheck.Elementwise(P.HypotSwapped, Quick, Positive),
        ["binary, wrong second derivative only"] = () => RuleCheck.Elementwise(P.MulFlatSecond, Quick, Around),
        ["∂/∂x = y for 1/y"] = () => RuleCheck.Elementwise(P.DivDxWrong, Quick, Around, Positive),
        ["tensor VJP not the transpose"] = () => RuleCheck.Tensor(new RunningSum("running_sum_untransposed", new RunningSumFaults(CotangentFromTheStart: true)), [Shape.Vector(3)], Around, Quick),
        ["tensor JVP scaled"] = () => RuleCheck.Tensor(new RunningSum("running_sum_scaled", new RunningSumFaults(TangentScale: 1.5)), [Shape.Vector(3)], Around, Quick),
        ["tensor VJP sign flipped"] = () => RuleCheck.Tensor(new RunningSum("running_sum_flipped", new RunningSumFaults(CotangentSign: -1)), [Shape.Vector(3)], Around, Quick),
        ["tensor VJP as a graph wrong (second order)"] = () => RuleCheck.Tensor(new RunningSum("running_sum_wrong_graph", new RunningSumFaults(WrongGraphRule: true)), [Shape.Vector(3)], Around, Quick),
        ["custom JVP with a wrong factor"] = () => RuleCheck.Custom(
            CustomDerivative.WithJvp("sqrt_jvp_no_half", Expr.Sqrt, (x, y, dx) => dx / y), [Shape.Scalar], Positive, Quick),
        ["custom backward with a wrong sign"] = () => RuleCheck.Custom(
            CustomDerivative.WithVjp("sin_vjp_flipped", Expr.Sin, (x, y, c) => -c * Expr.Cos(x)), [Shape.Scalar], Around, Quick),
        ["custom residual wrong"] = () => RuleCheck.Custom(
            CustomDerivative.WithVjp("exp_wrong_residual", 1, x => new ForwardWithResiduals(Expr.Exp(x[0]), [Expr.Exp(2 * x[0])]),
                (r, y, c) => [c * r[0]]), [Shape.Scalar], Around, Quick),
        ["custom cotangents in the wrong order"] = () => RuleCheck.Custom(
            CustomDerivative.WithVjp("mul_vjp_swapped", 2, x => new ForwardWithResiduals(x[0] * Expr.Exp(x[1]), [x[0], x[1]]),
                (r, y, c) => [c * r[0] * Expr.Exp(r[1]), c * Expr.Exp(r[1])]), [Shape.Scalar, Shape.Scalar], Around, Quick),
        ["custom rule whose second derivative is wrong"] = () => RuleCheck.Custom(
            CustomDerivative.WithJvp("cube_rule_of_value", x => x * x * x, (x, y, dx) => 3 * Expr.StopGradient(x * x) * dx), [Shape.Scalar], Around, Quick),
    };

    [Fact]
    public void ThereAreThirtyWrongRules() => Assert.Equal(30, All.Count);

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachWrongRuleIsReported(string fault)
    {
        var report = All[fault]();
        Assert.False(report.Passed, $"{fault}: not caught");
        Assert.NotEmpty(report.Counterexample);
        Assert.Contains("vs", report.Failure!.ToString());
        Assert.Contains(report.Subject, report.ToString());
        Assert.Throws<RuleCheckException>(() => report.ThrowIfFailed());
    }

    [Fact]
    public void AFailureShrinksToTheSimplestPoint()
    {
        // sin with its derivative's sign flipped fails everywhere cos x ≠ 0, so the simplest failing point is 0.
        var report = RuleCheck.Elementwise(P.SinFlipped, Quick, Around);
        Assert.Equal(0.0, Assert.Single(report.Counterexample));
        Assert.Contains("fails at (0)", report.ToString());
        Assert.Contains("reverse mode vs finite differences: ∂out/∂a is -1, expected 0.99999999999", report.ToString());   // central differences of sin at 0
    }
}
