using System.Numerics;

namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary><c>sinh x</c>. d/dx = cosh x. Overflows to ±∞ for |x| &gt; 710.5.</summary>
    public static readonly Primitive Sinh = Rules.Unary("sinh", new SinhRule());

    /// <summary><c>cosh x</c>. d/dx = sinh x.</summary>
    public static readonly Primitive Cosh = Rules.Unary("cosh", new CoshRule());

    /// <summary><c>arsinh x</c>. d/dx = 1/√(x² + 1).</summary>
    public static readonly Primitive Asinh = Rules.Unary("asinh", new AsinhRule());

    /// <summary>
    /// <c>arcosh x</c>, defined for x ≥ 1. d/dx = 1/√(x² − 1); +∞ at the domain edge x = 1; below 1 the value and
    /// the derivative are NaN.
    /// </summary>
    public static readonly Primitive Acosh = Rules.Unary("acosh", new AcoshRule());

    /// <summary>
    /// <c>artanh x</c>, defined on (−1, 1). d/dx = 1/(1 − x²); at x = ±1 the value is ±∞ and the derivative +∞;
    /// outside [−1, 1] the value is NaN.
    /// </summary>
    public static readonly Primitive Atanh = Rules.Unary("atanh", new AtanhRule());

    internal readonly struct SinhRule : IUnaryRule
    {
        public Primitive Primitive => Sinh;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Sinh(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.Cosh(x);
    }

    internal readonly struct CoshRule : IUnaryRule
    {
        public Primitive Primitive => Cosh;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Cosh(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.Sinh(x);
    }

    internal readonly struct AsinhRule : IUnaryRule
    {
        public Primitive Primitive => Asinh;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Asinh(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.One / T.Sqrt(x * x + T.One);
    }

    internal readonly struct AcoshRule : IUnaryRule
    {
        public Primitive Primitive => Acosh;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Acosh(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.One / T.Sqrt(x * x - T.One);
    }

    internal readonly struct AtanhRule : IUnaryRule
    {
        public Primitive Primitive => Atanh;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Atanh(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.One / (T.One - x * x);
    }
}

public abstract partial class Expr
{
    /// <summary><c>sinh x</c> (<see cref="Primitives.Sinh"/>).</summary>
    public static Expr Sinh(Expr x) => Apply(Primitives.Sinh, x);
    /// <summary><c>cosh x</c> (<see cref="Primitives.Cosh"/>).</summary>
    public static Expr Cosh(Expr x) => Apply(Primitives.Cosh, x);
    /// <summary><c>arsinh x</c> (<see cref="Primitives.Asinh"/>).</summary>
    public static Expr Asinh(Expr x) => Apply(Primitives.Asinh, x);
    /// <summary><c>arcosh x</c> (<see cref="Primitives.Acosh"/>).</summary>
    public static Expr Acosh(Expr x) => Apply(Primitives.Acosh, x);
    /// <summary><c>artanh x</c> (<see cref="Primitives.Atanh"/>).</summary>
    public static Expr Atanh(Expr x) => Apply(Primitives.Atanh, x);
}

public static partial class Dual
{
    /// <summary><c>sinh x</c>; see <see cref="Dual{T}.Sinh(Dual{T})"/>.</summary>
    public static Dual<T> Sinh<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Sinh(x);
    /// <summary><c>cosh x</c>; see <see cref="Dual{T}.Cosh(Dual{T})"/>.</summary>
    public static Dual<T> Cosh<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Cosh(x);
    /// <summary><c>arsinh x</c>; see <see cref="Dual{T}.Asinh(Dual{T})"/>.</summary>
    public static Dual<T> Asinh<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Asinh(x);
    /// <summary><c>arcosh x</c>; see <see cref="Dual{T}.Acosh(Dual{T})"/>.</summary>
    public static Dual<T> Acosh<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Acosh(x);
    /// <summary><c>artanh x</c>; see <see cref="Dual{T}.Atanh(Dual{T})"/>.</summary>
    public static Dual<T> Atanh<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Atanh(x);
}

public static partial class ReverseNumber
{
    /// <summary><c>sinh x</c>; see <see cref="ReverseNumber{T}.Sinh(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Sinh<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Sinh(x);
    /// <summary><c>cosh x</c>; see <see cref="ReverseNumber{T}.Cosh(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Cosh<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Cosh(x);
    /// <summary><c>arsinh x</c>; see <see cref="ReverseNumber{T}.Asinh(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Asinh<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Asinh(x);
    /// <summary><c>arcosh x</c>; see <see cref="ReverseNumber{T}.Acosh(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Acosh<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Acosh(x);
    /// <summary><c>artanh x</c>; see <see cref="ReverseNumber{T}.Atanh(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Atanh<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Atanh(x);
}

public readonly partial struct Dual<T>
{
    /// <summary><c>sinh x</c>. d/dx = cosh x.</summary>
    public static Dual<T> Sinh(Dual<T> x) => Apply(new Primitives.SinhRule(), x);

    /// <summary><c>cosh x</c>. d/dx = sinh x.</summary>
    public static Dual<T> Cosh(Dual<T> x) => Apply(new Primitives.CoshRule(), x);

    /// <summary><c>arsinh x</c>. d/dx = 1/√(x² + 1).</summary>
    public static Dual<T> Asinh(Dual<T> x) => Apply(new Primitives.AsinhRule(), x);

    /// <summary><c>arcosh x</c>. d/dx = 1/√(x² − 1); +∞ at x = 1.</summary>
    public static Dual<T> Acosh(Dual<T> x) => Apply(new Primitives.AcoshRule(), x);

    /// <summary><c>artanh x</c>. d/dx = 1/(1 − x²).</summary>
    public static Dual<T> Atanh(Dual<T> x) => Apply(new Primitives.AtanhRule(), x);
}

public readonly partial struct ReverseNumber<T>
{
    /// <summary><c>sinh x</c>. d/dx = cosh x.</summary>
    public static ReverseNumber<T> Sinh(ReverseNumber<T> x) => Apply(new Primitives.SinhRule(), x);

    /// <summary><c>cosh x</c>. d/dx = sinh x.</summary>
    public static ReverseNumber<T> Cosh(ReverseNumber<T> x) => Apply(new Primitives.CoshRule(), x);

    /// <summary><c>arsinh x</c>. d/dx = 1/√(x² + 1).</summary>
    public static ReverseNumber<T> Asinh(ReverseNumber<T> x) => Apply(new Primitives.AsinhRule(), x);

    /// <summary><c>arcosh x</c>. d/dx = 1/√(x² − 1); +∞ at x = 1.</summary>
    public static ReverseNumber<T> Acosh(ReverseNumber<T> x) => Apply(new Primitives.AcoshRule(), x);

    /// <summary><c>artanh x</c>. d/dx = 1/(1 − x²).</summary>
    public static ReverseNumber<T> Atanh(ReverseNumber<T> x) => Apply(new Primitives.AtanhRule(), x);
}
