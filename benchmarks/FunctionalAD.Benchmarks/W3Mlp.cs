using BenchmarkDotNet.Attributes;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FunctionalAD.Benchmarks;

/// <summary>
/// W3: one training step of a 784 → 256 (tanh) → 10 MLP with softmax cross-entropy, batch 128, weights and data
/// drawn with a fixed seed: the loss and the gradients of W1, b1, W2, b2. The graph's reverse mode against a
/// hand-written MathNet gradient on one thread, with the graph's matrix products on managed code and on a native
/// BLAS (the reference BLAS, if that is all there is, chosen as <c>FUNCTIONALAD_BLAS=native</c> would). The compiled
/// step (<see cref="Reverse.Compile"/>) reuses its node buffers between calls; it differentiates with respect to every
/// input, the data X included, so it does one product more than the interpreted step over the parameters — unless the
/// data are constants of the graph, as in the last case.
/// </summary>
[MemoryDiagnoser]
public class W3Mlp
{
    public const int Batch = 128, Inputs = 784, Hidden = 256, Classes = 10;
    private static readonly string[] Parameters = ["W1", "W2", "b1", "b2"];

    private Matrix<double> x = DenseMatrix.Create(1, 1, 0), w1 = DenseMatrix.Create(1, 1, 0), w2 = DenseMatrix.Create(1, 1, 0);
    private Vector<double> b1 = DenseVector.Create(1, 0), b2 = DenseVector.Create(1, 0);
    private int[] labels = [];
    private Expr loss = Expr.Constant(0);
    private Bindings at = Bindings.Empty;
    private MatrixProducts native = ManagedProducts.Instance;
    private CompiledGradient compiled = Reverse.Compile(Expr.Input("x")), compiledOnParameters = Reverse.Compile(Expr.Input("x")),
        compiledOverParameters = Reverse.Compile(Expr.Input("x"));
    private Bindings parameters = Bindings.Empty;

    [GlobalSetup]
    public void Setup()
    {
        Control.UseSingleThread();
        var random = new Random(3);
        double Uniform(double scale) => scale * (2 * random.NextDouble() - 1);
        x = DenseMatrix.Create(Batch, Inputs, (_, _) => random.NextDouble());
        w1 = DenseMatrix.Create(Inputs, Hidden, (_, _) => Uniform(1 / Math.Sqrt(Inputs)));
        b1 = DenseVector.Create(Hidden, _ => Uniform(0.1));
        w2 = DenseMatrix.Create(Hidden, Classes, (_, _) => Uniform(1 / Math.Sqrt(Hidden)));
        b2 = DenseVector.Create(Classes, _ => Uniform(0.1));
        labels = [.. Enumerable.Range(0, Batch).Select(_ => random.Next(Classes))];

        var (input, target) = (Expr.Input("X", Shape.Matrix(Batch, Inputs)), Expr.Input("y", Shape.Vector(Batch)));
        var (W1, B1) = (Expr.Input("W1", Shape.Matrix(Inputs, Hidden)), Expr.Input("b1", Shape.Vector(Hidden)));
        var (W2, B2) = (Expr.Input("W2", Shape.Matrix(Hidden, Classes)), Expr.Input("b2", Shape.Vector(Classes)));
        var hidden = Expr.Tanh(Expr.MatMul(input, W1) + B1);
        loss = Expr.CrossEntropy(Expr.MatMul(hidden, W2) + B2, target);
        at = Bindings.Of(
            ("X", Tensor.Of(x)), ("y", Tensor.Vector([.. labels.Select(l => (double)l)])),
            ("W1", Tensor.Of(w1)), ("b1", Tensor.Of(b1)), ("W2", Tensor.Of(w2)), ("b2", Tensor.Of(b2)));
        Graph.Evaluate(loss, at); // lays out the topology once, as a reused graph would have it
        compiled = Reverse.Compile(loss);
        compiledOverParameters = Reverse.Compile(loss, Parameters);
        // The same loss with the data as constants: its only inputs are the parameters.
        var (data, labelled) = (Expr.Constant(at["X"]), Expr.Constant(at["y"]));
        compiledOnParameters = Reverse.Compile(Expr.CrossEntropy(Expr.MatMul(Expr.Tanh(Expr.MatMul(data, W1) + B1), W2) + B2, labelled));
        parameters = Bindings.From(at.Where(p => Parameters.Contains(p.Key)));
        native = NativeProducts();
    }

