using System.Collections.Immutable;
using System.Numerics;

namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary>
    /// <c>clamp(x, lo, hi)</c>: x limited to [lo, hi], for constant bounds. d/dx = 1 inside (lo, hi) and 0 outside;
    /// at an edge x = lo or x = hi it is ½, the mean of the one-sided derivatives, and when lo = hi it is 0 everywhere.
    /// The derivative is step(x, lo) + step(hi, x) − 1. NaN stays NaN. Named <c>clamp</c> with its two parameters,
    /// <c>clamp[lo, hi]</c>.
    /// </summary>
    /// <param name="min">lo, the lower bound.</param>
    /// <param name="max">hi, the upper bound, at least lo.</param>
    /// <exception cref="ArgumentException">lo &gt; hi, or either bound is NaN.</exception>
    public static Primitive ClampOf(double min, double max) =>
        !(min <= max)
            ? throw new ArgumentException($"clamp needs lower bound ≤ upper bound, but got lo = {min}, hi = {max}.", nameof(min))
            : Rules.Unary("clamp", new ClampRule(min, max), parameters: ImmutableArray.Create(min, max));

    internal readonly struct ClampRule(double min, double max) : IUnaryRule
    {
        public Primitive Primitive => ClampOf(min, max);
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> =>
            Generic.IsDouble<T>() ? Generic.FromDouble<T>(Math.Clamp(Generic.AsDouble(x), min, max)) : Generic.Lift(this, x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> =>
            Generic.Step(x, Generic.Constant<T>(min)) + Generic.Step(Generic.Constant<T>(max), x) - T.One;
    }
}

public abstract partial class Expr
{
    /// <summary><paramref name="x"/> limited to [<paramref name="min"/>, <paramref name="max"/>] (<see cref="Primitives.ClampOf"/>).</summary>
    public static Expr Clamp(Expr x, double min, double max) => Apply(Primitives.ClampOf(min, max), x);
}

public static partial class Dual
{
    /// <summary>x limited to constant bounds, as in <see cref="Primitives.ClampOf"/> (½ at an edge, 0 when lo = hi).</summary>
    /// <exception cref="ArgumentException">lo &gt; hi, or either bound is NaN.</exception>
    public static Dual<T> Clamp<T>(Dual<T> x, double min, double max) where T : IFloatingPointIeee754<T>
    {
        _ = Primitives.ClampOf(min, max); // checks the bounds
        return Dual<T>.Apply(new Primitives.ClampRule(min, max), x);
    }
}

public static partial class ReverseNumber
{
    /// <summary>x limited to constant bounds, as in <see cref="Primitives.ClampOf"/> (½ at an edge, 0 when lo = hi).</summary>
    /// <exception cref="ArgumentException">lo &gt; hi, or either bound is NaN.</exception>
    public static ReverseNumber<T> Clamp<T>(ReverseNumber<T> x, double min, double max) where T : IFloatingPointIeee754<T>
    {
        _ = Primitives.ClampOf(min, max); // checks the bounds
        return ReverseNumber<T>.Apply(new Primitives.ClampRule(min, max), x);
    }
}
