using System.Numerics;
using MathNet.Numerics;

namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary>
    /// The error function <c>erf x = (2/√π) ∫₀ˣ e^(−t²) dt</c>, in (−1, 1), ±1 at ±∞. d/dx = (2/√π)·e^(−x²).
    /// </summary>
    public static readonly Primitive Erf = Rules.Unary("erf", new ErfRule());

    /// <summary>
    /// The exact Gaussian error linear unit <c>gelu x = x·Φ(x)</c>, Φ the standard normal distribution function,
    /// computed as x·½·erfc(−x/√2) so that it keeps its relative accuracy for very negative x; 0 at −∞.
    /// d/dx = Φ(x) + x·φ(x), φ the standard normal density; smooth everywhere.
    /// </summary>
    public static readonly Primitive Gelu = Rules.Unary("gelu", new GeluRule());

    internal readonly struct ErfRule : IUnaryRule
    {
        public Primitive Primitive => Erf;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> =>
            Generic.IsDouble<T>() ? Generic.FromDouble<T>(SpecialFunctions.Erf(Generic.AsDouble(x))) : Generic.Lift(this, x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> =>
            Generic.Constant<T>(2 / Math.Sqrt(Math.PI)) * T.Exp(-(x * x));
    }

    internal readonly struct GeluRule : IUnaryRule
    {
        public Primitive Primitive => Gelu;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> =>
            Generic.IsDouble<T>() ? Generic.FromDouble<T>(ExactGelu(Generic.AsDouble(x))) : Generic.Lift(this, x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T>
        {
            var phi = Generic.Constant<T>(0.5) * (T.One + new ErfRule().Value(x * Generic.Constant<T>(1 / Math.Sqrt(2))));
            var density = Generic.Constant<T>(1 / Math.Sqrt(2 * Math.PI)) * T.Exp(-(x * x) * Generic.Constant<T>(0.5));
            return phi + x * density;
        }
    }

    private static double ExactGelu(double x) =>
        double.IsNegativeInfinity(x) ? -0.0 : x * 0.5 * SpecialFunctions.Erfc(-x / Math.Sqrt(2));
}

public abstract partial class Expr
{
    /// <summary>The error function (<see cref="Primitives.Erf"/>).</summary>
    public static Expr Erf(Expr x) => Apply(Primitives.Erf, x);
    /// <summary><c>x·Φ(x)</c>, the exact GELU (<see cref="Primitives.Gelu"/>).</summary>
    public static Expr Gelu(Expr x) => Apply(Primitives.Gelu, x);
}

public readonly partial struct Dual<T>
{
    /// <summary>The error function; d/dx = (2/√π)·e^(−x²), as in <see cref="Primitives.Erf"/>.</summary>
    public static Dual<T> Erf(Dual<T> x) => Apply(new Primitives.ErfRule(), x);
    /// <summary>The exact GELU x·Φ(x), as in <see cref="Primitives.Gelu"/>.</summary>
    public static Dual<T> Gelu(Dual<T> x) => Apply(new Primitives.GeluRule(), x);
}

public readonly partial struct ReverseNumber<T>
{
    /// <summary>The error function; d/dx = (2/√π)·e^(−x²), as in <see cref="Primitives.Erf"/>.</summary>
    public static ReverseNumber<T> Erf(ReverseNumber<T> x) => Apply(new Primitives.ErfRule(), x);
    /// <summary>The exact GELU x·Φ(x), as in <see cref="Primitives.Gelu"/>.</summary>
    public static ReverseNumber<T> Gelu(ReverseNumber<T> x) => Apply(new Primitives.GeluRule(), x);
}

public static partial class Dual
{
    /// <summary>The error function; see <see cref="Dual{T}.Erf(Dual{T})"/>.</summary>
    public static Dual<T> Erf<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Erf(x);
    /// <summary>The exact GELU; see <see cref="Dual{T}.Gelu(Dual{T})"/>.</summary>
    public static Dual<T> Gelu<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Gelu(x);
}

public static partial class ReverseNumber
{
    /// <summary>The error function; see <see cref="ReverseNumber{T}.Erf(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Erf<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Erf(x);
    /// <summary>The exact GELU; see <see cref="ReverseNumber{T}.Gelu(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Gelu<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Gelu(x);
}
