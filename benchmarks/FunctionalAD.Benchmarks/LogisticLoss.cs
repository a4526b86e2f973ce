using System.Numerics;

namespace FunctionalAD.Benchmarks;

/// <summary>
/// W5's function: the logistic loss L(w) = Σⱼ log(1 + exp(−yⱼ·aⱼ·w)) over fixed random data (seed 5), written
/// once generically for every number type, with the hand-written value, gradient and Hessian-vector product.
/// </summary>
public sealed class LogisticLoss : IMultivariateFunction
{
    private readonly double[][] rows;
    private readonly double[] labels;

    public LogisticLoss(int rowCount, int featureCount, int seed = 5)
    {
        var random = new Random(seed);
        rows = [.. Enumerable.Range(0, rowCount).Select(_ => Enumerable.Range(0, featureCount).Select(_ => random.NextDouble() * 2 - 1).ToArray())];
        labels = [.. Enumerable.Range(0, rowCount).Select(_ => random.Next(2) == 0 ? -1.0 : 1.0)];
        Point = [.. Enumerable.Range(0, featureCount).Select(_ => 0.1 * (random.NextDouble() * 2 - 1))];
        Direction = [.. Enumerable.Range(0, featureCount).Select(_ => random.NextDouble() * 2 - 1)];
    }

    /// <summary>The data as an m×n tensor (row j is aⱼ).</summary>
    public Tensor Data => Tensor.Create(Shape.Matrix(rows.Length, rows[0].Length), (j, i) => rows[j][i]);

    /// <summary>The labels as 0/1 targets tⱼ = (1 + yⱼ)/2, so that log(1 + exp(−yⱼmⱼ)) is the binary cross-entropy of mⱼ and tⱼ.</summary>
    public Tensor Targets => Tensor.Vector([.. labels.Select(y => (1 + y) / 2)]);

    /// <summary>
    /// The same loss as a tensor graph: m · BinaryCrossEntropyWithLogits(X·w, t) (the cross-entropy is a mean), with the
    /// data X, targets t and weights w as inputs.
    /// </summary>
    public Expr TensorGraph()
    {
        var (x, t) = (Expr.Input("X", Shape.Matrix(rows.Length, rows[0].Length)), Expr.Input("t", Shape.Vector(rows.Length)));
        var w = Expr.Input("w", Shape.Vector(rows[0].Length));
        return Expr.BinaryCrossEntropyWithLogits(Expr.MatMul(x, w), t) * (double)rows.Length;
    }

    /// <summary>The point w at which the workload differentiates.</summary>
    public double[] Point { get; }

    /// <summary>The vector v of the Hessian-vector product.</summary>
    public double[] Direction { get; }

    public T Invoke<T>(ReadOnlySpan<T> w) where T : IFloatingPointIeee754<T>
    {
        var loss = T.Zero;
        for (var j = 0; j < rows.Length; j++)
        {
            var row = rows[j];
            var margin = T.Zero;
            for (var i = 0; i < row.Length; i++) margin += T.CreateChecked(row[i]) * w[i];
            loss += T.LogP1(T.Exp(T.CreateChecked(-labels[j]) * margin));
        }
        return loss;
    }

    public double Value(double[] w)
    {
        var loss = 0.0;
        for (var j = 0; j < rows.Length; j++) loss += Math.Log(1 + Math.Exp(-labels[j] * Dot(rows[j], w)));
        return loss;
    }

    /// <summary>∇L = Σⱼ −yⱼ·σ(−yⱼ mⱼ)·aⱼ, mⱼ = aⱼ·w.</summary>
    public double[] Gradient(double[] w)
    {
        var g = new double[w.Length];
        for (var j = 0; j < rows.Length; j++)
        {
            var s = Sigmoid(-labels[j] * Dot(rows[j], w));
            var c = -labels[j] * s;
            var row = rows[j];
            for (var i = 0; i < row.Length; i++) g[i] += c * row[i];
        }
        return g;
    }

    /// <summary>H·v = Σⱼ σⱼ(1 − σⱼ)·(aⱼ·v)·aⱼ (yⱼ² = 1).</summary>
    public double[] HessianVectorProduct(double[] w, double[] v)
    {
        var hv = new double[w.Length];
        for (var j = 0; j < rows.Length; j++)
        {
            var s = Sigmoid(-labels[j] * Dot(rows[j], w));
            var c = s * (1 - s) * Dot(rows[j], v);
            var row = rows[j];
            for (var i = 0; i < row.Length; i++) hv[i] += c * row[i];
        }
        return hv;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
