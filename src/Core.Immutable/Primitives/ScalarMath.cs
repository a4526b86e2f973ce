using System.Numerics;

namespace FunctionalAD;

/// <summary>
/// The catalogue's functions that .NET's generic math lacks, for generic code over any
/// <see cref="IFloatingPointIeee754{TSelf}"/>: at <c>double</c> they compute, at <see cref="Dual{T}"/> and
/// <see cref="ReverseNumber{T}"/> (nested too) they carry the primitive's derivative, and at <see cref="Expr"/>
/// they trace to the primitive. So <c>ScalarMath.Erf(x)</c> in a generic function differentiates and traces like
/// <c>T.Sin(x)</c>.
/// </summary>
public static partial class ScalarMath
{
    /// <summary>σ(x) = 1/(1 + e^−x) (<see cref="Primitives.Sigmoid"/>).</summary>
    public static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T> => new Primitives.SigmoidRule().Value(x);

    /// <summary>ln(1 + e^x) (<see cref="Primitives.Softplus"/>).</summary>
    public static T Softplus<T>(T x) where T : IFloatingPointIeee754<T> => new Primitives.SoftplusRule().Value(x);

    /// <summary>max(x, 0) (<see cref="Primitives.Relu"/>).</summary>
    public static T Relu<T>(T x) where T : IFloatingPointIeee754<T> => new Primitives.ReluRule().Value(x);

    /// <summary>The error function (<see cref="Primitives.Erf"/>).</summary>
    public static T Erf<T>(T x) where T : IFloatingPointIeee754<T> => new Primitives.ErfRule().Value(x);

    /// <summary>The exact GELU x·Φ(x) (<see cref="Primitives.Gelu"/>).</summary>
    public static T Gelu<T>(T x) where T : IFloatingPointIeee754<T> => new Primitives.GeluRule().Value(x);

    /// <summary>The exponential linear unit with parameter α (<see cref="Primitives.EluOf"/>).</summary>
    public static T Elu<T>(T x, double alpha) where T : IFloatingPointIeee754<T> => new Primitives.EluRule(alpha).Value(x);

    /// <summary>The leaky rectified linear unit with slope s (<see cref="Primitives.LeakyReluOf"/>).</summary>
    public static T LeakyRelu<T>(T x, double slope) where T : IFloatingPointIeee754<T> => new Primitives.LeakyReluRule(slope).Value(x);

    /// <summary>sign x as a number of type T: ±1, ±0 or NaN, derivative 0 (<see cref="Primitives.Sign"/>).</summary>
    public static T Sign<T>(T x) where T : IFloatingPointIeee754<T> => new Primitives.SignRule().Value(x);

    /// <summary>x limited to constant bounds (<see cref="Primitives.ClampOf"/>).</summary>
    /// <exception cref="ArgumentException">lo &gt; hi, or either bound is NaN.</exception>
    public static T Clamp<T>(T x, double min, double max) where T : IFloatingPointIeee754<T>
    {
        _ = Primitives.ClampOf(min, max); // checks the bounds
        return new Primitives.ClampRule(min, max).Value(x);
    }
}

public static partial class ScalarMath
{
    /// <summary>
    /// The elementwise rule <paramref name="rule"/> applied to <paramref name="x"/> at any number type: its value at
    /// <c>double</c>, its value and derivative at <see cref="Dual{T}"/> and <see cref="ReverseNumber{T}"/> (nested too),
    /// its primitive's node at <see cref="Expr"/> — as a catalogue function such as <see cref="Sigmoid{T}"/> is.
    /// </summary>
    public static T Apply<T, R>(R rule, T x) where T : IFloatingPointIeee754<T> where R : struct, IUnaryRule =>
        typeof(T) == typeof(double) ? rule.Value(x) : Generic.Lift(rule, x);

    /// <summary>The binary rule <paramref name="rule"/> applied to <paramref name="x"/> and <paramref name="y"/> at any number type.</summary>
    public static T Apply<T, R>(R rule, T x, T y) where T : IFloatingPointIeee754<T> where R : struct, IBinaryRule =>
        typeof(T) == typeof(double) ? rule.Value(x, y) : Generic.Lift(rule, x, y);
}
