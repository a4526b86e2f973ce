using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// A dual number v + t·ε with ε² = 0: a value and its tangent, carried together through a computation
/// so that forward mode needs no graph. Every operation applies the JVP rule of its primitive in
/// <see cref="Primitives"/>, the same rule graphs use.
/// </summary>
/// <param name="Value">The primal value.</param>
/// <param name="Tangent">The derivative of the value along the chosen direction.</param>
public readonly record struct Dual(double Value, double Tangent)
{
    /// <summary>A constant: tangent zero.</summary>
    public static Dual Constant(double value) => new(value, 0);

    /// <summary>The variable of differentiation: tangent one.</summary>
    public static Dual Variable(double value) => new(value, 1);

    /// <summary>Applies a unary primitive with its value and JVP rules.</summary>
    public static Dual Apply(Primitive primitive, Dual x)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        var value = primitive.Value(x.Value, 0);
        return new(value, x.Tangent == 0 ? 0 : primitive.Jvp(x.Value, 0, value, x.Tangent, 0));
    }

    /// <summary>Applies a binary primitive with its value and JVP rules.</summary>
    public static Dual Apply(Primitive primitive, Dual x, Dual y)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        var value = primitive.Value(x.Value, y.Value);
        return new(value, x.Tangent == 0 && y.Tangent == 0
            ? 0
            : primitive.Jvp(x.Value, y.Value, value, x.Tangent, y.Tangent));
    }

    /// <summary>A constant; lets numbers mix with duals, as in <c>2.0 * x</c>.</summary>
    public static implicit operator Dual(double value) => Constant(value);

    /// <summary><c>x + y</c>.</summary>
    public static Dual operator +(Dual x, Dual y) => Add(x, y);
    /// <summary><c>x − y</c>.</summary>
    public static Dual operator -(Dual x, Dual y) => Subtract(x, y);
    /// <summary><c>x · y</c>.</summary>
    public static Dual operator *(Dual x, Dual y) => Multiply(x, y);
    /// <summary><c>x / y</c>.</summary>
    public static Dual operator /(Dual x, Dual y) => Divide(x, y);
    /// <summary><c>−x</c>.</summary>
    public static Dual operator -(Dual x) => Negate(x);

    /// <summary><c>x + y</c>.</summary>
    public static Dual Add(Dual x, Dual y) => Apply(Primitives.Add, x, y);
    /// <summary><c>x − y</c>.</summary>
    public static Dual Subtract(Dual x, Dual y) => Apply(Primitives.Subtract, x, y);
    /// <summary><c>x · y</c>.</summary>
    public static Dual Multiply(Dual x, Dual y) => Apply(Primitives.Multiply, x, y);
    /// <summary><c>x / y</c>.</summary>
    public static Dual Divide(Dual x, Dual y) => Apply(Primitives.Divide, x, y);
    /// <summary><c>−x</c>.</summary>
    public static Dual Negate(Dual x) => Apply(Primitives.Negate, x);
    /// <summary><c>x ^ y</c>, both differentiable.</summary>
    public static Dual Pow(Dual x, Dual y) => Apply(Primitives.Pow, x, y);
    /// <summary><c>x ^ p</c> for a constant exponent.</summary>
    public static Dual Pow(Dual x, double exponent) => Apply(Primitives.PowerOf(exponent), x);
    /// <summary><c>e^x</c>.</summary>
    public static Dual Exp(Dual x) => Apply(Primitives.Exp, x);
    /// <summary><c>ln x</c>.</summary>
    public static Dual Log(Dual x) => Apply(Primitives.Log, x);
    /// <summary><c>√x</c>.</summary>
    public static Dual Sqrt(Dual x) => Apply(Primitives.Sqrt, x);
    /// <summary><c>sin x</c>.</summary>
    public static Dual Sin(Dual x) => Apply(Primitives.Sin, x);
    /// <summary><c>cos x</c>.</summary>
    public static Dual Cos(Dual x) => Apply(Primitives.Cos, x);
    /// <summary><c>tan x</c>.</summary>
    public static Dual Tan(Dual x) => Apply(Primitives.Tan, x);
    /// <summary><c>tanh x</c>.</summary>
    public static Dual Tanh(Dual x) => Apply(Primitives.Tanh, x);
    /// <summary><c>σ(x)</c>.</summary>
    public static Dual Sigmoid(Dual x) => Apply(Primitives.Sigmoid, x);
    /// <summary><c>ln(1 + e^x)</c>.</summary>
    public static Dual Softplus(Dual x) => Apply(Primitives.Softplus, x);
    /// <summary><c>max(x, 0)</c>.</summary>
    public static Dual Relu(Dual x) => Apply(Primitives.Relu, x);
    /// <summary><c>|x|</c>.</summary>
    public static Dual Abs(Dual x) => Apply(Primitives.Abs, x);
    /// <summary><c>min(x, y)</c>.</summary>
    public static Dual Min(Dual x, Dual y) => Apply(Primitives.Min, x, y);
    /// <summary><c>max(x, y)</c>.</summary>
    public static Dual Max(Dual x, Dual y) => Apply(Primitives.Max, x, y);

    /// <summary>The dual number as <c>value + tangent·ε</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Value:R} + {Tangent:R}ε");
}
