using System.Numerics;

namespace FunctionalAD;

public static partial class Primitives
{
    // Kink convention, shared by every piecewise primitive: at a kink the derivative is the mean of the
    // one-sided derivatives. So |x|′(0) = 0, relu′(0) = ½, and max/min split a tie ½ and ½ — which keeps
    // relu(x) and max(x, 0) consistent, and gives max(x, x) the true derivative 1. The rules state it with
    // Generic.Step, the partial of max, which is a Step node in gradient graphs.

    /// <summary><c>|x|</c>. d/dx = sign x; at the kink x = 0 the derivative is 0.</summary>
    public static readonly Primitive Abs = Rules.Unary("abs", new AbsRule());

    /// <summary>
    /// <c>max(x, y)</c>. The derivative goes to the larger argument; at a tie x = y each argument gets ½.
    /// If either argument is NaN the value is NaN and so are both partials.
    /// </summary>
    public static readonly Primitive Max = Rules.Binary("max", new MaxRule());

    /// <summary>
    /// <c>min(x, y)</c>. The derivative goes to the smaller argument; at a tie x = y each argument gets ½.
    /// If either argument is NaN the value is NaN and so are both partials.
    /// </summary>
    public static readonly Primitive Min = Rules.Binary("min", new MinRule());

    internal readonly struct AbsRule : IUnaryRule
    {
        public Primitive Primitive => Abs;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Abs(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => Generic.Step(x, T.Zero) - Generic.Step(T.Zero, x);
    }

    internal readonly struct MaxRule : IBinaryRule
    {
        public Primitive Primitive => Max;
        public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Max(x, y);
        public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> => (Generic.Step(x, y), Generic.Step(y, x));
    }

    internal readonly struct MinRule : IBinaryRule
    {
        public Primitive Primitive => Min;
        public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Min(x, y);
        public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> => (Generic.Step(y, x), Generic.Step(x, y));
    }
}

public readonly partial struct Dual<T>
{
    /// <summary><c>|x|</c>. d/dx = sign x; 0 at the kink x = 0, as in <see cref="Primitives.Abs"/>.</summary>
    public static Dual<T> Abs(Dual<T> x) => Apply(new Primitives.AbsRule(), x);

    /// <summary>
    /// <c>max(x, y)</c>. The derivative goes to the larger argument; a tie x = y splits it ½ and ½; NaN
    /// gives NaN partials, as in <see cref="Primitives.Max"/>.
    /// </summary>
    public static Dual<T> Max(Dual<T> x, Dual<T> y) => Apply(new Primitives.MaxRule(), x, y);

    /// <summary><c>min(x, y)</c>, with the conventions of <see cref="Max"/>.</summary>
    public static Dual<T> Min(Dual<T> x, Dual<T> y) => Apply(new Primitives.MinRule(), x, y);
}

public readonly partial struct ReverseNumber<T>
{
    /// <summary><c>|x|</c>. d/dx = sign x; 0 at the kink x = 0, as in <see cref="Primitives.Abs"/>.</summary>
    public static ReverseNumber<T> Abs(ReverseNumber<T> x) => Apply(new Primitives.AbsRule(), x);

    /// <summary>
    /// <c>max(x, y)</c>. The derivative goes to the larger argument; a tie x = y splits it ½ and ½; NaN
    /// gives NaN partials, as in <see cref="Primitives.Max"/>.
    /// </summary>
    public static ReverseNumber<T> Max(ReverseNumber<T> x, ReverseNumber<T> y) => Apply(new Primitives.MaxRule(), x, y);

    /// <summary><c>min(x, y)</c>, with the conventions of <see cref="Max"/>.</summary>
    public static ReverseNumber<T> Min(ReverseNumber<T> x, ReverseNumber<T> y) => Apply(new Primitives.MinRule(), x, y);
}

public static partial class Dual
{
    /// <summary><c>|x|</c>.</summary>
    public static Dual<T> Abs<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Abs(x);
    /// <summary><c>min(x, y)</c>.</summary>
    public static Dual<T> Min<T>(Dual<T> x, Dual<T> y) where T : IFloatingPointIeee754<T> => Dual<T>.Min(x, y);
    /// <summary><c>max(x, y)</c>.</summary>
    public static Dual<T> Max<T>(Dual<T> x, Dual<T> y) where T : IFloatingPointIeee754<T> => Dual<T>.Max(x, y);
}

public static partial class ReverseNumber
{
    /// <summary><c>|x|</c>.</summary>
    public static ReverseNumber<T> Abs<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Abs(x);
    /// <summary><c>min(x, y)</c>.</summary>
    public static ReverseNumber<T> Min<T>(ReverseNumber<T> x, ReverseNumber<T> y) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Min(x, y);
    /// <summary><c>max(x, y)</c>.</summary>
    public static ReverseNumber<T> Max<T>(ReverseNumber<T> x, ReverseNumber<T> y) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Max(x, y);
}
