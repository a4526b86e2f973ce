using System.Diagnostics.CodeAnalysis;
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
/// (exponent and significand bytes) describe the value. Each derivative call of <see cref="Forward"/> and
/// <see cref="Transform"/> tags its perturbation; tangents of two different calls meeting at one level (an inner
/// derivative instantiated at the outer level) throw <see cref="InvalidOperationException"/> instead of adding up.
/// <c>Dual&lt;double&gt;</c>, the single level, does no tag work per operation: there a derivative call that runs
/// inside another one on the same thread first evaluates its function with a zero seed, and a tangent that still
/// moves is the outer call's perturbation leaking in, reported the same way.
/// </remarks>
/// <typeparam name="T">The scalar: <see cref="double"/>, or another dual or reverse number for nesting.</typeparam>
public readonly partial struct Dual<T> : IFloatingPointIeee754<Dual<T>>, IExactZero, IRuleLift<Dual<T>>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>A dual number with the given value and tangent (a −0 tangent is kept as +0: both are the strong zero).</summary>
    /// <param name="value">The primal value.</param>
    /// <param name="tangent">The derivative of the value along the chosen direction.</param>
    public Dual(T value, T tangent)
    {
        this.value = value;
        this.tangent = Canonical(tangent);
    }

    /// <summary>A dual number whose tangent is the perturbation of the derivative call <paramref name="tag"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Dual(T value, T tangent, int tag)
    {
        this.value = value;
        this.tangent = tangent;
        this.tag = tag;
    }

    // Plain fields, read directly by the operators, so that the JIT keeps a dual in registers.
    private readonly T value;
    private readonly T tangent;

    // Which derivative call's perturbation the tangent carries: 0 for constants and user-made duals. Two
    // different perturbations meeting at the same level is perturbation confusion, reported, never summed.
    private readonly int tag;

    /// <summary>The primal value.</summary>
    public T Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => value;
    }

    /// <summary>The derivative of the value along the chosen direction.</summary>
    public T Tangent
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => tangent;
    }

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
    // For double the product is used as it is unless it is ±0 or NaN, the only cases where the strong-zero
    // product differs from it; those take the exact rule, inline (a call would make the JIT keep every live
    // double of the caller on the stack, all vector registers being volatile).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Dual<T> Chain(T value, T derivative)
    {
        if (typeof(T) == typeof(double))
        {
            var r = AsDouble(derivative) * AsDouble(tangent);
            if (Unusual(r)) r = AsDouble(StrongZero.Times(derivative, tangent));
            return new(value, FromDouble(r), 0);
        }
        return new(value, StrongZero.Times(derivative, tangent), tag);
    }

    // A binary function with partials px, py: tangent px·tx + py·ty as strong-zero products, exactly 0 when
    // neither argument moves. For double, px·tx + py·ty differs from that only when it is ±0 (a −0 product
    // becomes +0) or NaN (0 × ∞); those take the exact rule, inline.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Dual<T> Chain(Dual<T> x, Dual<T> y, T value, T px, T py)
    {
        if (typeof(T) == typeof(double))
        {
            var r = AsDouble(px) * AsDouble(x.tangent) + AsDouble(py) * AsDouble(y.tangent);
            if (Unusual(r))
                r = AsDouble(StrongZero.Times(px, x.tangent)) + AsDouble(StrongZero.Times(py, y.tangent));
            return new(value, FromDouble(r), Tag(x, y));
        }
        bool xStill = StrongZero.Is(x.tangent), yStill = StrongZero.Is(y.tangent);
        if (xStill && yStill) return new(value, T.Zero, Tag(x, y));
        return new(value, StrongZero.Times(px, x.tangent) + StrongZero.Times(py, y.tangent), Tag(x, y));
    }

    // The tangent of a sum or difference: tx ± ty, and +0 when neither moves. A double tangent is never −0 (every
    // constructor and rule makes a zero tangent +0), and in IEEE arithmetic only −0 + −0 and −0 − +0 give −0, so for
    // double the plain sum is already the rule, with no test; for nested numbers the stillness tests decide.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T SumTangent(T tx, T ty, bool subtract)
    {
        if (typeof(T) == typeof(double))
            return FromDouble(subtract ? AsDouble(tx) - AsDouble(ty) : AsDouble(tx) + AsDouble(ty));
        if (StrongZero.Is(tx) && StrongZero.Is(ty)) return T.Zero;
        return subtract ? tx - ty : tx + ty;
    }

    // True for ±0 and NaN, on the integer side, where the ALUs are idle in dual arithmetic: with the sign shifted out,
    // ±0 is 0 (which the −1 wraps to the top) and a NaN lies above ∞'s 0xFFE0….
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Unusual(double r) => (ulong)(BitConverter.DoubleToInt64Bits(r) << 1) - 1 >= 0xFFE0_0000_0000_0000UL;

    // A double tangent with −0 made +0 (x + 0 is x for every other x, NaN included); other types as they are.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Canonical(T tangent) => typeof(T) == typeof(double) ? FromDouble(AsDouble(tangent) + 0.0) : tangent;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double AsDouble(T x) => Unsafe.As<T, double>(ref x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T FromDouble(double x) => Unsafe.As<double, T>(ref x);

    // The perturbation a binary result carries. One perturbation, or a constant's 0, on either side is the
    // common case: an OR. Two different perturbations at one level are fine when one side does not move and
    // confusion otherwise; both are decided inline, and the confusion throws through a helper that never
    // returns, so that no call on the hot path makes the JIT spill the operands.
    // Dual<double>, the single level, carries no tags (see SingleLevel): the result is the constant 0, and the JIT drops
    // every tag instruction.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Tag(Dual<T> x, Dual<T> y)
    {
        if (typeof(T) == typeof(double)) return 0;
        int a = x.tag, b = y.tag;
        if (a == b || a == 0 || b == 0) return a | b;
        if (StrongZero.Is(y.tangent)) return a;
        if (StrongZero.Is(x.tangent)) return b;
        ThrowConfusion();
        return 0;
    }

    // Not marked NoInlining: the JIT then sees that it never returns and keeps nothing alive across the call.
    [DoesNotReturn]
    internal static void ThrowConfusion() =>
        throw new InvalidOperationException(
            $"Perturbation confusion: tangents of two different derivative calls met at the same level (Dual<{typeof(T).Name}>). " +
            "An inner derivative of a function that uses an outer variable must run one level up, e.g. " +
            "Forward.Derivative<Dual<double>>(y => x + y, 1.0) inside Forward.Derivative(x => …, 1.0); " +
            "a function written once generically (IRealFunction) gets the levels right by itself.");

    /// <summary>The perturbation the tangent carries (0 for constants and user-made duals).</summary>
    internal int PerturbationTag => tag;

    /// <summary>A fresh perturbation tag for one derivative call: never 0, except at the tag-free single level.</summary>
    internal static int NewTag() => typeof(T) == typeof(double) ? 0 : DualTags.Next();

    // The tag a unary result carries: x's own, a constant 0 at the single level.
    private int Own
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => typeof(T) == typeof(double) ? 0 : tag;
    }

    // The catalogue's rules, applied: the value and the derivative come from the primitive's one statement,
    // instantiated at T, and the chain rule is the one above.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Dual<T> Apply<R>(R rule, Dual<T> x) where R : struct, IUnaryRule
    {
        var z = rule.Value(x.value);
        return x.Chain(z, rule.Derivative(x.value, z));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Dual<T> Apply<R>(R rule, Dual<T> x, Dual<T> y) where R : struct, IBinaryRule
    {
        var z = rule.Value(x.value, y.value);
        var (px, py) = rule.Partials(x.value, y.value, z);
        return Chain(x, y, z, px, py);
    }

    static Dual<T> IRuleLift<Dual<T>>.Apply<R>(R rule, Dual<T> x) => Apply(rule, x);

    static Dual<T> IRuleLift<Dual<T>>.Apply<R>(R rule, Dual<T> x, Dual<T> y) => Apply(rule, x, y);

    // A function whose derivative is zero (rounding): the tangent is an exact zero.
    private static Dual<T> Flat(T value) => new(value, T.Zero);

    private static T Two => T.One + T.One;

    private static T Half => T.One / Two;

    // Sums keep their own tangent rule: the partials 1 and ±1 of Primitives.Add and Primitives.Subtract, with
    // no products to form (and the same bits: a strong-zero product by 1 is the tangent itself, +0 for ±0).

    /// <summary><c>x + y</c>. ∂/∂x = 1, ∂/∂y = 1.</summary>
    public static Dual<T> operator +(Dual<T> x, Dual<T> y) =>
        new(x.value + y.value, SumTangent(x.tangent, y.tangent, subtract: false), Tag(x, y));

    /// <summary><c>x − y</c>. ∂/∂x = 1, ∂/∂y = −1.</summary>
    public static Dual<T> operator -(Dual<T> x, Dual<T> y) =>
        new(x.value - y.value, SumTangent(x.tangent, y.tangent, subtract: true), Tag(x, y));

    /// <summary><c>x mod y</c> = x − y·trunc(x/y) (C# <c>%</c>). ∂/∂x = 1, ∂/∂y = −trunc(x/y).</summary>
    public static Dual<T> operator %(Dual<T> x, Dual<T> y)
    {
        var z = x.Value % y.Value;
        return Chain(x, y, z, T.One, -T.Round((x.Value - z) / y.Value));
    }

    /// <summary><c>+x</c>: x itself.</summary>
    public static Dual<T> operator +(Dual<T> x) => x;

    /// <summary><c>x + 1</c>; the tangent is unchanged.</summary>
    public static Dual<T> operator ++(Dual<T> x) => new(x.Value + T.One, x.Tangent, x.Own);

    /// <summary><c>x − 1</c>; the tangent is unchanged.</summary>
    public static Dual<T> operator --(Dual<T> x) => new(x.Value - T.One, x.Tangent, x.Own);

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

/// <summary>The counter that hands out perturbation tags, one per derivative call.</summary>
internal static class DualTags
{
    private static int counter;

    /// <summary>The next tag; never 0 (which marks constants).</summary>
    public static int Next()
    {
        var tag = Interlocked.Increment(ref counter);
        return tag != 0 ? tag : Interlocked.Increment(ref counter);
    }
}
