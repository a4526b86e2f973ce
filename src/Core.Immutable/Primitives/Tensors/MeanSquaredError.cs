namespace FunctionalAD;

/// <summary>
/// <c>MeanSquaredError(p, t)</c> = (1/N) Σ (pᵢ − tᵢ)² over two tensors of one shape with N elements.
/// d = (2/N) Σ (pᵢ − tᵢ)(dpᵢ − dtᵢ); the pullback of g is (2g/N)(p − t) for p and its negation for t.
/// </summary>
internal sealed class MeanSquaredErrorOperation : TensorOperation
{
    public static readonly MeanSquaredErrorOperation Instance = new();

    public override string Name => "MeanSquaredError";
    public override int Arity => 2;
    public override string Symbol => "mse";

    public override Shape OutputShape(Shape p, Shape t) => p == t
        ? Shape.Scalar
        : throw Mismatch($"cannot compare predictions {p} with targets {t}: the shapes must be equal.");

    public override Tensor Value(Tensor p, Tensor t)
    {
        var sum = 0.0;
        for (var k = 0; k < p.Shape.Count; k++) { var e = p.At(k) - t.At(k); sum += e * e; }
        return sum / p.Shape.Count;
    }

    public override Tensor Jvp(Tensor p, Tensor t, Tensor output, Tensor? dp, Tensor? dt)
    {
        var sum = 0.0;
        for (var k = 0; k < p.Shape.Count; k++) sum += (p.At(k) - t.At(k)) * ((dp?.At(k) ?? 0) - (dt?.At(k) ?? 0));
        return 2 * sum / p.Shape.Count;
    }

    internal override (Expr? First, Expr? Second) VjpGraph(Expr p, Expr? t, Expr output, Expr g)
    {
        var forP = 2.0 * g / p.Shape.Count * (p - t!);
        return (forP, -forP);
    }

    public override TensorPullback Vjp(Tensor p, Tensor t, Tensor output) => (g, first, second) =>
    {
        var scale = 2 * g.ToScalar() / p.Shape.Count;
        var gp = new double[p.Shape.Count];
        for (var k = 0; k < gp.Length; k++) gp[k] = scale * (p.At(k) - t.At(k));
        var forP = new Tensor(p.Shape, gp);
        return new(first ? forP : null, second ? Kernels.Scale(forP, -1) : null);
    };
}
