using System.Numerics;

namespace FunctionalAD;

/// <summary>
/// Factories and functions for <see cref="ReverseNumber{T}"/> that read without type arguments, and the
/// application of catalogue primitives to <c>ReverseNumber&lt;double&gt;</c> with their own rules, as the
/// graph sweeps do.
/// </summary>
public static partial class ReverseNumber
{
    /// <summary>A constant: no cotangent flows into it.</summary>
    /// <param name="value">The value.</param>
    public static ReverseNumber<T> Constant<T>(T value) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Constant(value);

    /// <summary>A variable of differentiation (a leaf that receives a cotangent).</summary>
    /// <param name="value">The value.</param>
    public static ReverseNumber<T> Variable<T>(T value) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Variable(value);

    /// <summary>
    /// Applies a unary catalogue primitive with its value and VJP rules. The VJP is linear in the cotangent,
    /// so its pullback at cotangent 1 is the local partial, which is recorded.
    /// </summary>
    /// <param name="primitive">The primitive.</param>
    /// <param name="x">The argument.</param>
    public static ReverseNumber<double> Apply(Primitive primitive, ReverseNumber<double> x)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        var elementwise = ElementwisePrimitive.Of(primitive, 1);
        var value = elementwise.Value(x.Value, 0);
        return ReverseNumber<double>.Unary(x, value, elementwise.Vjp(x.Value, 0, value)(1).First);
    }

    /// <summary>Applies a binary catalogue primitive with its value and VJP rules (partials from the pullback at 1).</summary>
    /// <param name="primitive">The primitive.</param>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    public static ReverseNumber<double> Apply(Primitive primitive, ReverseNumber<double> x, ReverseNumber<double> y)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        var elementwise = ElementwisePrimitive.Of(primitive, 2);
        var value = elementwise.Value(x.Value, y.Value);
        var (first, second) = elementwise.Vjp(x.Value, y.Value, value)(1);
        return ReverseNumber<double>.Binary(x, y, value, first, second);
    }

    /// <summary><c>x ^ p</c> for a constant p.</summary>
    public static ReverseNumber<T> Pow<T>(ReverseNumber<T> x, T exponent) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Pow(x, exponent);
}
