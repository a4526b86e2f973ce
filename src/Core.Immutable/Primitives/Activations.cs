using System.Numerics;

namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary><c>tanh x</c>. d/dx = 1 − tanh² x; rounds to ±1 with derivative exactly 0 for |x| ≥ 20.</summary>
    public static readonly Primitive Tanh = Rules.Unary("tanh", new TanhRule(), inline: Opcode.Tanh);

    /// <summary>
    /// <c>σ(x) = 1 / (1 + e^−x)</c>, computed without overflow for any x. d/dx = σ(x)(1 − σ(x)).
    /// </summary>
    public static readonly Primitive Sigmoid = Rules.Unary("sigmoid", new SigmoidRule());

    /// <summary>
    /// <c>softplus(x) = ln(1 + e^x)</c>, computed as max(x, 0) + log1p(e^−|x|) so that it neither
    /// overflows for large x nor underflows early for very negative x. d/dx = σ(x).
    /// </summary>
    public static readonly Primitive Softplus = Rules.Unary("softplus", new SoftplusRule());

    /// <summary>
    /// <c>relu(x) = max(x, 0)</c>. d/dx = 1 for x &gt; 0 and 0 for x &lt; 0; at the kink x = 0 the
    /// derivative is ½, the mean of the one-sided derivatives, the same as <see cref="Max"/> at a tie.
    /// </summary>
    public static readonly Primitive Relu = Rules.Unary("relu", new ReluRule());

    internal readonly struct TanhRule : IUnaryRule
    {
        public Primitive Primitive => Tanh;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Tanh(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.One - z * z;
    }

    internal readonly struct SigmoidRule : IUnaryRule
    {
        public Primitive Primitive => Sigmoid;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> =>
            Generic.IsDouble<T>() ? Generic.FromDouble<T>(StableSigmoid(Generic.AsDouble(x))) : Generic.Lift(this, x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => z * (T.One - z);
    }

    internal readonly struct SoftplusRule : IUnaryRule
    {
        public Primitive Primitive => Softplus;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> =>
            Generic.IsDouble<T>() ? Generic.FromDouble<T>(StableSoftplus(Generic.AsDouble(x))) : Generic.Lift(this, x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => new SigmoidRule().Value(x);
    }

    internal readonly struct ReluRule : IUnaryRule
    {
        public Primitive Primitive => Relu;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> =>
            Generic.IsDouble<T>() ? Generic.FromDouble<T>(Math.Max(Generic.AsDouble(x), 0)) : Generic.Lift(this, x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => Generic.Step(x, T.Zero);
    }

    private static double StableSigmoid(double x)
    {
        if (x >= 0) return 1 / (1 + Math.Exp(-x));
        var e = Math.Exp(x);
        return e / (1 + e);
    }

    private static double StableSoftplus(double x) => Math.Max(x, 0) + double.LogP1(Math.Exp(-Math.Abs(x)));
}

public readonly partial struct Dual<T>
{
    /// <summary><c>tanh x</c>. d/dx = 1 − tanh² x, as in <see cref="Primitives.Tanh"/>.</summary>
    public static Dual<T> Tanh(Dual<T> x) => Apply(new Primitives.TanhRule(), x);

    /// <summary><c>σ(x) = 1/(1 + e^−x)</c>, without overflow. d/dx = σ(1 − σ), as in <see cref="Primitives.Sigmoid"/>.</summary>
    public static Dual<T> Sigmoid(Dual<T> x) => Apply(new Primitives.SigmoidRule(), x);

    /// <summary><c>ln(1 + e^x)</c>, without overflow. d/dx = σ(x), as in <see cref="Primitives.Softplus"/>.</summary>
    public static Dual<T> Softplus(Dual<T> x) => Apply(new Primitives.SoftplusRule(), x);

    /// <summary><c>max(x, 0)</c>. d/dx = 1 above 0, 0 below, ½ at the kink, as in <see cref="Primitives.Relu"/>.</summary>
    public static Dual<T> Relu(Dual<T> x) => Apply(new Primitives.ReluRule(), x);
}

public readonly partial struct ReverseNumber<T>
{
    /// <summary><c>tanh x</c>. d/dx = 1 − tanh² x, as in <see cref="Primitives.Tanh"/>.</summary>
    public static ReverseNumber<T> Tanh(ReverseNumber<T> x) => Apply(new Primitives.TanhRule(), x);

    /// <summary><c>σ(x) = 1/(1 + e^−x)</c>, without overflow. d/dx = σ(1 − σ), as in <see cref="Primitives.Sigmoid"/>.</summary>
    public static ReverseNumber<T> Sigmoid(ReverseNumber<T> x) => Apply(new Primitives.SigmoidRule(), x);

    /// <summary><c>ln(1 + e^x)</c>, without overflow. d/dx = σ(x), as in <see cref="Primitives.Softplus"/>.</summary>
    public static ReverseNumber<T> Softplus(ReverseNumber<T> x) => Apply(new Primitives.SoftplusRule(), x);

    /// <summary><c>max(x, 0)</c>. d/dx = 1 above 0, 0 below, ½ at the kink, as in <see cref="Primitives.Relu"/>.</summary>
    public static ReverseNumber<T> Relu(ReverseNumber<T> x) => Apply(new Primitives.ReluRule(), x);
}

public static partial class Dual
{
    /// <summary><c>tanh x</c>.</summary>
    public static Dual<T> Tanh<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Tanh(x);
    /// <summary><c>σ(x)</c>.</summary>
    public static Dual<T> Sigmoid<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Sigmoid(x);
    /// <summary><c>ln(1 + e^x)</c>.</summary>
    public static Dual<T> Softplus<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Softplus(x);
    /// <summary><c>max(x, 0)</c>.</summary>
    public static Dual<T> Relu<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.Relu(x);
}

public static partial class ReverseNumber
{
    /// <summary><c>tanh x</c>.</summary>
    public static ReverseNumber<T> Tanh<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Tanh(x);
    /// <summary><c>σ(x)</c>.</summary>
    public static ReverseNumber<T> Sigmoid<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Sigmoid(x);
    /// <summary><c>ln(1 + e^x)</c>.</summary>
    public static ReverseNumber<T> Softplus<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Softplus(x);
    /// <summary><c>max(x, 0)</c>.</summary>
    public static ReverseNumber<T> Relu<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Relu(x);
}
