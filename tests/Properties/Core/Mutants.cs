using System.Collections.Immutable;
using FunctionalAD.Properties.Generators;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// Wrong derivative rules, made from the right ones with <see cref="Primitive.WithJvp"/> and
/// <see cref="Primitive.WithVjp"/>. A mutant keeps its original's name and value rule, so it is a drop-in
/// replacement in a catalogue; only a derivative is wrong.
/// </summary>
public static class Mutants
{
    /// <summary>The JVP returns the negated tangent; the VJP is untouched.</summary>
    public const string JvpSignFlip = "jvp-sign-flip";

    /// <summary>The VJP returns twice the cotangents; the JVP is untouched.</summary>
    public const string VjpTimesTwo = "vjp-times-two";

    /// <summary>Both rules are a neighbouring primitive's (e.g. sin gets cos's derivative); the modes still agree.</summary>
    public const string NeighbourRule = "neighbour-rule";

    public static readonly ImmutableArray<string> Kinds = [JvpSignFlip, VjpTimesTwo, NeighbourRule];

    /// <summary>Every primitive mutated: the catalogue plus each exponent of the <see cref="Primitives.PowerOf"/> family.</summary>
    public static ImmutableArray<Primitive> Targets => GraphOptions.DefaultCatalogue;

    /// <summary>The primitive whose derivative a <see cref="NeighbourRule"/> mutant borrows (same arity).</summary>
    /// <remarks>
    /// Each pair's derivatives differ on most of the domain, but some coincide on part of it — neg gets abs's
    /// rule (−1 vs sign x: equal for x &lt; 0), relu and abs swap (equal for x &gt; 0) — so those mutants are
    /// caught only by the cases that reach the other part, which random points do often. Not chosen, because
    /// no test could catch it: sqrt ↦ x^0.5, the same function, whose rule is not wrong for sqrt at all.
    /// </remarks>
    public static Primitive Neighbour(Primitive p) => p.Name switch
    {
        "add" => Primitives.Subtract,
        "sub" => Primitives.Add,
        "mul" => Primitives.Divide,
        "div" => Primitives.Multiply,
        "pow" => Primitives.Multiply,
        "min" => Primitives.Max,
        "max" => Primitives.Min,
        "neg" => Primitives.Abs,
        "exp" => Primitives.Log,
        "log" => Primitives.Exp,
        "sqrt" => Primitives.Log,
        "sin" => Primitives.Cos,
        "cos" => Primitives.Sin,
        "tan" => Primitives.Tanh,
        "tanh" => Primitives.Sigmoid,
        "sigmoid" => Primitives.Tanh,
        "softplus" => Primitives.Sigmoid,
        "relu" => Primitives.Abs,
        "abs" => Primitives.Relu,
        "powc" => Primitives.PowerOf(p.Parameters[0] + 1),
        "atan" => Primitives.Tanh,
        "asin" => Primitives.Atan,
        "acos" => Primitives.Asin,
        "atan2" => Primitives.Hypot,
        "hypot" => Primitives.Atan2,
        "sinh" => Primitives.Cosh,
        "cosh" => Primitives.Sinh,
        "asinh" => Primitives.Atan,
        "acosh" => Primitives.Log,
        "atanh" => Primitives.Atan,
        "log1p" => Primitives.Log,
        "expm1" => Primitives.Exp2, // not exp: the same derivative
        "exp2" => Primitives.Exp,
        "log2" => Primitives.Log,
        "cbrt" => Primitives.Sqrt,
        "erf" => Primitives.Tanh,
        "gelu" => Primitives.Sigmoid,
        "elu" or "leaky_relu" or "floor" => Primitives.Relu,
        "clamp" or "sign" or "round" => Primitives.Abs,
        _ => NextOfSameArity(p),
    };

    /// <summary>
    /// The default neighbour: the next primitive of the catalogue with the same arity and a derivative that is not
    /// zero almost everywhere (a primitive without a chosen neighbour still gets a wrong rule).
    /// </summary>
    private static Primitive NextOfSameArity(Primitive p)
    {
        var candidates = Primitives.All.Where(q => q.Arity == p.Arity && !IsFlat(q)).ToList();
        var at = candidates.FindIndex(q => q.Name == p.Name);
        return candidates[(at + 1) % candidates.Count];
    }

    /// <summary>Whether <paramref name="p"/>'s derivative is zero almost everywhere (sign, floor, round).</summary>
    public static bool IsFlat(Primitive p) => p.Name is "sign" or "floor" or "round";

    /// <summary>
    /// The mutations that are wrong rules for <paramref name="p"/>: a flipped or doubled zero derivative is the
    /// same zero, so a primitive whose derivative is zero almost everywhere gets its neighbour's rule only.
    /// </summary>
    public static ImmutableArray<string> KindsFor(Primitive p) => IsFlat(p) ? [NeighbourRule] : Kinds;

    /// <summary>The mutant of <paramref name="p"/> of the given kind.</summary>
    public static Primitive Make(Primitive p, string kind) => kind switch
    {
        JvpSignFlip => p.WithJvp((x, y, z, dx, dy) => -p.Jvp(x, y, z, dx, dy)),
        VjpTimesTwo => p.WithVjp((x, y, z) =>
        {
            var pullback = p.Vjp(x, y, z);
            return ct =>
            {
                var (first, second) = pullback(ct);
                return new Cotangents(2 * first, 2 * second);
            };
        }),
        NeighbourRule => Borrow(p, Neighbour(p)),
        _ => throw new ArgumentException($"Unknown mutation '{kind}'.", nameof(kind)),
    };

    /// <summary><paramref name="p"/> with both derivative rules of <paramref name="q"/>, evaluated at q's own output.</summary>
    private static Primitive Borrow(Primitive p, Primitive q) =>
        p.WithJvp((x, y, _, dx, dy) => q.Jvp(x, y, q.Value(x, y), dx, dy))
         .WithVjp((x, y, _) => q.Vjp(x, y, q.Value(x, y)));
}