    /// <summary>The native BLAS that <c>FUNCTIONALAD_BLAS=native</c> would take, or managed code when there is none.</summary>
    internal static MatrixProducts NativeProducts()
    {
        try
        {
            return LinearAlgebra.Choose("native").Products;
        }
        catch (InvalidOperationException e)
        {
            Console.WriteLine($"W3: no native BLAS ({e.Message}); the native case runs managed code.");
            return ManagedProducts.Instance;
        }
    }

    [Benchmark(Description = "hand-written loss only")]
    public double HandWrittenLoss() => Step(gradients: false).Loss;

    [Benchmark(Baseline = true, Description = "hand-written MathNet gradient")]
    public (double Loss, Matrix<double> W1, Vector<double> B1, Matrix<double> W2, Vector<double> B2) HandWritten() => Step(gradients: true);

    [Benchmark(Description = "hand-written, the graph's managed kernels")]
    public (double Loss, double[] W1, double[] B1, double[] W2, double[] B2) HandWrittenSameKernels() => StepOn(ManagedProducts.Instance);

    [Benchmark(Description = "graph, evaluate only")]
    public Tensor GraphEvaluate() => Graph.Evaluate(loss, at);

    [Benchmark(Description = "graph, interpreted reverse (managed)")]
    public ValueAndGradient<double, Gradient> GraphReverse()
    {
        using var _ = LinearAlgebra.UseOnThisThread(ManagedProducts.Instance);
        return Reverse.ValueAndGrad(loss, at, Parameters);
    }

    /// <summary>The graph's step with its products on <paramref name="products"/>.</summary>
    internal ValueAndGradient<double, Gradient> GraphReverseOn(MatrixProducts products)
    {
        using var _ = LinearAlgebra.UseOnThisThread(products);
        return Reverse.ValueAndGrad(loss, at, Parameters);
    }

    [Benchmark(Description = "graph, interpreted reverse (native BLAS)")]
    public ValueAndGradient<double, Gradient> GraphReverseNative()
    {
        using var _ = LinearAlgebra.UseOnThisThread(native);
        return Reverse.ValueAndGrad(loss, at, Parameters);
    }

    [Benchmark(Description = "graph, compiled reverse (managed)")]
    public ValueAndGradient<double, Gradient> GraphCompiled()
    {
        using var _ = LinearAlgebra.UseOnThisThread(ManagedProducts.Instance);
        return compiled.Invoke(at);
    }

    [Benchmark(Description = "graph, compiled reverse (native BLAS)")]
    public ValueAndGradient<double, Gradient> GraphCompiledNative()
    {
        using var _ = LinearAlgebra.UseOnThisThread(native);
        return compiled.Invoke(at);
    }

    [Benchmark(Description = "graph, compiled over the parameters, data bound per call (managed)")]
    public ValueAndGradient<double, Gradient> GraphCompiledOverParameters()
    {
        using var _ = LinearAlgebra.UseOnThisThread(ManagedProducts.Instance);
        return compiledOverParameters.Invoke(at);
    }

    [Benchmark(Description = "graph, compiled reverse, data as constants (managed)")]
    public ValueAndGradient<double, Gradient> GraphCompiledOnParameters()
    {
        using var _ = LinearAlgebra.UseOnThisThread(ManagedProducts.Instance);
        return compiledOnParameters.Invoke(parameters);
    }

    /// <summary>
    /// Adds b2 to the logits Z (column-major, batch × classes), returns the summed softmax cross-entropy of the rows
    /// against the labels, and leaves dZ = (softmax − onehot) / batch in <paramref name="zv"/>.
    /// </summary>
    private double SoftmaxCrossEntropy(double[] zv)
    {
        var loss = 0.0;
        for (var i = 0; i < Batch; i++)
        {
            var max = double.NegativeInfinity;
            for (var j = 0; j < Classes; j++) { zv[j * Batch + i] += b2[j]; max = Math.Max(max, zv[j * Batch + i]); }
            var sum = 0.0;
            for (var j = 0; j < Classes; j++) sum += Math.Exp(zv[j * Batch + i] - max);
            loss += max + Math.Log(sum) - zv[labels[i] * Batch + i];
            // Z becomes dZ = (softmax − onehot) / batch.
            for (var j = 0; j < Classes; j++)
                zv[j * Batch + i] = (Math.Exp(zv[j * Batch + i] - max) / sum - (labels[i] == j ? 1 : 0)) / Batch;
        }
        return loss;
    }

