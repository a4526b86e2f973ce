using FsCheck;
using FsCheck.Fluent;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Conv2D and MaxPool2D: values against direct loops over the definition, derivatives in both modes against finite
/// differences and to second order (through the transposes), the tie rule, shape errors, and saved graphs.
/// </summary>
public class ConvolutionAndPoolingTests
{
    private static Tensor Random(Shape shape, Random random) => TensorChecks.Uniform(shape, random);

    /// <summary>The convolution by its definition, one output element at a time.</summary>
    private static Tensor Direct(Tensor x, Tensor k, (int H, int W) stride, (int H, int W) padding, (int H, int W) dilation, int groups)
    {
        int n = x.Shape[0], h = x.Shape[2], w = x.Shape[3];
        int o = k.Shape[0], cg = k.Shape[1], kh = k.Shape[2], kw = k.Shape[3];
        int ho = (h + 2 * padding.H - dilation.H * (kh - 1) - 1) / stride.H + 1, wo = (w + 2 * padding.W - dilation.W * (kw - 1) - 1) / stride.W + 1;
        return Tensor.Create(Shape.Of(n, o, ho, wo), i =>
        {
            var group = i[1] / (o / groups);
            var sum = 0.0;
            for (var ci = 0; ci < cg; ci++)
            for (var a = 0; a < kh; a++)
            for (var b = 0; b < kw; b++)
            {
                int row = i[2] * stride.H - padding.H + a * dilation.H, column = i[3] * stride.W - padding.W + b * dilation.W;
                if (row >= 0 && row < h && column >= 0 && column < w) sum += x[i[0], group * cg + ci, row, column] * k[i[1], ci, a, b];
            }
            return sum;
        });
    }

    private sealed record Case(Shape Images, Shape Kernels, (int H, int W) Stride, (int H, int W) Padding, (int H, int W) Dilation, int Groups);

    private static Case RandomCase(Random random)
    {
        var groups = random.Next(1, 3);
        var (kh, kw) = (random.Next(1, 4), random.Next(1, 4));
        var stride = (random.Next(1, 3), random.Next(1, 3));
        var padding = (random.Next(0, 2), random.Next(0, 2));
        (int H, int W) dilation = (random.Next(1, 3), random.Next(1, 3));
        int h = random.Next(dilation.H * (kh - 1) + 1, 7), w = random.Next(dilation.W * (kw - 1) + 1, 7);
        return new(Shape.Of(random.Next(1, 4), groups * random.Next(1, 3), h, w), Shape.Of(groups * random.Next(1, 3), 1, kh, kw), stride, padding, dilation, groups);
    }

    private static Case Fitted(Case c, Random _) => c with { Kernels = Shape.Of(c.Kernels[0], c.Images[1] / c.Groups, c.Kernels[2], c.Kernels[3]) };

    [Fact]
    public void ConvolutionIsItsDefinition() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var c = Fitted(RandomCase(random), random);
            var (x, k) = (Random(c.Images, random), Random(c.Kernels, random));
            var graph = Expr.Conv2D(Expr.Input("x", c.Images), Expr.Input("k", c.Kernels), c.Stride, c.Padding, c.Dilation, c.Groups);
            var actual = Graph.Evaluate(graph, Bindings.Of(("x", x), ("k", k)));
            var expected = Direct(x, k, c.Stride, c.Padding, c.Dilation, c.Groups);
            Assert.Equal(expected.Shape, actual.Shape);
            var (e, a) = (expected.ToArray(), actual.ToArray());
            for (var i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= 1e-12 * (1 + Math.Abs(e[i])), $"element {i}: {a[i]} against {e[i]}");
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void ConvolutionAgreesInBothModesWithFiniteDifferencesToSecondOrder() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var c = Fitted(RandomCase(random), random);
            Expr x = Expr.Input("x", c.Images), k = Expr.Input("k", c.Kernels);
            var y = Expr.Conv2D(x, k, c.Stride, c.Padding, c.Dilation, c.Groups);
            var weights = Expr.Input("v", y.Shape);
            var at = Bindings.Of(("x", Random(c.Images, random)), ("k", Random(c.Kernels, random)), ("v", Random(y.Shape, random)));
            GradientCheck.Of(Expr.Sum(Expr.Tanh(y) * weights), at).ThrowIfFailed();
            GradientCheck.Of(y, at).ThrowIfFailed(); // a tensor output: each mode and the transpose identity
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void MaxPoolingPassesOnEachWindowsLargestAndItsDerivative() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var (size, stride) = (random.Next(1, 4), random.Next(1, 4));
            var shape = Shape.Of(random.Next(1, 3), random.Next(1, 3), random.Next(size, 8), random.Next(size, 8));
            var x = Random(shape, random);
            var graph = Expr.MaxPool2D(Expr.Input("x", shape), size, stride);
            var pooled = Graph.Evaluate(graph, Bindings.Of(("x", x)));
            var expected = Tensor.Create(graph.Shape, i =>
                Enumerable.Range(0, size * size).Max(t => x[i[0], i[1], i[2] * stride + t / size, i[3] * stride + t % size]));
            Assert.Equal(expected, pooled);
            var weights = Expr.Input("v", graph.Shape);
            var at = Bindings.Of(("x", x), ("v", Random(graph.Shape, random)));
            GradientCheck.Of(Expr.Sum(graph * graph * weights), at).ThrowIfFailed();
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void ATieSendsTheCotangentToTheFirstLargestInRowMajorOrder()
    {
        var x = Tensor.Of(new double[1, 1, 2, 2] { { { { 1, 3 }, { 3, 2 } } } });
        var graph = Expr.Sum(Expr.MaxPool2D(Expr.Input("x", x.Shape), 2));
        var gradient = Reverse.Grad(graph, Bindings.Of(("x", x)))["x"];
        Assert.Equal(new double[] { 0, 1, 0, 0 }, gradient.ToArray());
        var nan = Tensor.Of(new double[1, 1, 2, 2] { { { { 1, double.NaN }, { 3, 2 } } } });
        Assert.True(double.IsNaN(Graph.Evaluate(graph, Bindings.Of(("x", nan))).ToScalar()));
    }

