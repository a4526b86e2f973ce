using System.Numerics;

namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary>
    /// <c>ln(1 + x)</c>, accurate near 0. d/dx = 1/(1 + x); at the domain edge x = −1 the value is −∞ and the
    /// derivative +∞; below −1 the value is NaN.
    /// </summary>
    public static readonly Primitive LogP1 = Rules.Unary("log1p", new LogP1Rule());

    /// <summary><c>e^x − 1</c>, accurate near 0. d/dx = e^x.</summary>
    public static readonly Primitive ExpM1 = Rules.Unary("expm1", new ExpM1Rule());

    /// <summary><c>log₂ x</c>. d/dx = 1/(x·ln 2); at x = 0 (and −0) the value is −∞ and the derivative +∞, as for <see cref="Log"/>.</summary>
    public static readonly Primitive Log2 = Rules.Unary("log2", new Log2Rule());

    /// <summary><c>2^x</c>. d/dx = 2^x·ln 2.</summary>
    public static readonly Primitive Exp2 = Rules.Unary("exp2", new Exp2Rule());

    internal readonly struct LogP1Rule : IUnaryRule
    {
        public Primitive Primitive => LogP1;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.LogP1(x);
        // 1 + (−1) is +0, so the derivative at the edge is +∞.
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.One / (T.One + x);
    }

    internal readonly struct ExpM1Rule : IUnaryRule
    {
        public Primitive Primitive => ExpM1;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.ExpM1(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.Exp(x);
    }

    internal readonly struct Log2Rule : IUnaryRule
    {
        public Primitive Primitive => Log2;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Log2(x);
        // x − (−0) turns −0 into +0, as in Log.
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> =>
            T.One / ((x - T.NegativeZero) * Generic.Constant<T>(Math.Log(2)));
    }

    internal readonly struct Exp2Rule : IUnaryRule
    {
        public Primitive Primitive => Exp2;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp2(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => z * Generic.Constant<T>(Math.Log(2));
    }
}

public abstract partial class Expr
{
    /// <summary><c>ln(1 + x)</c> (<see cref="Primitives.LogP1"/>).</summary>
    public static Expr LogP1(Expr x) => Apply(Primitives.LogP1, x);
    /// <summary><c>e^x − 1</c> (<see cref="Primitives.ExpM1"/>).</summary>
    public static Expr ExpM1(Expr x) => Apply(Primitives.ExpM1, x);
    /// <summary><c>log₂ x</c> (<see cref="Primitives.Log2"/>).</summary>
    public static Expr Log2(Expr x) => Apply(Primitives.Log2, x);
    /// <summary><c>2^x</c> (<see cref="Primitives.Exp2"/>).</summary>
    public static Expr Exp2(Expr x) => Apply(Primitives.Exp2, x);
}

public static partial class Dual
{
    /// <summary><c>ln(1 + x)</c>; see <see cref="Dual{T}.LogP1(Dual{T})"/>.</summary>
    public static Dual<T> LogP1<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.LogP1(x);
    /// <summary><c>e^x − 1</c>; see <see cref="Dual{T}.ExpM1(Dual{T})"/>.</summary>
    public static Dual<T> ExpM1<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.ExpM1(x);
    /// <summary><c>log₂ x</c>; see <see cref="Dual{T}.Log2(Dual{T})"/>.</summary>
    public static Dual<T> Log2<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Log2(x);
    /// <summary><c>2^x</c>; see <see cref="Dual{T}.Exp2(Dual{T})"/>.</summary>
    public static Dual<T> Exp2<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Exp2(x);
}

public static partial class ReverseNumber
{
    /// <summary><c>ln(1 + x)</c>; see <see cref="ReverseNumber{T}.LogP1(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> LogP1<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.LogP1(x);
    /// <summary><c>e^x − 1</c>; see <see cref="ReverseNumber{T}.ExpM1(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> ExpM1<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.ExpM1(x);
    /// <summary><c>log₂ x</c>; see <see cref="ReverseNumber{T}.Log2(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Log2<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Log2(x);
    /// <summary><c>2^x</c>; see <see cref="ReverseNumber{T}.Exp2(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Exp2<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Exp2(x);
}

public readonly partial struct Dual<T>
{
    /// <summary><c>2^x</c>. d/dx = 2^x·ln 2.</summary>
    public static Dual<T> Exp2(Dual<T> x) => Apply(new Primitives.Exp2Rule(), x);

    /// <summary><c>e^x − 1</c>, accurate near 0. d/dx = e^x.</summary>
    public static Dual<T> ExpM1(Dual<T> x) => Apply(new Primitives.ExpM1Rule(), x);

    /// <summary><c>log₂ x</c>. d/dx = 1/(x·ln 2); +∞ at x = 0.</summary>
    public static Dual<T> Log2(Dual<T> x) => Apply(new Primitives.Log2Rule(), x);

    /// <summary><c>ln(1 + x)</c>, accurate near 0. d/dx = 1/(1 + x); +∞ at x = −1.</summary>
    public static Dual<T> LogP1(Dual<T> x) => Apply(new Primitives.LogP1Rule(), x);
}

public readonly partial struct ReverseNumber<T>
{
    /// <summary><c>2^x</c>. d/dx = 2^x·ln 2.</summary>
    public static ReverseNumber<T> Exp2(ReverseNumber<T> x) => Apply(new Primitives.Exp2Rule(), x);

    /// <summary><c>e^x − 1</c>, accurate near 0. d/dx = e^x.</summary>
    public static ReverseNumber<T> ExpM1(ReverseNumber<T> x) => Apply(new Primitives.ExpM1Rule(), x);

    /// <summary><c>log₂ x</c>. d/dx = 1/(x·ln 2); +∞ at x = 0.</summary>
    public static ReverseNumber<T> Log2(ReverseNumber<T> x) => Apply(new Primitives.Log2Rule(), x);

    /// <summary><c>ln(1 + x)</c>, accurate near 0. d/dx = 1/(1 + x); +∞ at x = −1.</summary>
    public static ReverseNumber<T> LogP1(ReverseNumber<T> x) => Apply(new Primitives.LogP1Rule(), x);
}
