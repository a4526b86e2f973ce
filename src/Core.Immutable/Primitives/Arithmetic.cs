using System.Numerics;

namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary><c>x + y</c>. ∂/∂x = 1, ∂/∂y = 1.</summary>
    public static readonly Primitive Add = Rules.Binary("add", new AddRule(), Notation.Infix, "+", 1, inline: Opcode.Add);

    /// <summary><c>x − y</c>. ∂/∂x = 1, ∂/∂y = −1.</summary>
    public static readonly Primitive Subtract = Rules.Binary("sub", new SubtractRule(), Notation.Infix, "-", 1, inline: Opcode.Subtract);

    /// <summary><c>x · y</c>. ∂/∂x = y, ∂/∂y = x.</summary>
    public static readonly Primitive Multiply = Rules.Binary("mul", new MultiplyRule(), Notation.Infix, "*", 2, inline: Opcode.Multiply);

    /// <summary><c>x / y</c>. ∂/∂x = 1/y, ∂/∂y = −x/y². Division by zero follows IEEE 754 (±∞ or NaN).</summary>
    public static readonly Primitive Divide = Rules.Binary("div", new DivideRule(), Notation.Infix, "/", 2, inline: Opcode.Divide);

    /// <summary><c>−x</c>. d/dx = −1.</summary>
    public static readonly Primitive Negate = Rules.Unary("neg", new NegateRule(), Notation.Prefix, "-", 3, inline: Opcode.Negate);

    internal readonly struct AddRule : IBinaryRule
    {
        public Primitive Primitive => Add;
        public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => x + y;
        public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> => (T.One, T.One);
    }

    internal readonly struct SubtractRule : IBinaryRule
    {
        public Primitive Primitive => Subtract;
        public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => x - y;
        public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> => (T.One, T.NegativeOne);
    }

    internal readonly struct MultiplyRule : IBinaryRule
    {
        public Primitive Primitive => Multiply;
        public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => x * y;
        public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> => (y, x);
    }

    internal readonly struct DivideRule : IBinaryRule
    {
        public Primitive Primitive => Divide;
        public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => x / y;
        public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> => (T.One / y, -z / y);
    }

    internal readonly struct NegateRule : IUnaryRule
    {
        public Primitive Primitive => Negate;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => -x;
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.NegativeOne;
    }
}

public readonly partial struct Dual<T>
{
    /// <summary><c>x · y</c>. ∂/∂x = y, ∂/∂y = x.</summary>
    public static Dual<T> operator *(Dual<T> x, Dual<T> y) => Apply(new Primitives.MultiplyRule(), x, y);

    /// <summary><c>x / y</c>. ∂/∂x = 1/y, ∂/∂y = −(x/y)/y; division by zero follows IEEE 754.</summary>
    public static Dual<T> operator /(Dual<T> x, Dual<T> y) => Apply(new Primitives.DivideRule(), x, y);

    /// <summary><c>−x</c>. d/dx = −1.</summary>
    public static Dual<T> operator -(Dual<T> x) => Apply(new Primitives.NegateRule(), x);
}

public readonly partial struct ReverseNumber<T>
{
    /// <summary><c>x + y</c>. ∂/∂x = 1, ∂/∂y = 1.</summary>
    public static ReverseNumber<T> operator +(ReverseNumber<T> x, ReverseNumber<T> y) => Apply(new Primitives.AddRule(), x, y);

    /// <summary><c>x − y</c>. ∂/∂x = 1, ∂/∂y = −1.</summary>
    public static ReverseNumber<T> operator -(ReverseNumber<T> x, ReverseNumber<T> y) => Apply(new Primitives.SubtractRule(), x, y);

    /// <summary><c>x · y</c>. ∂/∂x = y, ∂/∂y = x.</summary>
    public static ReverseNumber<T> operator *(ReverseNumber<T> x, ReverseNumber<T> y)
    {
        // 1·y is y, bit for bit: nothing to record. (Reverse over reverse multiplies cotangents by the partial 1
        // of every sum, and this keeps those products off the outer tape.)
        if (typeof(T) == typeof(double))
        {
            if (x.tape is null && V(x) == T.One) return y;
            if (y.tape is null && V(y) == T.One) return x;
        }
        return Apply(new Primitives.MultiplyRule(), x, y);
    }

    /// <summary><c>x / y</c>. ∂/∂x = 1/y, ∂/∂y = −(x/y)/y; division by zero follows IEEE 754.</summary>
    public static ReverseNumber<T> operator /(ReverseNumber<T> x, ReverseNumber<T> y) => Apply(new Primitives.DivideRule(), x, y);

    /// <summary><c>−x</c>. d/dx = −1.</summary>
    public static ReverseNumber<T> operator -(ReverseNumber<T> x) => Apply(new Primitives.NegateRule(), x);
}