    /// <summary>
    /// The hand-written step again, with its products on <paramref name="products"/> (column-major arrays, transposes as
    /// flags): what the graph would cost with no overhead of its own on the same kernels.
    /// </summary>
    internal (double Loss, double[] W1, double[] B1, double[] W2, double[] B2) StepOn(MatrixProducts products)
    {
        double[] xs = x.AsColumnMajorArray(), w1s = w1.AsColumnMajorArray(), w2s = w2.AsColumnMajorArray();
        var av = new double[Batch * Hidden];
        products.Gemm(false, false, Batch, Hidden, Inputs, xs, Batch, w1s, Inputs, 0, av);
        for (var j = 0; j < Hidden; j++)
        for (var i = 0; i < Batch; i++)
            av[j * Batch + i] = Math.Tanh(av[j * Batch + i] + b1[j]);
        var zv = new double[Batch * Classes];
        products.Gemm(false, false, Batch, Classes, Hidden, av, Batch, w2s, Hidden, 0, zv);
        var loss = SoftmaxCrossEntropy(zv);
        var gW2 = new double[Hidden * Classes];
        products.Gemm(true, false, Hidden, Classes, Batch, av, Batch, zv, Batch, 0, gW2);
        var gb2 = new double[Classes];
        for (var j = 0; j < Classes; j++) for (var i = 0; i < Batch; i++) gb2[j] += zv[j * Batch + i];
        var dh = new double[Batch * Hidden];
        products.Gemm(false, true, Batch, Hidden, Classes, zv, Batch, w2s, Hidden, 0, dh);
        for (var k = 0; k < dh.Length; k++) dh[k] *= 1 - av[k] * av[k];
        var gW1 = new double[Inputs * Hidden];
        products.Gemm(true, false, Inputs, Hidden, Batch, xs, Batch, dh, Batch, 0, gW1);
        var gb1 = new double[Hidden];
        for (var j = 0; j < Hidden; j++) for (var i = 0; i < Batch; i++) gb1[j] += dh[j * Batch + i];
        return (loss / Batch, gW1, gb1, gW2, gb2);
    }

    /// <summary>The forward and backward pass written out with MathNet, elementwise loops on the storage.</summary>
    public (double Loss, Matrix<double> W1, Vector<double> B1, Matrix<double> W2, Vector<double> B2) Step(bool gradients)
    {
        // Forward: A = tanh(X W1 + b1), Z = A W2 + b2, S = softmax rows of Z.
        var a = (DenseMatrix)x.Multiply(w1);
        var av = a.Values;
        for (var j = 0; j < Hidden; j++)
        for (var i = 0; i < Batch; i++)
            av[j * Batch + i] = Math.Tanh(av[j * Batch + i] + b1[j]);
        var z = (DenseMatrix)a.Multiply(w2);
        var zv = z.Values;
        var loss = SoftmaxCrossEntropy(zv);
        loss /= Batch;
        if (!gradients) return (loss, w1, b1, w2, b2);

        // Backward: gW2 = Aᵀ dZ, gb2 = column sums of dZ, dH = (dZ W2ᵀ) ⊙ (1 − A²), gW1 = Xᵀ dH, gb1 = column sums of dH.
        var gW2 = a.TransposeThisAndMultiply(z);
        var gb2 = z.ColumnSums();
        var dh = (DenseMatrix)z.TransposeAndMultiply(w2);
        var dv = dh.Values;
        for (var k = 0; k < dv.Length; k++) dv[k] *= 1 - av[k] * av[k];
        var gW1 = x.TransposeThisAndMultiply(dh);
        var gb1 = dh.ColumnSums();
        return (loss, gW1, gb1, gW2, gb2);
    }
}
