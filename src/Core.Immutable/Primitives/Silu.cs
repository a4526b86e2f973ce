using System.Numerics;

namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary>
    /// The sigmoid linear unit (swish) <c>silu x = x·σ(x)</c>, computed without overflow; 0 at −∞.
    /// d/dx = σ(x)·(1 + x·(1 − σ(x))); smooth everywhere.
    /// </summary>
    public static readonly Primitive Silu = Rules.Unary("silu", new SiluRule());

    internal readonly struct SiluRule : IUnaryRule
    {
        public Primitive Primitive => Silu;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T>
        {
            if (!Generic.IsDouble<T>()) return Generic.Lift(this, x);
            var v = Generic.AsDouble(x);
            return Generic.FromDouble<T>(double.IsNegativeInfinity(v) ? -0.0 : v * StableSigmoid(v));
        }
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T>
        {
            var s = new SigmoidRule().Value(x);
            return s * (T.One + x * (T.One - s));
        }
    }
}

public abstract partial class Expr
{
    /// <summary><c>x·σ(x)</c> (<see cref="Primitives.Silu"/>).</summary>
    public static Expr Silu(Expr x) => Apply(Primitives.Silu, x);
}

public readonly partial struct Dual<T>
{
    /// <summary><c>x·σ(x)</c>, as in <see cref="Primitives.Silu"/>.</summary>
    public static Dual<T> Silu(Dual<T> x) => Apply(new Primitives.SiluRule(), x);
}

public readonly partial struct ReverseNumber<T>
{
    /// <summary><c>x·σ(x)</c>, as in <see cref="Primitives.Silu"/>.</summary>
    public static ReverseNumber<T> Silu(ReverseNumber<T> x) => Apply(new Primitives.SiluRule(), x);
}

public static partial class Dual
{
    /// <summary><c>x·σ(x)</c>; see <see cref="Dual{T}.Silu(Dual{T})"/>.</summary>
    public static Dual<T> Silu<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Silu(x);
}

public static partial class ReverseNumber
{
    /// <summary><c>x·σ(x)</c>; see <see cref="ReverseNumber{T}.Silu(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> Silu<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Silu(x);
}

public static partial class ScalarMath
{
    /// <summary><c>x·σ(x)</c> (<see cref="Primitives.Silu"/>).</summary>
    public static T Silu<T>(T x) where T : IFloatingPointIeee754<T> => new Primitives.SiluRule().Value(x);
}
