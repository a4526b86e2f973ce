using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace FunctionalAD;

/// <summary>
/// The few helpers an elementwise rule needs beyond generic arithmetic, each right at every number type: at
/// <see cref="Expr"/> they build graph nodes, elsewhere they compute. The type tests are constants once the JIT
/// specialises a rule for a value type, so at <c>double</c> they cost nothing.
/// </summary>
internal static class Generic
{
    /// <summary>Whether <typeparamref name="T"/> is <c>double</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDouble<T>() => typeof(T) == typeof(double);

    /// <summary><paramref name="x"/> as a double; only when <typeparamref name="T"/> is double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AsDouble<T>(T x) => Unsafe.As<T, double>(ref x);

    /// <summary><paramref name="x"/> as a <typeparamref name="T"/>; only when <typeparamref name="T"/> is double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FromDouble<T>(double x) => Unsafe.As<double, T>(ref x);

    /// <summary>The constant <paramref name="c"/> in <typeparamref name="T"/> (a constant node at <see cref="Expr"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Constant<T>(double c) where T : IFloatingPointIeee754<T> => IsDouble<T>() ? FromDouble<T>(c) : T.CreateTruncating(c);

    /// <summary>
    /// The derivative of max(x, y) with respect to x: 1 where x &gt; y, 0 where x &lt; y, ½ at a tie (the kink
    /// convention), NaN if either is NaN. At <see cref="Expr"/> the node <see cref="Expr.Step"/>; at a dual or
    /// reverse number it compares the values and is a constant (its derivative is 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Step<T>(T x, T y) where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(Expr)) return (T)(object)Expr.Step((Expr)(object)x, (Expr)(object)y);
        if (IsDouble<T>())
        {
            double a = AsDouble(x), b = AsDouble(y);
            return FromDouble<T>(a > b ? 1 : a < b ? 0 : a == b ? 0.5 : double.NaN);
        }
        return x > y ? T.One : x < y ? T.Zero : x == y ? Constant<T>(0.5) : T.NaN;
    }

    /// <summary>
    /// <paramref name="a"/> × <paramref name="b"/> with a strong zero: an exact 0 on either side gives 0 even against
    /// ∞ or NaN (<see cref="Primitives.StrongMultiply"/> at <see cref="Expr"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Times<T>(T a, T b) where T : IFloatingPointIeee754<T> =>
        typeof(T) == typeof(Expr) ? (T)(object)Expr.StrongMultiply((Expr)(object)a, (Expr)(object)b)
        : IsDouble<T>() ? FromDouble<T>(Rules.Times(AsDouble(a), AsDouble(b)))
        : StrongZero.Times(a, b);

    /// <summary>
    /// A unary rule's value at a number type that is not double: the type applies the rule to itself (a dual number
    /// chains its derivative, a graph applies its primitive); a plain floating-point type (float, Half) goes through double.
    /// </summary>
    public static T Lift<T, R>(R rule, T x) where T : IFloatingPointIeee754<T> where R : struct, IUnaryRule =>
        UnaryLift<T, R>.Apply(rule, x);

    /// <summary>A binary rule's value at a number type that is not double (as <see cref="Lift{T, R}(R, T)"/>).</summary>
    public static T Lift<T, R>(R rule, T x, T y) where T : IFloatingPointIeee754<T> where R : struct, IBinaryRule =>
        BinaryLift<T, R>.Apply(rule, x, y);

    private static class UnaryLift<T, R> where T : IFloatingPointIeee754<T> where R : struct, IUnaryRule
    {
        public static readonly Func<R, T, T> Apply = typeof(IRuleLift<T>).IsAssignableFrom(typeof(T))
            ? Bridge<Func<R, T, T>>(nameof(ApplyUnary), typeof(T), typeof(R))
            : (rule, x) => T.CreateTruncating(rule.Value(double.CreateTruncating(x)));
    }

    private static class BinaryLift<T, R> where T : IFloatingPointIeee754<T> where R : struct, IBinaryRule
    {
        public static readonly Func<R, T, T, T> Apply = typeof(IRuleLift<T>).IsAssignableFrom(typeof(T))
            ? Bridge<Func<R, T, T, T>>(nameof(ApplyBinary), typeof(T), typeof(R))
            : (rule, x, y) => T.CreateTruncating(rule.Value(double.CreateTruncating(x), double.CreateTruncating(y)));
    }

    // Made once per (number type, rule): the constraint IRuleLift<T> is known only at run time.
    private static TDelegate Bridge<TDelegate>(string name, Type number, Type rule) where TDelegate : Delegate =>
        typeof(Generic).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(number, rule).CreateDelegate<TDelegate>();

    private static T ApplyUnary<T, R>(R rule, T x) where T : IRuleLift<T> where R : struct, IUnaryRule => T.Apply(rule, x);

    private static T ApplyBinary<T, R>(R rule, T x, T y) where T : IRuleLift<T> where R : struct, IBinaryRule => T.Apply(rule, x, y);
}
