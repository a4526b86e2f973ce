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

    /// <summary><c>x ^ y</c>; see <see cref="Dual{T}.Pow(Dual{T}, Dual{T})"/>.</summary>
    public static Dual<T> Pow<T>(Dual<T> x, Dual<T> y) where T : IFloatingPointIeee754<T> => Dual<T>.Pow(x, y);
    /// <summary><c>x ^ p</c> for a constant p; see <see cref="Dual{T}.Pow(Dual{T}, T)"/>.</summary>
    public static Dual<T> Pow<T>(Dual<T> x, T exponent) where T : IFloatingPointIeee754<T> => Dual<T>.Pow(x, exponent);
    /// <summary><c>e^x</c>.</summary>
    public static Dual<T> Exp<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Exp(x);
    /// <summary><c>ln x</c>.</summary>
    public static Dual<T> Log<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Log(x);
    /// <summary><c>√x</c>.</summary>
    public static Dual<T> Sqrt<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Sqrt(x);
    /// <summary><c>sin x</c>.</summary>
    public static Dual<T> Sin<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Sin(x);
    /// <summary><c>cos x</c>.</summary>
    public static Dual<T> Cos<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Cos(x);
    /// <summary><c>tan x</c>.</summary>
    public static Dual<T> Tan<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Tan(x);
    /// <summary><c>tanh x</c>.</summary>
    public static Dual<T> Tanh<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Tanh(x);
    /// <summary><c>σ(x)</c>.</summary>
    public static Dual<T> Sigmoid<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Sigmoid(x);
    /// <summary><c>ln(1 + e^x)</c>.</summary>
    public static Dual<T> Softplus<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Softplus(x);
    /// <summary><c>max(x, 0)</c>.</summary>
    public static Dual<T> Relu<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Relu(x);
    /// <summary><c>|x|</c>.</summary>
    public static Dual<T> Abs<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Abs(x);
    /// <summary><c>min(x, y)</c>.</summary>
    public static Dual<T> Min<T>(Dual<T> x, Dual<T> y) where T : IFloatingPointIeee754<T> => Dual<T>.Min(x, y);
    /// <summary><c>max(x, y)</c>.</summary>
    public static Dual<T> Max<T>(Dual<T> x, Dual<T> y) where T : IFloatingPointIeee754<T> => Dual<T>.Max(x, y);
}
