using BenchmarkDotNet.Attributes;

namespace FunctionalAD.Benchmarks;

/// <summary>
/// W6: one training step of a small CNN on a batch of 64 single-channel 28×28 images — conv 3×3 1→16 (padding 1),
/// relu, 2×2 max pool, conv 3×3 16→32 (padding 1), relu, 2×2 max pool, dense 1568→10, softmax cross-entropy with
/// integer labels — the loss and the gradients of every parameter. The graph (interpreted and compiled) against a
/// hand-written im2col step on the same matrix products, in the layout a hand-written CNN would choose (channels
/// fastest), which needs no transposes between layers.
/// </summary>
[MemoryDiagnoser]
public class W6Cnn
{
    public const int Batch = 64, Side = 28, C1 = 16, C2 = 32, Classes = 10;
    private const int Pooled1 = Side / 2, Pooled2 = Side / 4, Dense = C2 * Pooled2 * Pooled2;
    internal static readonly string[] Parameters = ["K1", "b1", "K2", "b2", "W3", "b3"];

    private Expr loss = Expr.Constant(0);
    private Bindings at = Bindings.Empty;
    private CompiledGradient compiled = Reverse.Compile(Expr.Input("x")), compiledOnParameters = Reverse.Compile(Expr.Input("x"));
    private Bindings parameters = Bindings.Empty;
    private double[] images = [], k1 = [], bias1 = [], k2 = [], bias2 = [], w3 = [], bias3 = [];
    private int[] labels = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(6);
        double Uniform(double scale) => scale * (2 * random.NextDouble() - 1);
        // Row-major, as the user would hold them: images [n][h][w], kernels [o][c][i][j], dense weights [in][out].
        images = [.. Enumerable.Range(0, Batch * Side * Side).Select(_ => random.NextDouble())];
        k1 = [.. Enumerable.Range(0, C1 * 9).Select(_ => Uniform(1 / 3.0))];
        bias1 = [.. Enumerable.Range(0, C1).Select(_ => Uniform(0.1))];
        k2 = [.. Enumerable.Range(0, C2 * C1 * 9).Select(_ => Uniform(1 / 12.0))];
        bias2 = [.. Enumerable.Range(0, C2).Select(_ => Uniform(0.1))];
        w3 = [.. Enumerable.Range(0, Dense * Classes).Select(_ => Uniform(1 / Math.Sqrt(Dense)))];
        bias3 = [.. Enumerable.Range(0, Classes).Select(_ => Uniform(0.1))];
        labels = [.. Enumerable.Range(0, Batch).Select(_ => random.Next(Classes))];