    [Fact]
    public void ShapesThatDoNotConvolveOrPoolAreRefusedWhenBuiltNamingTheOperationAndTheShapes()
    {
        Expr images = Expr.Input("x", Shape.Of(8, 3, 5, 5));
        var channels = Assert.Throws<ShapeMismatchException>(() => Expr.Conv2D(images, Expr.Input("k", Shape.Of(4, 2, 3, 3))));
        Assert.Equal("Conv2D", channels.Operation);
        Assert.Contains("8×3×5×5", channels.Message);
        Assert.Contains("4×2×3×3", channels.Message);
        var large = Assert.Throws<ShapeMismatchException>(() => Expr.Conv2D(images, Expr.Input("k", Shape.Of(4, 3, 7, 7))));
        Assert.Contains("do not fit", large.Message);
        var rank = Assert.Throws<ShapeMismatchException>(() => Expr.Conv2D(Expr.Input("m", Shape.Matrix(5, 5)), Expr.Input("k", Shape.Of(4, 3, 3, 3))));
        Assert.Contains("rank 4", rank.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Expr.Conv2D(images, Expr.Input("k", Shape.Of(4, 3, 3, 3)), stride: 0));
        var pool = Assert.Throws<ShapeMismatchException>(() => Expr.MaxPool2D(images, 6));
        Assert.StartsWith("MaxPool2D:", pool.Message);
        Assert.Contains("8×3×5×5", pool.Message);
    }

