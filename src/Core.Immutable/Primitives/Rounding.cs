using System.Numerics;

namespace FunctionalAD;

public static partial class Primitives
{
    // Piecewise-constant primitives: their derivative is 0 almost everywhere, and at each jump the kink convention
    // (the mean of the one-sided derivatives, 0 and 0) makes it 0 there too. A gradient through them is exactly 0,
    // never NaN; finite differences across a jump are not derivatives.

    /// <summary>
    /// <c>sign x</c>: 1 for x &gt; 0, −1 for x &lt; 0, and x itself at ±0 and NaN. d/dx = 0 everywhere, also at the
    /// jump x = 0.
    /// </summary>
    public static readonly Primitive Sign = Rules.Unary("sign", new SignRule());

    /// <summary><c>⌊x⌋</c>, the largest integer ≤ x. d/dx = 0 everywhere, also at the integers, where it jumps.</summary>
    public static readonly Primitive Floor = Rules.Unary("floor", new FloorRule());

    /// <summary>
    /// <c>round x</c>, to the nearest integer with ties to even (2.5 → 2, 3.5 → 4), as <see cref="Math.Round(double)"/>.
    /// d/dx = 0 everywhere, also at the half-integers, where it jumps.
    /// </summary>
    public static readonly Primitive Round = Rules.Unary("round", new RoundRule());

    internal readonly struct RoundRule : IUnaryRule
    {
        public Primitive Primitive => Round;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Round(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.Zero;
    }

    internal readonly struct SignRule : IUnaryRule
    {
        public Primitive Primitive => Sign;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T>
        {
            if (!Generic.IsDouble<T>()) return Generic.Lift(this, x);
            var v = Generic.AsDouble(x);
            return Generic.FromDouble<T>(v > 0 ? 1 : v < 0 ? -1 : v);
        }
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.Zero;
    }

    internal readonly struct FloorRule : IUnaryRule
    {
        public Primitive Primitive => Floor;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Floor(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.Zero;
    }
}

public abstract partial class Expr
{
    /// <summary><c>sign x</c> as a graph (<see cref="Primitives.Sign"/>).</summary>
    public static Expr Sign(Expr x) => Apply(Primitives.Sign, x);
    /// <summary><c>⌊x⌋</c> (<see cref="Primitives.Floor"/>).</summary>
    public static Expr Floor(Expr x) => Apply(Primitives.Floor, x);
    /// <summary><c>round x</c>, ties to even (<see cref="Primitives.Round"/>).</summary>
    public static Expr Round(Expr x) => Apply(Primitives.Round, x);
}

public static partial class Dual
{
    /// <summary><c>sign x</c> as a dual number (value ±1, ±0 or NaN; tangent 0), as in <see cref="Primitives.Sign"/>.</summary>
    public static Dual<T> Sign<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Apply(new Primitives.SignRule(), x);
    /// <summary><c>⌊x⌋</c>; see <see cref="Dual{T}.Floor(Dual{T})"/>.</summary>
    public static Dual<T> Floor<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Floor(x);
    /// <summary><c>round x</c>, ties to even; see <see cref="Dual{T}.Round(Dual{T})"/>.</summary>
    public static Dual<T> Round<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Round(x);
}

public static partial class ReverseNumber
{
    /// <summary><c>sign x</c> as a reverse number (no cotangent flows back), as in <see cref="Primitives.Sign"/>.</summary>
    public static ReverseNumber<T> Sign<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Apply(new Primitives.SignRule(), x);
    /// <summary><c>⌊x⌋</c>; see <see cref="ReverseNumber{T}.Floor(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Floor<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Floor(x);
    /// <summary><c>round x</c>, ties to even; see <see cref="ReverseNumber{T}.Round(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Round<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Round(x);
}

public readonly partial struct Dual<T>
{
    /// <summary>Rounds down; piecewise constant, so the derivative is 0.</summary>
    public static Dual<T> Floor(Dual<T> x) => Apply(new Primitives.FloorRule(), x);

    /// <summary>Rounds to the nearest integer (ties to even); piecewise constant, so the derivative is 0.</summary>
    public static Dual<T> Round(Dual<T> x) => Apply(new Primitives.RoundRule(), x);
}

public readonly partial struct ReverseNumber<T>
{
    /// <summary>Rounds down; piecewise constant, so the derivative is 0.</summary>
    public static ReverseNumber<T> Floor(ReverseNumber<T> x) => Apply(new Primitives.FloorRule(), x);

    /// <summary>Rounds to the nearest integer (ties to even); piecewise constant, so the derivative is 0.</summary>
    public static ReverseNumber<T> Round(ReverseNumber<T> x) => Apply(new Primitives.RoundRule(), x);
}
