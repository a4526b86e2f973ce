using System.Collections.Immutable;
using System.Numerics;

namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary>
    /// <c>x ^ y</c> with both arguments differentiable. ∂/∂x = y·x^(y−1), ∂/∂y = x^y·ln x.
    /// Both partials are strong-zero products (<see cref="StrongMultiply"/>): where x^y is zero (x = 0, y &gt; 0),
    /// ∂/∂y is taken as its limit 0 rather than 0·(−∞) = NaN, and ∂/∂x is 0 for y = 0 (also at x = 0) and
    /// wherever x^(y−1) is 0 (x^±∞ with |x| ≶ 1, where x^y is 0 nearby), not ±∞·0;
    /// for x &lt; 0, ln x is NaN, as is the value for a non-integer y.
    /// </summary>
    public static readonly Primitive Pow = Rules.Binary("pow", new PowRule());

    /// <summary>
    /// <c>x ^ p</c> for a constant real exponent <paramref name="exponent"/>. d/dx = p·x^(p−1);
    /// for p = 0 the derivative is 0 everywhere, including at x = 0 (where 0^0 = 1).
    /// </summary>
    /// <param name="exponent">The constant exponent p.</param>
    public static Primitive PowerOf(double exponent) =>
        Rules.Unary("powc", new PowerRule(exponent), Notation.Infix, "^", 4, ImmutableArray.Create(exponent));

    /// <summary><c>e^x</c>. d/dx = e^x. Overflows to +∞ for x &gt; 709.78.</summary>
    public static readonly Primitive Exp = Rules.Unary("exp", new ExpRule(), inline: Opcode.Exp);

    /// <summary><c>ln x</c>. d/dx = 1/x. log 0 = −∞ with derivative +∞ (also at −0); log of a negative number is NaN.</summary>
    public static readonly Primitive Log = Rules.Unary("log", new LogRule());

    /// <summary><c>√x</c>. d/dx = 1/(2√x); at x = 0 the derivative is +∞ (the one-sided limit), also at −0, where √−0 = −0.</summary>
    public static readonly Primitive Sqrt = Rules.Unary("sqrt", new SqrtRule());

    internal readonly struct PowRule : IBinaryRule
    {
        public Primitive Primitive => Pow;
        public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Pow(x, y);
        public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> =>
            (Generic.Times(y, T.Pow(x, y - T.One)), Generic.Times(z, T.Log(x)));
    }

    internal readonly struct PowerRule(double exponent) : IUnaryRule
    {
        public Primitive Primitive => PowerOf(exponent);
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> =>
            Generic.IsDouble<T>() ? Generic.FromDouble<T>(Math.Pow(Generic.AsDouble(x), exponent)) : Generic.Lift(this, x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> =>
            exponent == 0 ? T.Zero : Generic.Constant<T>(exponent) * new PowerRule(exponent - 1).Value(x);
    }

    internal readonly struct ExpRule : IUnaryRule
    {
        public Primitive Primitive => Exp;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => z;
    }

    internal readonly struct LogRule : IUnaryRule
    {
        public Primitive Primitive => Log;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(x);
        // x − (−0) is x, except that it turns −0 into +0: so the derivative is +∞ at both zeros.
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.One / (x - T.NegativeZero);
    }

    internal readonly struct SqrtRule : IUnaryRule
    {
        public Primitive Primitive => Sqrt;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Sqrt(x);
        // |√x| is √x except at −0 (√−0 = −0), where the rule says +∞.
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => Generic.Constant<T>(0.5) / T.Abs(z);
    }
}

public readonly partial struct Dual<T>
{
    /// <summary><c>e^x</c>. d/dx = e^x.</summary>
    public static Dual<T> Exp(Dual<T> x) => Apply(new Primitives.ExpRule(), x);

    /// <summary><c>ln x</c>. d/dx = 1/x; at x = 0 (and −0) the derivative is +∞, as in <see cref="Primitives.Log"/>.</summary>
    public static Dual<T> Log(Dual<T> x) => Apply(new Primitives.LogRule(), x);

    /// <summary>
    /// <c>x ^ y</c>, both differentiable. ∂/∂x = y·x^(y−1), ∂/∂y = x^y·ln x, both strong-zero
    /// products as in <see cref="Primitives.Pow"/> (0 when y = 0 or x^(y−1) = 0; 0 where x^y = 0).
    /// </summary>
    public static Dual<T> Pow(Dual<T> x, Dual<T> y) => Apply(new Primitives.PowRule(), x, y);

    /// <summary><c>√x</c>. d/dx = 1/(2√x); +∞ at x = 0 (the one-sided limit), as in <see cref="Primitives.Sqrt"/>.</summary>
    public static Dual<T> Sqrt(Dual<T> x) => Apply(new Primitives.SqrtRule(), x);
}

public readonly partial struct ReverseNumber<T>
{
    /// <summary><c>e^x</c>. d/dx = e^x.</summary>
    public static ReverseNumber<T> Exp(ReverseNumber<T> x) => Apply(new Primitives.ExpRule(), x);

    /// <summary><c>ln x</c>. d/dx = 1/x; at x = 0 (and −0) the derivative is +∞, as in <see cref="Primitives.Log"/>.</summary>
    public static ReverseNumber<T> Log(ReverseNumber<T> x) => Apply(new Primitives.LogRule(), x);

    /// <summary>
    /// <c>x ^ y</c>, both differentiable. ∂/∂x = y·x^(y−1), ∂/∂y = x^y·ln x, both strong-zero
    /// products as in <see cref="Primitives.Pow"/> (0 when y = 0 or x^(y−1) = 0; 0 where x^y = 0).
    /// </summary>
    public static ReverseNumber<T> Pow(ReverseNumber<T> x, ReverseNumber<T> y) => Apply(new Primitives.PowRule(), x, y);

    /// <summary><c>√x</c>. d/dx = 1/(2√x); +∞ at x = 0 (the one-sided limit), as in <see cref="Primitives.Sqrt"/>.</summary>
    public static ReverseNumber<T> Sqrt(ReverseNumber<T> x) => Apply(new Primitives.SqrtRule(), x);
}

public static partial class Dual
{
    /// <summary><c>e^x</c>.</summary>
    public static Dual<T> Exp<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Exp(x);
    /// <summary><c>x ^ y</c>; see <see cref="Dual{T}.Pow(Dual{T}, Dual{T})"/>.</summary>
    public static Dual<T> Pow<T>(Dual<T> x, Dual<T> y) where T : IFloatingPointIeee754<T> => Dual<T>.Pow(x, y);
    /// <summary><c>ln x</c>.</summary>
    public static Dual<T> Log<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Log(x);
    /// <summary><c>√x</c>.</summary>
    public static Dual<T> Sqrt<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Sqrt(x);
}

public static partial class ReverseNumber
{
    /// <summary><c>e^x</c>.</summary>
    public static ReverseNumber<T> Exp<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Exp(x);
    /// <summary><c>x ^ y</c>.</summary>
    public static ReverseNumber<T> Pow<T>(ReverseNumber<T> x, ReverseNumber<T> y) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Pow(x, y);
    /// <summary><c>ln x</c>.</summary>
    public static ReverseNumber<T> Log<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Log(x);
    /// <summary><c>√x</c>.</summary>
    public static ReverseNumber<T> Sqrt<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Sqrt(x);
}