    [Fact]
    public void AConvolutionalGraphAndItsGradientGraphSaveLoadCompileAndPrint()
    {
        var random = new Random(3);
        Expr x = Expr.Input("x", Shape.Of(2, 2, 6, 6)), k = Expr.Input("k", Shape.Of(4, 1, 3, 3)), b = Expr.Input("b", Shape.Of(4, 1, 1));
        var pooled = Expr.MaxPool2D(Expr.Relu(Expr.Conv2D(x, k, padding: 1, groups: 2) + b), 2);
        var graph = Expr.Sum(pooled * pooled);
        var at = Bindings.Of(("x", Random(x.Shape, random)), ("k", Random(k.Shape, random)), ("b", Random(b.Shape, random)));
        Assert.Equal(graph, GraphJson.Deserialize(GraphJson.Serialize(graph)));
        var gradientGraph = Reverse.GradGraph(graph);
        var expected = Reverse.Grad(graph, at);
        var evaluated = gradientGraph.Evaluate(at).Gradient;
        var compiled = Reverse.Compile(graph).Invoke(at).Gradient;
        foreach (var name in new[] { "x", "k", "b" })
        {
            Assert.Equal(expected[name], compiled[name]);
            var (e, a) = (expected[name].ToArray(), evaluated[name].ToArray());
            for (var i = 0; i < e.Length; i++) Assert.Equal(e[i], a[i], 1e-12);
        }
        Assert.Contains("conv2d(x, k, stride: 1, padding: 1, dilation: 1, groups: 2)", graph.ToString(), StringComparison.OrdinalIgnoreCase);
        var bad = GraphJson.Serialize(graph).Replace("[1,1,1,1,1,1,2,0,0]", "[1,1,1,1,1,1,2,0]", StringComparison.Ordinal);
        Assert.Contains("9 whole numbers", Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(bad)).Message);
    }

    [Fact]
    public void Conv1DAndAveragePoolingAreTheirDefinitionsAndDifferentiate() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var (stride, padding, dilation, kernel) = (random.Next(1, 3), random.Next(0, 2), random.Next(1, 3), random.Next(1, 4));
            var length = random.Next(dilation * (kernel - 1) + 1, 9);
            var sequences = Random(Shape.Of(random.Next(1, 3), 2, length), random);
            var kernels = Random(Shape.Of(3, 2, kernel), random);
            var convolved = Expr.Conv1D(Expr.Input("x", sequences.Shape), Expr.Input("k", kernels.Shape), stride, padding, dilation);
            var at = Bindings.Of(("x", sequences), ("k", kernels));
            var expected = Tensor.Create(convolved.Shape, i =>
            {
                var sum = 0.0;
                for (var c = 0; c < 2; c++)
                for (var t = 0; t < kernel; t++)
                {
                    var position = i[2] * stride - padding + t * dilation;
                    if (position >= 0 && position < length) sum += sequences[i[0], c, position] * kernels[i[1], c, t];
                }
                return sum;
            });
            var actual = Graph.Evaluate(convolved, at);
            Assert.Equal(expected.Shape, actual.Shape);
            Assert.All(expected.ToArray().Zip(actual.ToArray()), p => Assert.Equal(p.First, p.Second, 1e-12));
            GradientCheck.Of(Expr.Sum(Expr.Tanh(convolved)), at).ThrowIfFailed();

            var size = random.Next(1, 4);
            var images = Random(Shape.Of(2, 2, random.Next(size, 7), random.Next(size, 7)), random);
            var pooled = Expr.AvgPool2D(Expr.Input("x", images.Shape), size);
            var averages = Graph.Evaluate(pooled, Bindings.Of(("x", images)));
            var direct = Tensor.Create(pooled.Shape, i =>
                Enumerable.Range(0, size * size).Average(t => images[i[0], i[1], i[2] * size + t / size, i[3] * size + t % size]));
            Assert.All(direct.ToArray().Zip(averages.ToArray()), p => Assert.Equal(p.First, p.Second, 1e-12));
            GradientCheck.Of(Expr.Sum(Expr.Sin(pooled)), Bindings.Of(("x", images))).ThrowIfFailed();
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void TheTransposedConvolutionIsTheAdjointOfTheConvolutionAndDifferentiates() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var (stride, padding, dilation, groups) = (random.Next(1, 3), random.Next(0, 2), random.Next(1, 3), random.Next(1, 3));
            var outputPadding = random.Next(stride);
            var (kernel, inputs, outputs) = (random.Next(1, 4), groups * random.Next(1, 3), groups * random.Next(1, 3));
            var images = Random(Shape.Of(random.Next(1, 3), inputs, random.Next(2, 5), random.Next(2, 5)), random);
            var kernels = Random(Shape.Of(inputs, outputs / groups, kernel, kernel), random);
            int Size(int n) => (n - 1) * stride - 2 * padding + dilation * (kernel - 1) + 1 + outputPadding;
            if (Size(images.Shape[2]) < 1 || Size(images.Shape[3]) < 1)
            {
                Assert.Throws<ShapeMismatchException>(() => Expr.ConvTranspose2D(Expr.Input("x", images.Shape), Expr.Input("k", kernels.Shape), stride, padding, outputPadding, dilation, groups));
                return;
            }
            var transposed = Expr.ConvTranspose2D(Expr.Input("x", images.Shape), Expr.Input("k", kernels.Shape), stride, padding, outputPadding, dilation, groups);
            Assert.Equal(Shape.Of(images.Shape[0], outputs, Size(images.Shape[2]), Size(images.Shape[3])), transposed.Shape);
            // ⟨conv(z, k), x⟩ = ⟨z, convᵀ(x, k)⟩ for any z of the transposed convolution's shape.
            var z = Random(transposed.Shape, random);
            var at = Bindings.Of(("x", images), ("k", kernels), ("z", z));
            var convolved = Graph.Evaluate(Expr.Conv2D(Expr.Input("z", z.Shape), Expr.Input("k", kernels.Shape), stride, padding, dilation, groups), at);
            var left = convolved.ToArray().Zip(images.ToArray(), (a, b) => a * b).Sum();
            var right = Graph.Evaluate(transposed, at).ToArray().Zip(z.ToArray(), (a, b) => a * b).Sum();
            Assert.Equal(left, right, 1e-10);
            GradientCheck.Of(Expr.Sum(Expr.Tanh(transposed)), at).ThrowIfFailed();
        }).QuickCheckThrowOnFailure();
}
