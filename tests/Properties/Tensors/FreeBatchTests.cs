namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// A graph built once with the free batch dimension N runs for any batch size, equal bit for bit to the graph built for
/// that size; a saved graph keeps N; every known dimension is still checked when the graph is built, and the batch
/// size is checked when it runs.
/// </summary>
public class FreeBatchTests
{
    private static readonly Shape Rows = Shape.Of(Shape.Batch, 4);

    private static Expr Mlp(Shape features)
    {
        Expr x = Expr.Input("x", features), w = Expr.Input("W", Shape.Matrix(4, 3)), b = Expr.Input("b", Shape.Vector(3));
        return Expr.Tanh(Expr.MatMul(x, w) + b);
    }

    private static Bindings At(int rows, int seed)
    {
        var random = new Random(seed);
        return Bindings.Of(("x", TensorChecks.Uniform(Shape.Matrix(rows, 4), random)), ("W", TensorChecks.Uniform(Shape.Matrix(4, 3), random)),
            ("b", TensorChecks.Uniform(Shape.Vector(3), random)), ("y", Tensor.Vector([.. Enumerable.Range(0, rows).Select(r => (double)(r % 3))])));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(300)]
    public void AGraphWithAFreeBatchRunsAtAnySizeAsTheGraphBuiltForIt(int rows)
    {
        var free = Mlp(Rows);
        Assert.Equal("N×3", free.Shape.ToString());
        var fixedSize = Mlp(Shape.Matrix(rows, 4));
        var at = At(rows, rows);
        Assert.Equal(Graph.Evaluate(fixedSize, at), Graph.Evaluate(free, at));
        var (lossFree, lossFixed) = (Expr.CrossEntropy(free, Expr.Input("y", Shape.Of(Shape.Batch))), Expr.CrossEntropy(fixedSize, Expr.Input("y", Shape.Vector(rows))));
        Assert.Equal(Reverse.Grad(lossFixed, at)["W"], Reverse.Grad(lossFree, at)["W"]);
        Assert.Equal(Reverse.Grad(lossFixed, at, ["b"])["b"], Reverse.Grad(lossFree, at, ["b"])["b"]);
        var direction = Bindings.Of(("W", Tensor.Filled(Shape.Matrix(4, 3), 0.5)));
        Assert.Equal(Forward.Jvp(lossFixed, at, direction).Tangent, Forward.Jvp(lossFree, at, direction).Tangent);
        var sized = Graph.WithBatchSize(lossFree, rows);
        Assert.Equal(Reverse.Compile(lossFixed).Invoke(at).Gradient["W"], Reverse.Compile(sized).Invoke(at).Gradient["W"]);
        Assert.Equal(Reverse.GradGraph(lossFixed).Evaluate(at).Gradient["W"], Reverse.GradGraph(sized).Evaluate(at).Gradient["W"]);
    }

    [Fact]
    public void ASavedGraphKeepsItsFreeBatch()
    {
        var free = Mlp(Rows);
        var json = GraphJson.Serialize(free);
        Assert.Contains("\"N\"", json, StringComparison.Ordinal);
        var loaded = GraphJson.Deserialize(json);
        Assert.Equal(free, loaded);
        Assert.Equal(Graph.Evaluate(Mlp(Shape.Matrix(7, 4)), At(7, 1)), Graph.Evaluate(loaded, At(7, 1)));
        Assert.Equal(Graph.Evaluate(Mlp(Shape.Matrix(2, 4)), At(2, 3)), Graph.Evaluate(loaded, At(2, 3)));
    }

    [Fact]
    public void AConvolutionalModelGraphTakesAnyBatch()
    {
        var convolution = Layer.Conv2D(Shape.Of(1, 6, 6), filters: 2, kernel: 3, activation: Activation.Relu);
        var pooling = Layer.MaxPool2D(convolution.OutputShape, 2);
        var flatten = Layer.Flatten(pooling.OutputShape);
        var model = Model.Sequential(convolution, pooling, flatten, Layer.Dense(flatten.Outputs, 3));
        var graph = model.Graph();
        Assert.Equal(Shape.Of(Shape.Batch, 3), graph.Shape);
        var parameters = model.Initialize(seed: 2);
        foreach (var rows in new[] { 1, 9 })
        {
            var random = new Random(rows);
            var features = TensorChecks.Uniform(Shape.Matrix(rows, 36), random);
            Assert.Equal(model.Predict(parameters, features), Graph.Evaluate(graph, parameters.With(Model.FeaturesName, features)));
        }
    }