        Expr x = Expr.Input("X", Shape.Of(Batch, 1, Side, Side)), y = Expr.Input("y", Shape.Vector(Batch));
        Expr K1 = Expr.Input("K1", Shape.Of(C1, 1, 3, 3)), B1 = Expr.Input("b1", Shape.Of(C1, 1, 1));
        Expr K2 = Expr.Input("K2", Shape.Of(C2, C1, 3, 3)), B2 = Expr.Input("b2", Shape.Of(C2, 1, 1));
        Expr W3 = Expr.Input("W3", Shape.Matrix(Dense, Classes)), B3 = Expr.Input("b3", Shape.Vector(Classes));
        var first = Expr.MaxPool2D(Expr.Relu(Expr.Conv2D(x, K1, padding: 1) + B1), 2);
        var second = Expr.MaxPool2D(Expr.Relu(Expr.Conv2D(first, K2, padding: 1) + B2), 2);
        loss = Expr.CrossEntropy(Expr.MatMul(Expr.Reshape(second, Shape.Matrix(Batch, Dense)), W3) + B3, y);
        at = Bindings.Of(
            ("X", Tensor.Of(images, x.Shape)), ("y", Tensor.Vector([.. labels.Select(l => (double)l)])),
            ("K1", Tensor.Of(k1, K1.Shape)), ("b1", Tensor.Of(bias1, B1.Shape)), ("K2", Tensor.Of(k2, K2.Shape)),
            ("b2", Tensor.Of(bias2, B2.Shape)), ("W3", Tensor.Of(w3, W3.Shape)), ("b3", Tensor.Vector(bias3)));
        compiled = Reverse.Compile(loss);
        // The same step with the images and labels as constants: a compiled plan over the parameters only.
        compiledOnParameters = Reverse.Compile(Graph.Substitute(Graph.Substitute(loss, "X", Expr.Constant(at["X"])), "y", Expr.Constant(at["y"])));
        parameters = Bindings.From(at.Where(p => Parameters.Contains(p.Key)));
        Graph.Evaluate(loss, at);
    }

    [Benchmark(Baseline = true, Description = "hand-written im2col step")]
    public HandWrittenGradient HandWritten() => Step();

    [Benchmark(Description = "graph, interpreted reverse")]
    public ValueAndGradient<double, Gradient> GraphReverse() => Reverse.ValueAndGrad(loss, at, Parameters);

    [Benchmark(Description = "graph, compiled reverse (every input)")]
    public ValueAndGradient<double, Gradient> GraphCompiled() => compiled.Invoke(at);

    [Benchmark(Description = "graph, compiled reverse, data as constants")]
    public ValueAndGradient<double, Gradient> GraphCompiledOnParameters() => compiledOnParameters.Invoke(parameters);

    /// <summary>The hand-written step's loss and gradients, each in the row-major order of its parameter.</summary>
    public sealed record HandWrittenGradient(double Loss, double[] K1, double[] B1, double[] K2, double[] B2, double[] W3, double[] B3);

    /// <summary>
    /// The hand-written step. Activations are column-major matrices of channels × (position, image), positions
    /// row-major within an image, so each convolution is one product of the kernels (outputs × window) with the
    /// unrolled windows (window × positions·images).
    /// </summary>
    internal HandWrittenGradient Step()
    {
        var products = LinearAlgebra.Products;
        // Layer 1: windows of the padded image, the product, bias and relu, then the pool.
        var cols1 = Unroll(images, 1, Side, Batch);
        var kernels1 = KernelMatrix(k1, C1, 1);
        var a1 = new double[C1 * Side * Side * Batch];
        products.Gemm(false, false, C1, Side * Side * Batch, 9, kernels1, C1, cols1, 9, 0, a1);
        BiasRelu(a1, bias1, C1);
        var (p1, arg1) = Pool(a1, C1, Side, Batch);
        // Layer 2.
        var cols2 = Unroll(p1, C1, Pooled1, Batch);
        var kernels2 = KernelMatrix(k2, C2, C1);
        var a2 = new double[C2 * Pooled1 * Pooled1 * Batch];
        products.Gemm(false, false, C2, Pooled1 * Pooled1 * Batch, C1 * 9, kernels2, C2, cols2, C1 * 9, 0, a2);
        BiasRelu(a2, bias2, C2);
        var (p2, arg2) = Pool(a2, C2, Pooled1, Batch);
        // Dense: p2 is Dense × Batch column-major once features are ordered (channel, position); the graph's flattening
        // is (channel, h, w) row-major, so the weights' rows are read in that order.
        var features = new double[Dense * Batch];
        for (var n = 0; n < Batch; n++)
        for (var c = 0; c < C2; c++)
        for (var s = 0; s < Pooled2 * Pooled2; s++)
            features[c * Pooled2 * Pooled2 + s + Dense * n] = p2[c + C2 * (s + Pooled2 * Pooled2 * n)];
        var weights = w3; // the row-major W3 (Dense × Classes) is W3ᵀ as a Classes × Dense column-major matrix
        var logits = new double[Classes * Batch];
        products.Gemm(false, false, Classes, Batch, Dense, weights, Classes, features, Dense, 0, logits);
        var loss = 0.0;
        for (var n = 0; n < Batch; n++)
        {
            var max = double.NegativeInfinity;
            for (var k = 0; k < Classes; k++) max = Math.Max(max, logits[k + Classes * n] += bias3[k]);
            var sum = 0.0;
            for (var k = 0; k < Classes; k++) sum += Math.Exp(logits[k + Classes * n] - max);
            loss += max + Math.Log(sum) - logits[labels[n] + Classes * n];
            for (var k = 0; k < Classes; k++)
                logits[k + Classes * n] = (Math.Exp(logits[k + Classes * n] - max) / sum - (k == labels[n] ? 1 : 0)) / Batch;
        }
        loss /= Batch;
        // Backward through the dense layer.
        var gw3 = new double[Dense * Classes];
        products.Gemm(false, true, Dense, Classes, Batch, features, Dense, logits, Classes, 0, gw3); // features·dZᵀ, Dense × Classes
        var gw3RowMajor = new double[Dense * Classes];
        for (var i = 0; i < Dense; i++)
        for (var k = 0; k < Classes; k++)
            gw3RowMajor[i * Classes + k] = gw3[i + Dense * k];
        var gb3 = new double[Classes];
        for (var n = 0; n < Batch; n++)
        for (var k = 0; k < Classes; k++)
            gb3[k] += logits[k + Classes * n];
        var gFeatures = new double[Dense * Batch];
        products.Gemm(true, false, Dense, Batch, Classes, weights, Classes, logits, Classes, 0, gFeatures);
        var gp2 = new double[p2.Length];
        for (var n = 0; n < Batch; n++)
        for (var c = 0; c < C2; c++)
        for (var s = 0; s < Pooled2 * Pooled2; s++)
            gp2[c + C2 * (s + Pooled2 * Pooled2 * n)] = gFeatures[c * Pooled2 * Pooled2 + s + Dense * n];
        // Layer 2 backward: unpool, relu, bias, kernels, windows.
        var ga2 = Unpool(gp2, arg2, a2.Length, a2);
        var gb2 = BiasGradient(ga2, C2);
        var gk2 = new double[C2 * C1 * 9];
        products.Gemm(false, true, C2, C1 * 9, Pooled1 * Pooled1 * Batch, ga2, C2, cols2, C1 * 9, 0, gk2);
        var gcols2 = new double[cols2.Length];
        products.Gemm(true, false, C1 * 9, Pooled1 * Pooled1 * Batch, C2, kernels2, C2, ga2, C2, 0, gcols2);
        var gp1 = Fold(gcols2, C1, Pooled1, Batch);
        // Layer 1 backward (the images need no gradient).
        var ga1 = Unpool(gp1, arg1, a1.Length, a1);
        var gb1 = BiasGradient(ga1, C1);
        var gk1 = new double[C1 * 9];
        products.Gemm(false, true, C1, 9, Side * Side * Batch, ga1, C1, cols1, 9, 0, gk1);
        return new(loss, KernelRowMajor(gk1, C1, 1), gb1, KernelRowMajor(gk2, C2, C1), gb2, gw3RowMajor, gb3);
    }

    /// <summary>The kernels [o][c][i][j] as an outputs × (c, i, j) column-major matrix.</summary>
    private static double[] KernelMatrix(double[] k, int outputs, int channels)
    {
        var matrix = new double[k.Length];
        for (var o = 0; o < outputs; o++)
        for (var q = 0; q < channels * 9; q++)
            matrix[o + outputs * q] = k[o * channels * 9 + q];
        return matrix;
    }

    private static double[] KernelRowMajor(double[] matrix, int outputs, int channels)
    {
        var k = new double[matrix.Length];
        for (var o = 0; o < outputs; o++)
        for (var q = 0; q < channels * 9; q++)
            k[o * channels * 9 + q] = matrix[o + outputs * q];
        return k;
    }

    /// <summary>
    /// 3×3 windows with padding 1 of channels × (position, image) activations (the input images are [n][h][w], one
    /// channel, the same layout): a (c, i, j) × (position, image) column-major matrix.
    /// </summary>
    private static double[] Unroll(double[] a, int channels, int side, int batch)
    {
        var cols = new double[channels * 9 * side * side * batch];
        Walk(a, cols, channels, side, batch, unroll: true);
        return cols;
    }

    /// <summary>The transpose of <see cref="Unroll"/>: each window entry added back where it came from.</summary>
    private static double[] Fold(double[] cols, int channels, int side, int batch)
    {
        var a = new double[channels * side * side * batch];
        Walk(a, cols, channels, side, batch, unroll: false);
        return a;
    }

    private static void Walk(double[] a, double[] cols, int channels, int side, int batch, bool unroll)
    {
        var window = channels * 9;
        for (var n = 0; n < batch; n++)
        for (var h = 0; h < side; h++)
        for (var w = 0; w < side; w++)
        {
            var column = window * (h * side + w + side * side * n);
            for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
            {
                int r = h + i - 1, s = w + j - 1;
                if (r < 0 || r >= side || s < 0 || s >= side) continue;
                var at = channels * (r * side + s + side * side * n);
                for (var c = 0; c < channels; c++)
                {
                    if (unroll) cols[column + c * 9 + i * 3 + j] = a[at + c];
                    else a[at + c] += cols[column + c * 9 + i * 3 + j];
                }
            }
        }
    }

    private static void BiasRelu(double[] a, double[] bias, int channels)
    {
        for (var p = 0; p < a.Length; p += channels)
        for (var c = 0; c < channels; c++)
            a[p + c] = Math.Max(a[p + c] + bias[c], 0);
    }

    private static double[] BiasGradient(double[] g, int channels)
    {
        var sums = new double[channels];
        for (var p = 0; p < g.Length; p += channels)
        for (var c = 0; c < channels; c++)
            sums[c] += g[p + c];
        return sums;
    }

    /// <summary>2×2 max pooling; the index of each window's first largest element.</summary>
    private static (double[] Pooled, int[] Chosen) Pool(double[] a, int channels, int side, int batch)
    {
        var half = side / 2;
        var pooled = new double[channels * half * half * batch];
        var chosen = new int[pooled.Length];
        for (var n = 0; n < batch; n++)
        for (var h = 0; h < half; h++)
        for (var w = 0; w < half; w++)
        for (var c = 0; c < channels; c++)
        {
            var best = -1;
            for (var i = 0; i < 2; i++)
            for (var j = 0; j < 2; j++)
            {
                var index = c + channels * ((2 * h + i) * side + 2 * w + j + side * side * n);
                if (best < 0 || a[index] > a[best]) best = index;
            }
            var target = c + channels * (h * half + w + half * half * n);
            (pooled[target], chosen[target]) = (a[best], best);
        }
        return (pooled, chosen);
    }

    /// <summary>The cotangent of a pool's input, through the relu before it (zero where the activation was).</summary>
    private static double[] Unpool(double[] g, int[] chosen, int length, double[] activation)
    {
        var result = new double[length];
        for (var k = 0; k < g.Length; k++) result[chosen[k]] += g[k];
        for (var k = 0; k < length; k++) if (activation[k] <= 0) result[k] = 0;
        return result;
    }
}
