using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;

namespace FunctionalAD.Properties.NumberTypes;

/// <summary>Arguments, tangents and a cotangent for one application of a scalar function.</summary>
public sealed record NumberCase(double X, double Y, double Dx, double Dy, double Cotangent)
{
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"x = {X:R}, y = {Y:R}, dx = {Dx:R}, dy = {Dy:R}, u = {Cotangent:R}");
}

/// <summary>
/// Random points for the number types: mostly uniform in [−5, 5], one time in four an edge value (0, −0, ±1,
/// ±∞, NaN, tiny, overflowing); tangents and cotangents mostly uniform, sometimes 0, −0, ∞ or NaN.
/// </summary>
public static class NumberCases
{
    private static readonly double[] Edges =
        [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 3.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1e-300, -1e-300, 710, -710, 25, -25];

    private static readonly double[] EdgeTangents = [0.0, -0.0, 1.0, double.PositiveInfinity, double.NaN];

    private static Gen<double> Mixed(double range, double[] edges) =>
        from k in Gen.Choose(0, 3)
        from u in Generators.Numbers.Uniform(-range, range)
        from e in Gen.Choose(0, edges.Length - 1)
        select k == 0 ? edges[e] : u;

    /// <summary>A point, tangents and a cotangent, edge values included.</summary>
    public static Arbitrary<NumberCase> Any() => Arb.From(
        from x in Mixed(5, Edges)
        from y in Mixed(5, Edges)
        from dx in Mixed(2, EdgeTangents)
        from dy in Mixed(2, EdgeTangents)
        from u in Mixed(2, EdgeTangents)
        select new NumberCase(x, y, dx, dy, u));

    /// <summary>A finite point in [<paramref name="low"/>, <paramref name="high"/>]² and finite tangents.</summary>
    public static Arbitrary<NumberCase> Inside(double low, double high) => Arb.From(
        from x in Generators.Numbers.Uniform(low, high)
        from y in Generators.Numbers.Uniform(low, high)
        from dx in Generators.Numbers.Uniform(-1, 1)
        from dy in Generators.Numbers.Uniform(-1, 1)
        from u in Generators.Numbers.Uniform(-1, 1)
        select new NumberCase(x, y, dx, dy, u));
}
