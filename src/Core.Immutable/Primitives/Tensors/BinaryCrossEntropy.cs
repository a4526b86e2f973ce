namespace FunctionalAD;

/// <summary>
/// <c>BinaryCrossEntropyWithLogits(z, t)</c> = (1/N) Σ [softplus(zᵢ) − tᵢzᵢ], the mean of −tᵢ log σ(zᵢ) − (1 − tᵢ) log(1 − σ(zᵢ)),
/// over two tensors of one shape, in the stable form max(z, 0) − t·z + log(1 + exp(−|z|)), which neither overflows
/// nor takes the log of 0. ∂/∂zᵢ = (σ(zᵢ) − tᵢ)/N, ∂/∂tᵢ = −zᵢ/N.
/// </summary>
internal sealed record BinaryCrossEntropyOperation : TensorOperation
{
    public static readonly BinaryCrossEntropyOperation Instance = new();

    public override string Name => "BinaryCrossEntropyWithLogits";
    public override int Arity => 2;
    internal override string Symbol => "bce";

    public override Shape OutputShape(Shape z, Shape t) => z == t
        ? Shape.Scalar
        : throw Mismatch($"cannot pair logits {z} with targets {t}: the shapes must be equal.");

    public override Tensor Value(Tensor z, Tensor t)
    {
        var sum = 0.0;
        for (var k = 0; k < z.Shape.Count; k++)
        {
            var x = z.At(k);
            sum += Math.Max(x, 0) - t.At(k) * x + Math.Log(1 + Math.Exp(-Math.Abs(x)));
        }
        return sum / z.Shape.Count;
    }

    public override Tensor Jvp(Tensor z, Tensor t, Tensor output, Tensor? dz, Tensor? dt)
    {
        var sum = 0.0;
        for (var k = 0; k < z.Shape.Count; k++)
        {
            double x = z.At(k), a = dz?.At(k) ?? 0, b = dt?.At(k) ?? 0;
            sum += Rules.Times(Sigmoid(x) - t.At(k), a) + Rules.Times(-x, b);
        }
        return sum / z.Shape.Count;
    }

    public override TensorPullback Vjp(Tensor z, Tensor t, Tensor output) => (g, first, second) =>
    {
        var scale = g.ToScalar() / z.Shape.Count;
        double[]? gz = first ? new double[z.Shape.Count] : null, gt = second ? new double[z.Shape.Count] : null;
        for (var k = 0; k < z.Shape.Count; k++)
        {
            var x = z.At(k);
            if (gz is not null) gz[k] = scale * (Sigmoid(x) - t.At(k));
            if (gt is not null) gt[k] = -scale * x;
        }
        return new(gz is null ? null : new Tensor(z.Shape, gz), gt is null ? null : new Tensor(t.Shape, gt));
    };

    /// <summary>σ(x) without overflow for large |x|.</summary>
    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
}
