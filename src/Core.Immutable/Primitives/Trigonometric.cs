using System.Numerics;

namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary><c>sin x</c>. d/dx = cos x.</summary>
    public static readonly Primitive Sin = Rules.Unary("sin", new SinRule(), inline: Opcode.Sin);

    /// <summary><c>cos x</c>. d/dx = −sin x.</summary>
    public static readonly Primitive Cos = Rules.Unary("cos", new CosRule(), inline: Opcode.Cos);

    /// <summary><c>tan x</c>. d/dx = 1 + tan² x.</summary>
    public static readonly Primitive Tan = Rules.Unary("tan", new TanRule());

    internal readonly struct SinRule : IUnaryRule
    {
        public Primitive Primitive => Sin;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.Cos(x);
    }

    internal readonly struct CosRule : IUnaryRule
    {
        public Primitive Primitive => Cos;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Cos(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => -T.Sin(x);
    }

    internal readonly struct TanRule : IUnaryRule
    {
        public Primitive Primitive => Tan;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Tan(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.One + z * z;
    }
}

public readonly partial struct Dual<T>
{
    /// <summary><c>sin x</c>. d/dx = cos x.</summary>
    public static Dual<T> Sin(Dual<T> x) => Apply(new Primitives.SinRule(), x);

    /// <summary><c>cos x</c>. d/dx = −sin x.</summary>
    public static Dual<T> Cos(Dual<T> x) => Apply(new Primitives.CosRule(), x);

    /// <summary><c>tan x</c>. d/dx = 1 + tan² x.</summary>
    public static Dual<T> Tan(Dual<T> x) => Apply(new Primitives.TanRule(), x);
}

public readonly partial struct ReverseNumber<T>
{
    /// <summary><c>sin x</c>. d/dx = cos x.</summary>
    public static ReverseNumber<T> Sin(ReverseNumber<T> x) => Apply(new Primitives.SinRule(), x);

    /// <summary><c>cos x</c>. d/dx = −sin x.</summary>
    public static ReverseNumber<T> Cos(ReverseNumber<T> x) => Apply(new Primitives.CosRule(), x);

    /// <summary><c>tan x</c>. d/dx = 1 + tan² x.</summary>
    public static ReverseNumber<T> Tan(ReverseNumber<T> x) => Apply(new Primitives.TanRule(), x);
}

public static partial class Dual
{
    /// <summary><c>sin x</c>.</summary>
    public static Dual<T> Sin<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Sin(x);
    /// <summary><c>cos x</c>.</summary>
    public static Dual<T> Cos<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Cos(x);
    /// <summary><c>tan x</c>.</summary>
    public static Dual<T> Tan<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Tan(x);
}

public static partial class ReverseNumber
{
    /// <summary><c>sin x</c>.</summary>
    public static ReverseNumber<T> Sin<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Sin(x);
    /// <summary><c>cos x</c>.</summary>
    public static ReverseNumber<T> Cos<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Cos(x);
    /// <summary><c>tan x</c>.</summary>
    public static ReverseNumber<T> Tan<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Tan(x);
}
