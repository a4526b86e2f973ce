using FsCheck;
using FsCheck.Fluent;

namespace FunctionalAD.Properties.Generators;

/// <summary>Plain random reals for coefficients and directions (no shrinking needed: the graph shrinks).</summary>
public static class Numbers
{
    private const int Resolution = 1 << 30;

    /// <summary>Uniform on [<paramref name="low"/>, <paramref name="high"/>] (on a grid of 2³⁰ steps).</summary>
    public static Gen<double> Uniform(double low, double high) =>
        Gen.Choose(0, Resolution).Select(k => low + (high - low) * k / Resolution);

    /// <summary>A coefficient in [−3, 3].</summary>
    public static Arbitrary<double> Coefficient() => Arb.From(Uniform(-3, 3));

    /// <summary>A tangent per input slot: eight components in [−1, 1], of which a graph uses the first few.</summary>
    public static Arbitrary<double[]> Direction() => Arb.From(Gen.ArrayOf(Uniform(-1, 1), 8));
}
