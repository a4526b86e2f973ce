using System.Collections.Immutable;
using FunctionalAD.Properties.Generators;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// Wrong derivative rules, made from the right ones as ordinary descriptors: a <see cref="MutantPrimitive"/> whose
/// forward rule and reverse rule are each an elementwise primitive stated by its derivative, one of them wrong. A
/// mutant keeps its original's name and value rule, so it is a drop-in replacement in a catalogue; only a derivative
/// is wrong. It has no scalar statements of its own, so graphs that apply it run on the general sweeps.
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
    public static MutantPrimitive Make(Primitive p, string kind) => kind switch
    {
        JvpSignFlip => new(p, Scaled(p, -1), p),
        VjpTimesTwo => new(p, p, Scaled(p, 2)),
        NeighbourRule => Borrow(p, Neighbour(p)) is var both ? new(p, both, both) : throw new InvalidOperationException(),
        _ => throw new ArgumentException($"Unknown mutation '{kind}'.", nameof(kind)),
    };

    /// <summary><paramref name="p"/> with its reverse rule's partials replaced by <paramref name="partials"/> (x, y, z).</summary>
    public static MutantPrimitive WithReverse(Primitive p, Func<double, double, double, (double, double)> partials) =>
        new(p, p, Rules.Binary(p.Name, (x, y) => p.Value(x, y), partials, (x, y, z) => p.PartialsGraph(x, y, z) is var (a, b) ? (a, b!) : default));

    /// <summary><paramref name="p"/>'s descriptor with its derivative times <paramref name="factor"/>.</summary>
    private static Primitive Scaled(Primitive p, double factor)
    {
        var raw = p.Raw!;
        return p.Arity == 1
            ? Rules.Unary(p.Name, raw.UnaryValue!, (x, z) => factor * raw.Derivative!(x, z), (x, z) => p.PartialsGraph(x, null, z).First, parameters: p.Parameters)
            : Rules.Binary(p.Name, raw.BinaryValue!, (x, y, z) => raw.Partials!(x, y, z) is var (a, b) ? (factor * a, factor * b) : default,
                (x, y, z) => p.PartialsGraph(x, y, z) is var (a, b) ? (a, b!) : default);
    }

    /// <summary><paramref name="p"/>'s value with the derivative of <paramref name="q"/>, evaluated at q's own output.</summary>
    private static Primitive Borrow(Primitive p, Primitive q)
    {
        var (raw, borrowed) = (p.Raw!, q.Raw!);
        return p.Arity == 1
            ? Rules.Unary(p.Name, raw.UnaryValue!, (x, _) => borrowed.Derivative!(x, borrowed.UnaryValue!(x)), (x, z) => p.PartialsGraph(x, null, z).First,
                parameters: p.Parameters)
            : Rules.Binary(p.Name, raw.BinaryValue!, (x, y, _) => borrowed.Partials!(x, y, borrowed.BinaryValue!(x, y)),
                (x, y, z) => p.PartialsGraph(x, y, z) is var (a, b) ? (a, b!) : default);
    }
}
