using System.Numerics.Tensors;

namespace FunctionalAD;

/// <summary>
/// <c>BinaryCrossEntropyWithLogits(z, t)</c> = (1/N) Σ [softplus(zᵢ) − tᵢzᵢ], the mean of −tᵢ log σ(zᵢ) − (1 − tᵢ) log(1 − σ(zᵢ)),
/// over two tensors of one shape, in the stable form max(z, 0) − t·z + log(1 + exp(−|z|)), which neither overflows
/// nor takes the log of 0. ∂/∂zᵢ = (σ(zᵢ) − tᵢ)/N, ∂/∂tᵢ = −zᵢ/N.
/// </summary>
internal sealed class BinaryCrossEntropyOperation : TensorOperation
{
    public static readonly BinaryCrossEntropyOperation Instance = new();

    public override string Name => "BinaryCrossEntropyWithLogits";
    public override int Arity => 2;
    public override string Symbol => "bce";

    public override Shape OutputShape(Shape z, Shape t) => z == t
        ? Shape.Scalar
        : throw Mismatch($"cannot pair logits {z} with targets {t}: the shapes must be equal.");

    public override Tensor Value(Tensor z, Tensor t)
    {
        if (z.Shape.IsScalar) return Term(z.ToScalar(), t.ToScalar());
        // The same terms over whole spans: log(1 + e^−|z|) + max(z, 0) − t·z, then one vectorised sum.
        var (zs, ts) = (z.Storage, t.Storage);
        var terms = new double[zs.Length];
        var scratch = new double[zs.Length];
        TensorPrimitives.Abs(zs, terms);
        TensorPrimitives.Negate(terms, terms);
        TensorPrimitives.Exp(terms, terms);
        TensorPrimitives.Add(terms, 1.0, terms);
        TensorPrimitives.Log(terms, terms);
        TensorPrimitives.Max(zs, 0.0, scratch);
        TensorPrimitives.Add(terms, scratch, terms);
        TensorPrimitives.Multiply(ts, zs, scratch);
        TensorPrimitives.Subtract(terms, scratch, terms);
        return TensorPrimitives.Sum(terms) / zs.Length;
    }

    private static double Term(double x, double t) => Math.Max(x, 0) - t * x + Math.Log(1 + Math.Exp(-Math.Abs(x)));

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
        if (gz is not null && !z.Shape.IsScalar)
        {
            // σ(x) = (x ≥ 0 ? 1 : e)/(1 + e) with e = exp(−|x|): Sigmoid's two branches, with one vectorised exp.
            var (zs, ts) = (z.Storage, t.Storage);
            TensorPrimitives.Abs(zs, gz);
            TensorPrimitives.Negate(gz, gz);
            TensorPrimitives.Exp(gz, gz);
            for (var k = 0; k < gz.Length; k++)
            {
                var e = gz[k];
                gz[k] = scale * ((zs[k] >= 0 ? 1 : e) / (1 + e) - ts[k]);
            }
        }
        for (var k = 0; k < z.Shape.Count; k++)
        {
            var x = z.At(k);
            if (gz is not null && z.Shape.IsScalar) gz[k] = scale * (Sigmoid(x) - t.At(k));
            if (gt is not null) gt[k] = -scale * x;
        }
        return new(gz is null ? null : new Tensor(z.Shape, gz), gt is null ? null : new Tensor(t.Shape, gt));
    };

    internal override (Expr? First, Expr? Second) VjpGraph(Expr z, Expr? t, Expr output, Expr g)
    {
        var scale = g / z.Shape.Count;
        return (scale * (Expr.Sigmoid(z) - t!), -scale * z);
    }

    /// <summary>σ(x) without overflow for large |x|.</summary>
    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
}
