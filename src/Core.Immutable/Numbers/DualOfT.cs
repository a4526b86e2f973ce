using System.Numerics;
using System.Runtime.CompilerServices;

namespace FunctionalAD;

/// <summary>
/// A dual number v + t·ε with ε² = 0 over any IEEE 754 scalar <typeparamref name="T"/>: a value and its
/// tangent, carried together so that forward mode needs no graph. It is itself an
/// <see cref="IFloatingPointIeee754{TSelf}"/>, so a function written once as
/// <c>static T F&lt;T&gt;(T x) where T : IFloatingPointIeee754&lt;T&gt;</c> runs on it, and so does
/// <c>Dual&lt;Dual&lt;double&gt;&gt;</c> (second derivatives): nesting is by type, so an inner perturbation
/// is never confused with an outer one.
/// </summary>
/// <remarks>
/// Every math member carries its true derivative, with the conventions of the primitive catalogue: at a
/// kink the mean of the one-sided derivatives, an exact-zero tangent or partial is a strong zero (0 × ∞ = 0),
/// √′(0) = +∞. Rounding functions (Floor, Ceiling, Round, Truncate) have derivative zero. Comparisons,
/// equality, hashing, predicates (IsNaN, IsInteger, …) and conversions to other number types act on the
/// value alone, so ordinary branches take the path the value takes; the members that describe the bit layout
/// (exponent and significand bytes) describe the value.
/// </remarks>
/// <typeparam name="T">The scalar: <see cref="double"/>, or another dual or reverse number for nesting.</typeparam>
public readonly partial struct Dual<T> : IFloatingPointIeee754<Dual<T>>, IExactZero
    where T : IFloatingPointIeee754<T>
{
    /// <summary>A dual number with the given value and tangent.</summary>
    /// <param name="value">The primal value.</param>
    /// <param name="tangent">The derivative of the value along the chosen direction.</param>
    public Dual(T value, T tangent)
    {
        Value = value;
        Tangent = tangent;
    }

    /// <summary>The primal value.</summary>
    public T Value { get; }

    /// <summary>The derivative of the value along the chosen direction.</summary>
    public T Tangent { get; }

    /// <summary>Splits the number into value and tangent.</summary>
    /// <param name="value">The primal value.</param>
    /// <param name="tangent">The tangent.</param>
    public void Deconstruct(out T value, out T tangent)
    {
        value = Value;
        tangent = Tangent;
    }

    /// <summary>A constant (tangent zero); lets scalars mix with duals, as in <c>2.0 * x</c>.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Dual<T>(T value) => new(value, T.Zero);

    bool IExactZero.IsExactZero => StrongZero.Is(Value) && StrongZero.Is(Tangent);

    /// <summary>Whether value and tangent are both exact zeros (in every nested component).</summary>
    internal bool IsExactZero => StrongZero.Is(Value) && StrongZero.Is(Tangent);

    // The chain rule in one place. A unary function with derivative d at the value: tangent d·t (strong zero).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Dual<T> Chain(T value, T derivative) => new(value, StrongZero.Times(derivative, Tangent));

    // A binary function with partials px, py: tangent px·tx + py·ty, exactly 0 when neither argument moves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Dual<T> Chain(Dual<T> x, Dual<T> y, T value, T px, T py) =>
        new(value, StrongZero.Is(x.Tangent) && StrongZero.Is(y.Tangent)
            ? T.Zero
            : StrongZero.Times(px, x.Tangent) + StrongZero.Times(py, y.Tangent));

    // A function whose derivative is zero (rounding): the tangent is an exact zero.
    private static Dual<T> Flat(T value) => new(value, T.Zero);

    private static T Two => T.One + T.One;

    private static T Half => T.One / Two;

    /// <summary><c>x + y</c>. ∂/∂x = 1, ∂/∂y = 1.</summary>
    public static Dual<T> operator +(Dual<T> x, Dual<T> y) =>
        new(x.Value + y.Value, StrongZero.Is(x.Tangent) && StrongZero.Is(y.Tangent) ? T.Zero : x.Tangent + y.Tangent);

    /// <summary><c>x − y</c>. ∂/∂x = 1, ∂/∂y = −1.</summary>
    public static Dual<T> operator -(Dual<T> x, Dual<T> y) =>
        new(x.Value - y.Value, StrongZero.Is(x.Tangent) && StrongZero.Is(y.Tangent) ? T.Zero : x.Tangent - y.Tangent);

    /// <summary><c>x · y</c>. ∂/∂x = y, ∂/∂y = x.</summary>
    public static Dual<T> operator *(Dual<T> x, Dual<T> y) => Chain(x, y, x.Value * y.Value, y.Value, x.Value);

    /// <summary><c>x / y</c>. ∂/∂x = 1/y, ∂/∂y = −(x/y)/y; division by zero follows IEEE 754.</summary>
    public static Dual<T> operator /(Dual<T> x, Dual<T> y)
    {
        var z = x.Value / y.Value;
        return Chain(x, y, z, T.One / y.Value, -z / y.Value);
    }

    /// <summary><c>x mod y</c> = x − y·trunc(x/y) (C# <c>%</c>). ∂/∂x = 1, ∂/∂y = −trunc(x/y).</summary>
    public static Dual<T> operator %(Dual<T> x, Dual<T> y)
    {
        var z = x.Value % y.Value;
        return Chain(x, y, z, T.One, -T.Round((x.Value - z) / y.Value));
    }

    /// <summary><c>−x</c>. d/dx = −1.</summary>
    public static Dual<T> operator -(Dual<T> x) => x.Chain(-x.Value, -T.One);

    /// <summary><c>+x</c>: x itself.</summary>
    public static Dual<T> operator +(Dual<T> x) => x;

    /// <summary><c>x + 1</c>; the tangent is unchanged.</summary>
    public static Dual<T> operator ++(Dual<T> x) => new(x.Value + T.One, x.Tangent);

    /// <summary><c>x − 1</c>; the tangent is unchanged.</summary>
    public static Dual<T> operator --(Dual<T> x) => new(x.Value - T.One, x.Tangent);

    /// <summary>Named twin of <c>+</c>.</summary>
    public static Dual<T> Add(Dual<T> x, Dual<T> y) => x + y;

    /// <summary>Named twin of <c>−</c>.</summary>
    public static Dual<T> Subtract(Dual<T> x, Dual<T> y) => x - y;

    /// <summary>Named twin of <c>*</c>.</summary>
    public static Dual<T> Multiply(Dual<T> x, Dual<T> y) => x * y;

    /// <summary>Named twin of <c>/</c>.</summary>
    public static Dual<T> Divide(Dual<T> x, Dual<T> y) => x / y;

    /// <summary>Named twin of unary <c>−</c>.</summary>
    public static Dual<T> Negate(Dual<T> x) => -x;
}
