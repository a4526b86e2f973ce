using System.Numerics;

namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary><c>arctan x</c>. d/dx = 1/(1 + x²); 0 at ±∞.</summary>
    public static readonly Primitive Atan = Rules.Unary("atan", new AtanRule());

    /// <summary>
    /// <c>arcsin x</c>, defined on [−1, 1]. d/dx = 1/√(1 − x²); at the domain edges x = ±1 the derivative is +∞
    /// (the one-sided limit); outside [−1, 1] the value and the derivative are NaN.
    /// </summary>
    public static readonly Primitive Asin = Rules.Unary("asin", new AsinRule());

    /// <summary>
    /// <c>arccos x</c>, defined on [−1, 1]. d/dx = −1/√(1 − x²); −∞ at x = ±1; NaN outside [−1, 1].
    /// </summary>
    public static readonly Primitive Acos = Rules.Unary("acos", new AcosRule());

    /// <summary>
    /// <c>atan2(y, x)</c>, the angle of the point (x, y) in (−π, π]; the first argument is y. ∂/∂y = x/(x² + y²),
    /// ∂/∂x = −y/(x² + y²). At the origin, where the angle is undefined, both partials are 0 (each a strong-zero
    /// product x·(1/r) with r = 0). Across the negative x axis the value jumps by 2π; there the partials are those
    /// of either side (they agree).
    /// </summary>
    public static readonly Primitive Atan2 = Rules.Binary("atan2", new Atan2Rule());

    internal readonly struct AtanRule : IUnaryRule
    {
        public Primitive Primitive => Atan;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Atan(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.One / (T.One + x * x);
    }

    internal readonly struct AsinRule : IUnaryRule
    {
        public Primitive Primitive => Asin;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Asin(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.One / T.Sqrt(T.One - x * x);
    }

    internal readonly struct AcosRule : IUnaryRule
    {
        public Primitive Primitive => Acos;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Acos(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.NegativeOne / T.Sqrt(T.One - x * x);
    }

    internal readonly struct Atan2Rule : IBinaryRule
    {
        public Primitive Primitive => Atan2;
        public T Value<T>(T y, T x) where T : IFloatingPointIeee754<T> => T.Atan2(y, x);
        public (T Dx, T Dy) Partials<T>(T y, T x, T z) where T : IFloatingPointIeee754<T>
        {
            var inverse = T.One / (x * x + y * y);
            return (Generic.Times(x, inverse), Generic.Times(-y, inverse));
        }
    }
}

public abstract partial class Expr
{
    /// <summary><c>arctan x</c> (<see cref="Primitives.Atan"/>).</summary>
    public static Expr Atan(Expr x) => Apply(Primitives.Atan, x);
    /// <summary><c>arcsin x</c> (<see cref="Primitives.Asin"/>).</summary>
    public static Expr Asin(Expr x) => Apply(Primitives.Asin, x);
    /// <summary><c>arccos x</c> (<see cref="Primitives.Acos"/>).</summary>
    public static Expr Acos(Expr x) => Apply(Primitives.Acos, x);
    /// <summary><c>atan2(y, x)</c>, the angle of (x, y) (<see cref="Primitives.Atan2"/>).</summary>
    public static Expr Atan2(Expr y, Expr x) => Apply(Primitives.Atan2, y, x);
}

public static partial class Dual
{
    /// <summary><c>arctan x</c>; see <see cref="Dual{T}.Atan(Dual{T})"/>.</summary>
    public static Dual<T> Atan<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Atan(x);
    /// <summary><c>arcsin x</c>; see <see cref="Dual{T}.Asin(Dual{T})"/>.</summary>
    public static Dual<T> Asin<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Asin(x);
    /// <summary><c>arccos x</c>; see <see cref="Dual{T}.Acos(Dual{T})"/>.</summary>
    public static Dual<T> Acos<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Acos(x);
    /// <summary><c>atan2(y, x)</c>; see <see cref="Dual{T}.Atan2(Dual{T}, Dual{T})"/>.</summary>
    public static Dual<T> Atan2<T>(Dual<T> y, Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Atan2(y, x);
}

public static partial class ReverseNumber
{
    /// <summary><c>arctan x</c>; see <see cref="ReverseNumber{T}.Atan(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Atan<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Atan(x);
    /// <summary><c>arcsin x</c>; see <see cref="ReverseNumber{T}.Asin(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Asin<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Asin(x);
    /// <summary><c>arccos x</c>; see <see cref="ReverseNumber{T}.Acos(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Acos<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Acos(x);
    /// <summary><c>atan2(y, x)</c>; see <see cref="ReverseNumber{T}.Atan2(ReverseNumber{T}, ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Atan2<T>(ReverseNumber<T> y, ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Atan2(y, x);
}

public readonly partial struct Dual<T>
{
    /// <summary><c>arcsin x</c>. d/dx = 1/√(1 − x²).</summary>
    public static Dual<T> Asin(Dual<T> x) => Apply(new Primitives.AsinRule(), x);

    /// <summary><c>arccos x</c>. d/dx = −1/√(1 − x²).</summary>
    public static Dual<T> Acos(Dual<T> x) => Apply(new Primitives.AcosRule(), x);

    /// <summary><c>arctan x</c>. d/dx = 1/(1 + x²).</summary>
    public static Dual<T> Atan(Dual<T> x) => Apply(new Primitives.AtanRule(), x);

    /// <summary>
    /// The angle of the point (x, y): <c>atan2(y, x)</c>. ∂/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²); at the
    /// origin, where the angle is discontinuous, both are 0.
    /// </summary>
    public static Dual<T> Atan2(Dual<T> y, Dual<T> x) => Apply(new Primitives.Atan2Rule(), y, x);
}

public readonly partial struct ReverseNumber<T>
{
    /// <summary><c>arcsin x</c>. d/dx = 1/√(1 − x²).</summary>
    public static ReverseNumber<T> Asin(ReverseNumber<T> x) => Apply(new Primitives.AsinRule(), x);

    /// <summary><c>arccos x</c>. d/dx = −1/√(1 − x²).</summary>
    public static ReverseNumber<T> Acos(ReverseNumber<T> x) => Apply(new Primitives.AcosRule(), x);

    /// <summary><c>arctan x</c>. d/dx = 1/(1 + x²).</summary>
    public static ReverseNumber<T> Atan(ReverseNumber<T> x) => Apply(new Primitives.AtanRule(), x);

    /// <summary>
    /// The angle of the point (x, y): <c>atan2(y, x)</c>. ∂/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²); at the
    /// origin, where the angle is discontinuous, both are 0.
    /// </summary>
    public static ReverseNumber<T> Atan2(ReverseNumber<T> y, ReverseNumber<T> x) => Apply(new Primitives.Atan2Rule(), y, x);
}
