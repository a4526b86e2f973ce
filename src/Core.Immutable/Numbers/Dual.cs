using System.Numerics;

namespace FunctionalAD;

/// <summary>
/// Factories and functions for <see cref="Dual{T}"/> that read without type arguments:
/// <c>Forward.Derivative(t => Dual.Sin(t) * t, 1.0)</c>. Also applies catalogue primitives to
/// <c>Dual&lt;double&gt;</c> with their own rules, as the graph sweeps do.
/// </summary>
public static partial class Dual
{
    /// <summary>A constant: tangent zero.</summary>
    /// <param name="value">The value.</param>
    public static Dual<T> Constant<T>(T value) where T : IFloatingPointIeee754<T> => new(value, T.Zero);

    /// <summary>The variable of differentiation: tangent one.</summary>
    /// <param name="value">The value.</param>
    public static Dual<T> Variable<T>(T value) where T : IFloatingPointIeee754<T> => new(value, T.One);

    /// <summary>Applies a unary catalogue primitive with its value and JVP rules (as <see cref="Forward.Jvp(Expr, Bindings, Bindings)"/> does per node).</summary>
    /// <param name="primitive">The primitive.</param>
    /// <param name="x">The argument.</param>
    public static Dual<double> Apply(Primitive primitive, Dual<double> x)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        var elementwise = ElementwisePrimitive.Of(primitive, 1);
        var value = elementwise.Value(x.Value, 0);
        return new(value, x.Tangent == 0 ? 0 : elementwise.Jvp(x.Value, 0, value, x.Tangent, 0));
    }

    /// <summary>Applies a binary catalogue primitive with its value and JVP rules.</summary>
    /// <param name="primitive">The primitive.</param>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    public static Dual<double> Apply(Primitive primitive, Dual<double> x, Dual<double> y)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        var elementwise = ElementwisePrimitive.Of(primitive, 2);
        var value = elementwise.Value(x.Value, y.Value);
        return new(value, x.Tangent == 0 && y.Tangent == 0
            ? 0
            : elementwise.Jvp(x.Value, y.Value, value, x.Tangent, y.Tangent));
    }

    /// <summary><c>x ^ p</c> for a constant p; see <see cref="Dual{T}.Pow(Dual{T}, T)"/>.</summary>
    public static Dual<T> Pow<T>(Dual<T> x, T exponent) where T : IFloatingPointIeee754<T> => Dual<T>.Pow(x, exponent);
}
