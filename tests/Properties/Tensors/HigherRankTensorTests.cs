using FsCheck;
using FsCheck.Fluent;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Tensors of rank 3 and 4: values in and out in row-major order, indexing, printing, broadcasting from the right, and
/// graphs over them differentiated in both modes, against finite differences, to second order.
/// </summary>
public class HigherRankTensorTests
{
    private static Tensor Random(Shape shape, Random random) => TensorChecks.Uniform(shape, random);

    private static Shape RandomShape(Random random, int rank) =>
        Shape.Of([.. Enumerable.Range(0, rank).Select(_ => random.Next(1, 4))]);

    [Fact]
    public void ElementsGoInAndComeOutInRowMajorOrderAtAnyRank() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var shape = RandomShape(random, random.Next(3, 6));
            var elements = Enumerable.Range(0, shape.Count).Select(k => (double)k).ToArray();
            var t = Tensor.Of(elements, shape);
            Assert.Equal(elements, t.ToArray());
            var copied = new double[shape.Count];
            t.CopyTo(copied);
            Assert.Equal(elements, copied);
            // The row-major position of (i₀, …, iₙ) is Σ iₐ · (product of the dimensions after a).
            var index = shape.Dimensions.Select(d => random.Next(d)).ToArray();
            var position = 0;
            for (var axis = 0; axis < index.Length; axis++) position = position * shape[axis] + index[axis];
            Assert.Equal(position, t[index]);
            Assert.Equal(t, Tensor.Of(t.ToMultidimensionalArray()));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void MultidimensionalArraysIndexAsTheTensorDoes()
    {
        var images = new double[2, 3, 4];
        for (var i = 0; i < 2; i++)
        for (var j = 0; j < 3; j++)
        for (var k = 0; k < 4; k++)
            images[i, j, k] = 100 * i + 10 * j + k;
        var t = Tensor.Of(images);
        Assert.Equal(Shape.Of(2, 3, 4), t.Shape);
        Assert.Equal(123, t[1, 2, 3]);
        Assert.Equal(t, Tensor.Create(Shape.Of(2, 3, 4), i => 100 * i[0] + 10 * i[1] + i[2]));
        var back = (double[,,])t.ToMultidimensionalArray();
        Assert.Equal(images, back);
        Assert.Equal("[[[0, 1], [10, 11]], [[100, 101], [110, 111]]]",
            Tensor.Create(Shape.Of(2, 2, 2), i => 100 * i[0] + 10 * i[1] + i[2]).ToString());
    }

    [Fact]
    public void BadIndicesAndArraysAreRefusedInTheUsersTerms()
    {
        var t = Tensor.Zeros(Shape.Of(2, 3, 4));
        Assert.Contains("axis 2", Assert.Throws<ArgumentOutOfRangeException>(() => t[0, 0, 4]).Message);
        Assert.Contains("takes 3 indices, not 2", Assert.Throws<ArgumentOutOfRangeException>(() => t[new[] { 0, 0 }]).Message);
        Assert.Contains("Axis 1", Assert.Throws<ArgumentException>(() => Tensor.Of(new double[2, 0, 3])).Message);
        Assert.Contains("Int32", Assert.Throws<ArgumentException>(() => Tensor.Of(new int[2, 2, 2])).Message);
        Assert.Contains("Tensor.Create(shape, index", Assert.Throws<ArgumentException>(() => Tensor.Create(Shape.Of(2, 2, 2), (_, _) => 1)).Message);
    }

    [Fact]
    public void BroadcastingAlignsFromTheRightAtAnyRank()
    {
        var images = Tensor.Create(Shape.Of(2, 3, 2, 2), i => i[0] * 1000 + i[1] * 100 + i[2] * 10 + i[3]);
        var channelBias = Tensor.Create(Shape.Of(3, 1, 1), i => i[0]);
        var sum = images + channelBias;
        Assert.Equal(Shape.Of(2, 3, 2, 2), sum.Shape);
        for (var n = 0; n < 2; n++)
        for (var c = 0; c < 3; c++)
        for (var h = 0; h < 2; h++)
        for (var w = 0; w < 2; w++)
            Assert.Equal(images[n, c, h, w] + c, sum[n, c, h, w]);
        var rows = Tensor.Create(Shape.Of(2), i => i[0] + 0.5);
        Assert.Equal(images[1, 2, 1, 1] * 1.5, (images * rows)[1, 2, 1, 1]);
        var error = Assert.Throws<ShapeMismatchException>(() => images + Tensor.Zeros(Shape.Of(2, 1, 1)));
        Assert.Contains("2×3×2×2", error.Message);
        Assert.Contains("2×1×1", error.Message);
    }

    [Fact]
    public void GraphsOfAnyRankAgreeInBothModesWithFiniteDifferencesToSecondOrder() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var shape = RandomShape(random, random.Next(3, 5));
            // A broadcast partner: some axes of size 1 and, sometimes, fewer axes.
            var dropped = random.Next(shape.Rank);
            var partner = Shape.Of([.. shape.Dimensions.Skip(dropped).Select(d => random.Next(2) == 0 ? 1 : d)]);
            var axis = random.Next(shape.Rank);
            Expr x = Expr.Input("x", shape), b = Expr.Input("b", partner);
            var inner = Expr.Tanh(x * b + Expr.Sin(x));
            var graph = Expr.Sum(Expr.Sum(inner, axis) * Expr.Sum(inner, axis)) + Expr.LogSumExp(Expr.Softmax(x, axis) * b);
            var at = Bindings.Of(("x", Random(shape, random)), ("b", Random(partner, random)));
            GradientCheck.Of(graph, at).ThrowIfFailed();
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void AGraphOfRankFourCompilesSavesAndLoads()
    {
        var random = new Random(7);
        Expr x = Expr.Input("x", Shape.Of(2, 3, 2, 2)), b = Expr.Input("b", Shape.Of(3, 1, 1));
        var graph = Expr.Sum(Expr.Mean(Expr.Relu(x + b) * x, 1));
        var at = Bindings.Of(("x", Random(x.Shape, random)), ("b", Random(b.Shape, random)));
        var expected = Reverse.Grad(graph, at);
        var compiled = Reverse.Compile(graph).Invoke(at);
        Assert.Equal(expected["x"], compiled.Gradient["x"]);
        Assert.Equal(expected["b"], compiled.Gradient["b"]);
        Assert.Contains("2×3×2×2", Export.ToDot(graph));
        Assert.Contains("3×1×1", Export.ToMermaid(graph));
        var loaded = GraphJson.Deserialize(GraphJson.Serialize(graph));
        Assert.Equal(graph, loaded);
        Assert.Equal(Graph.Evaluate(graph, at), Graph.Evaluate(loaded, at));
    }
}