    [Fact]
    public void KnownDimensionsAreCheckedWhenBuiltAndTheBatchWhenRun()
    {
        var x = Expr.Input("x", Rows);
        var product = Assert.Throws<ShapeMismatchException>(() => Expr.MatMul(x, Expr.Input("W", Shape.Matrix(5, 3))));
        Assert.Contains("N×4", product.Message);
        var broadcast = Assert.Throws<ShapeMismatchException>(() => x + Expr.Input("z", Shape.Matrix(6, 4)));
        Assert.Contains("N against 6", broadcast.Message);
        Assert.Equal(Shape.Of(Shape.Batch, 2, 2), Expr.Reshape(x, Shape.Of(Shape.Batch, 2, 2)).Shape);
        Assert.Throws<ShapeMismatchException>(() => Expr.Reshape(x, Shape.Of(Shape.Batch, 3)));

        var sum = Expr.Sum(x) + Expr.Sum(Expr.Input("u", Shape.Of(Shape.Batch)));
        var mixed = Bindings.Of(("x", Tensor.Zeros(Shape.Matrix(3, 4))), ("u", Tensor.Zeros(Shape.Vector(5))));
        var sizes = Assert.Throws<ShapeMismatchException>(() => Graph.Evaluate(sum, mixed));
        Assert.Contains("is 3 for the input 'x' but 5 for 'u'", sizes.Message, StringComparison.Ordinal);
        var wrong = Assert.Throws<ShapeMismatchException>(() => Graph.Evaluate(Expr.Sum(x), Bindings.Of(("x", Tensor.Zeros(Shape.Matrix(3, 5))))));
        Assert.Contains("N×4", wrong.Message);
        Assert.Contains("3×5", wrong.Message);
        var refused = Assert.Throws<InvalidOperationException>(() => Reverse.GradGraph(Expr.Sum(x)));
        Assert.Contains("Graph.WithBatchSize", refused.Message);
        Assert.Throws<InvalidOperationException>(() => Reverse.Compile(Expr.Sum(x)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Shape.Of(2, 0));
        Assert.Contains("free batch dimension", Assert.Throws<ShapeMismatchException>(() => Expr.Concat(x, x, 0)).Message);
        Assert.Equal(Shape.Of(Shape.Batch, 8), Expr.Concat(x, x, 1).Shape);
        Assert.Contains("free batch dimension", Assert.Throws<ShapeMismatchException>(() => Expr.Slice(x, 0, 0, 2)).Message);
        Assert.Equal(Shape.Of(Shape.Batch, 3, 2), Expr.MatMul(Expr.Input("q", Shape.Of(Shape.Batch, 3, 4)), Expr.Input("k", Shape.Of(Shape.Batch, 4, 2))).Shape);
        Assert.Equal(Shape.Matrix(8, 4), Rows.WithBatchSize(8));
        Assert.True(Rows.HasFreeBatch);
        Assert.False(Shape.Matrix(8, 4).HasFreeBatch);
    }

    [Fact]
    public void BatchedProductsReductionsAndConvolutionsOverTheBatchAxisRunAtTheBoundSize()
    {
        var random = new Random(8);
        Expr Build(int n) =>
            Expr.Sum(Expr.MatMul(Expr.Input("q", Shape.Of(n, 3, 4)), Expr.Input("k", Shape.Of(n, 4, 2))), 0)
            + Expr.Mean(Expr.Sum(Expr.Conv2D(Expr.Input("x", Shape.Of(n, 1, 4, 4)), Expr.Input("K", Shape.Of(1, 1, 3, 3)), padding: 1), [1, 2, 3]), 0);
        var free = Build(Shape.Batch);
        Assert.Equal(Shape.Matrix(3, 2), free.Shape);
        var at = Bindings.Of(("q", TensorChecks.Uniform(Shape.Of(5, 3, 4), random)), ("k", TensorChecks.Uniform(Shape.Of(5, 4, 2), random)),
            ("x", TensorChecks.Uniform(Shape.Of(5, 1, 4, 4), random)), ("K", TensorChecks.Uniform(Shape.Of(1, 1, 3, 3), random)));
        Assert.Equal(Graph.Evaluate(Build(5), at), Graph.Evaluate(free, at));
        var loss = Expr.Sum(free);
        Assert.Equal(Reverse.Grad(Expr.Sum(Build(5)), at)["K"], Reverse.Grad(loss, at)["K"]);
    }

    [Fact]
    public void ALoopWhoseCarryHoldsTheFreeBatchRunsAtTheBoundSize()
    {
        var random = new Random(12);
        Expr Build(int n)
        {
            var w = Expr.Input("W", Shape.Matrix(3, 3));
            return Expr.Sum(Expr.Fold(Expr.Input("h", Shape.Of(n, 3)), 5, h => Expr.Tanh(Expr.MatMul(h, w))));
        }
        var at = Bindings.Of(("h", TensorChecks.Uniform(Shape.Matrix(4, 3), random)), ("W", TensorChecks.Uniform(Shape.Matrix(3, 3), random)));
        var free = Build(Shape.Batch);
        Assert.Equal(Graph.Evaluate(Build(4), at), Graph.Evaluate(free, at));
        Assert.Equal(Reverse.Grad(Build(4), at)["W"], Reverse.Grad(free, at)["W"]);
    }
}
