namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary><c>tanh x</c>. d/dx = 1 − tanh² x; rounds to ±1 with derivative exactly 0 for |x| ≥ 20.</summary>
    public static readonly Primitive Tanh = Rules.Unary("tanh", Math.Tanh, (_, z) => 1 - z * z, (_, z) => 1.0 - z * z);

    /// <summary>
    /// <c>σ(x) = 1 / (1 + e^−x)</c>, computed without overflow for any x. d/dx = σ(x)(1 − σ(x)).
    /// </summary>
    public static readonly Primitive Sigmoid = Rules.Unary("sigmoid", StableSigmoid, (_, z) => z * (1 - z), (_, z) => z * (1.0 - z));

    /// <summary>
    /// <c>softplus(x) = ln(1 + e^x)</c>, computed as max(x, 0) + log1p(e^−|x|) so that it neither
    /// overflows for large x nor underflows early for very negative x. d/dx = σ(x).
    /// </summary>
    public static readonly Primitive Softplus = Rules.Unary(
        "softplus", x => Math.Max(x, 0) + double.LogP1(Math.Exp(-Math.Abs(x))), (x, _) => StableSigmoid(x), (x, _) => Expr.Sigmoid(x));

    /// <summary>
    /// <c>relu(x) = max(x, 0)</c>. d/dx = 1 for x &gt; 0 and 0 for x &lt; 0; at the kink x = 0 the
    /// derivative is ½, the mean of the one-sided derivatives, the same as <see cref="Max"/> at a tie.
    /// </summary>
    public static readonly Primitive Relu = Rules.Unary(
        "relu", x => Math.Max(x, 0), (x, _) => x > 0 ? 1 : x < 0 ? 0 : x == 0 ? 0.5 : double.NaN,
        (x, _) => Expr.Step(x, 0.0));

    private static double StableSigmoid(double x)
    {
        if (x >= 0) return 1 / (1 + Math.Exp(-x));
        var e = Math.Exp(x);
        return e / (1 + e);
    }
}
