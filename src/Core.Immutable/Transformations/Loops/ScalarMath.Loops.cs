using System.Numerics;

namespace FunctionalAD;

public static partial class ScalarMath
{
    /// <summary>
    /// <paramref name="step"/> applied <paramref name="count"/> times, starting from <paramref name="initial"/>: a loop
    /// marked for tracing. At <c>double</c>, <see cref="Dual{T}"/> or <see cref="ReverseNumber{T}"/> it is the plain
    /// loop; traced at <c>T = Expr</c> (<see cref="Graph.Trace(Func{Expr, Expr}, string)"/>) it is one
    /// <see cref="Expr.Fold(Expr, int, Func{Expr, Expr})"/> node, whose body is the step traced once, instead of
    /// <paramref name="count"/> copies of it.
    /// </summary>
    /// <example><code>T Chain&lt;T&gt;(T x) where T : IFloatingPointIeee754&lt;T&gt; =&gt; ScalarMath.Fold(x, 1_000_000, v =&gt; v + T.CreateChecked(1e-7) * T.Sin(v));</code></example>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static T Fold<T>(T initial, int count, Func<T, T> step) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(step);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "Fold: the number of steps cannot be negative.");
        if (initial is Expr traced) return (T)(object)Expr.Fold(traced, count, c => (Expr)(object)step((T)(object)c));
        var x = initial;
        for (var k = 0; k < count; k++) x = step(x);
        return x;
    }

    /// <summary>
    /// <paramref name="step"/> applied while <paramref name="condition"/> holds (is not 0), at most
    /// <paramref name="maxCount"/> times: a bounded while loop marked for tracing. At numbers it is the plain loop; traced
    /// at <c>T = Expr</c> it is one <see cref="Expr.While"/> node.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is negative.</exception>
    public static T While<T>(T initial, int maxCount, Func<T, T> condition, Func<T, T> step) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(step);
        if (maxCount < 0) throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, "While: the most steps cannot be negative.");
        if (initial is Expr traced)
            return (T)(object)Expr.While(traced, maxCount, c => (Expr)(object)condition((T)(object)c), c => (Expr)(object)step((T)(object)c));
        var x = initial;
        for (var k = 0; k < maxCount && !T.IsZero(condition(x)); k++) x = step(x);
        return x;
    }
}
