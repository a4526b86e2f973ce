using System.Numerics;

namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary>
    /// <c>∛x</c>, the real cube root, also of negative numbers. d/dx = 1/(3∛x²); at x = 0 the derivative is +∞
    /// (the limit from both sides).
    /// </summary>
    public static readonly Primitive Cbrt = Rules.Unary("cbrt", new CbrtRule());

    /// <summary>
    /// <c>√(x² + y²)</c> without overflow. ∂/∂x = x/h, ∂/∂y = y/h (h the value). At the origin, the tip of a cone,
    /// both partials are 0: the mean of the one-sided derivatives along either axis, as for |x| (each partial is a
    /// strong-zero product x·(1/h)).
    /// </summary>
    public static readonly Primitive Hypot = Rules.Binary("hypot", new HypotRule());

    internal readonly struct CbrtRule : IUnaryRule
    {
        public Primitive Primitive => Cbrt;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Cbrt(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.One / (Generic.Constant<T>(3) * (z * z));
    }

    internal readonly struct HypotRule : IBinaryRule
    {
        public Primitive Primitive => Hypot;
        public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Hypot(x, y);
        public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T>
        {
            var inverse = T.One / z;
            return (Generic.Times(x, inverse), Generic.Times(y, inverse));
        }
    }
}

public abstract partial class Expr
{
    /// <summary><c>∛x</c> (<see cref="Primitives.Cbrt"/>).</summary>
    public static Expr Cbrt(Expr x) => Apply(Primitives.Cbrt, x);
    /// <summary><c>√(x² + y²)</c> (<see cref="Primitives.Hypot"/>).</summary>
    public static Expr Hypot(Expr x, Expr y) => Apply(Primitives.Hypot, x, y);
}

public static partial class Dual
{
    /// <summary><c>∛x</c>; see <see cref="Dual{T}.Cbrt(Dual{T})"/>.</summary>
    public static Dual<T> Cbrt<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Cbrt(x);
    /// <summary><c>√(x² + y²)</c>; see <see cref="Dual{T}.Hypot(Dual{T}, Dual{T})"/>.</summary>
    public static Dual<T> Hypot<T>(Dual<T> x, Dual<T> y) where T : IFloatingPointIeee754<T> => Dual<T>.Hypot(x, y);
}

public static partial class ReverseNumber
{
    /// <summary><c>∛x</c>; see <see cref="ReverseNumber{T}.Cbrt(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Cbrt<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Cbrt(x);
    /// <summary><c>√(x² + y²)</c>; see <see cref="ReverseNumber{T}.Hypot(ReverseNumber{T}, ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Hypot<T>(ReverseNumber<T> x, ReverseNumber<T> y) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Hypot(x, y);
}

public readonly partial struct Dual<T>
{
    /// <summary><c>∛x</c>. d/dx = 1/(3∛x²); +∞ at x = 0.</summary>
    public static Dual<T> Cbrt(Dual<T> x) => Apply(new Primitives.CbrtRule(), x);

    /// <summary>
    /// <c>√(x² + y²)</c> without overflow. ∂/∂x = x/h, ∂/∂y = y/h; at the origin, a cone's tip, both are 0
    /// (the mean of the one-sided derivatives along either axis, as for |x|).
    /// </summary>
    public static Dual<T> Hypot(Dual<T> x, Dual<T> y) => Apply(new Primitives.HypotRule(), x, y);
}

public readonly partial struct ReverseNumber<T>
{
    /// <summary><c>∛x</c>. d/dx = 1/(3∛x²); +∞ at x = 0.</summary>
    public static ReverseNumber<T> Cbrt(ReverseNumber<T> x) => Apply(new Primitives.CbrtRule(), x);

    /// <summary>
    /// <c>√(x² + y²)</c> without overflow. ∂/∂x = x/h, ∂/∂y = y/h; at the origin, a cone's tip, both are 0
    /// (the mean of the one-sided derivatives along either axis, as for |x|).
    /// </summary>
    public static ReverseNumber<T> Hypot(ReverseNumber<T> x, ReverseNumber<T> y) => Apply(new Primitives.HypotRule(), x, y);
}
