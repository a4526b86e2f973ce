using FsCheck;
using FsCheck.Fluent;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Take and its transpose ScatterAdd, along any axis of tensors of any rank with indices of any rank: values against
/// direct loops, derivatives in both modes against finite differences and to second order, repeated indices, indices
/// without a derivative, bad indices and shapes, saved and compiled graphs.
/// </summary>
public class TakeAndScatterAddTests
{
    private static Tensor Random(Shape shape, Random random) => TensorChecks.Uniform(shape, random);

    private static Shape RandomShape(Random random, int minRank, int maxRank) =>
        Shape.Of([.. Enumerable.Range(0, random.Next(minRank, maxRank + 1)).Select(_ => random.Next(1, 4))]);

    private static Tensor Indices(Shape shape, int length, Random random) =>
        Tensor.Of([.. Enumerable.Range(0, shape.Count).Select(_ => (double)random.Next(length))], shape);

    private static double Element(Tensor t, int[] index) => t.Shape.IsScalar ? t.ToScalar() : t[index];

    private sealed record Case(Tensor Table, Tensor Indices, int Axis);

    private static Case RandomCase(Random random)
    {
        var table = Random(RandomShape(random, 1, 3), random);
        var axis = random.Next(table.Shape.Rank);
        return new(table, Indices(RandomShape(random, 0, 2), table.Shape[axis], random), axis);
    }

    /// <summary>Take by its definition: output[i…, j…, k…] = table[i…, indices[j…], k…].</summary>
    private static Tensor DirectTake(Tensor table, Tensor indices, int axis, Shape shape)
    {
        var k = indices.Shape.Rank;
        return Tensor.Create(shape, i =>
            Element(table, [.. i[..axis], (int)Element(indices, i[axis..(axis + k)]), .. i[(axis + k)..]]));
    }

    /// <summary>ScatterAdd by its definition: a loop over the values, each added at its index.</summary>
    private static Tensor DirectScatter(Tensor values, Tensor indices, int axis, Shape shape)
    {
        var k = indices.Shape.Rank;
        var sums = new double[shape.Count];
        var rowMajor = values.ToArray();
        for (var v = 0; v < rowMajor.Length; v++)
        {
            var i = new int[values.Shape.Rank];
            for (int a = values.Shape.Rank - 1, rest = v; a >= 0; rest /= values.Shape[a], a--) i[a] = rest % values.Shape[a];
            int[] target = [.. i[..axis], (int)Element(indices, i[axis..(axis + k)]), .. i[(axis + k)..]];
            var flat = 0;
            for (var a = 0; a < target.Length; a++) flat = flat * shape[a] + target[a];
            sums[flat] += rowMajor[v];
        }
        return Tensor.Of(sums, shape);
    }

    [Fact]
    public void TakeAndScatterAddAreTheirDefinitions() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var (table, indices, axis) = RandomCase(random);
            var taken = Expr.Take(Expr.Input("t", table.Shape), Expr.Input("i", indices.Shape), axis);
            var at = Bindings.Of(("t", table), ("i", indices));
            Assert.Equal(DirectTake(table, indices, axis, taken.Shape), Graph.Evaluate(taken, at));
            var values = Random(taken.Shape, random);
            var scattered = Expr.ScatterAdd(Expr.Input("v", values.Shape), Expr.Input("i", indices.Shape), axis, table.Shape[axis]);
            Assert.Equal(table.Shape, scattered.Shape);
            var expected = DirectScatter(values, indices, axis, table.Shape).ToArray();
            var actual = Graph.Evaluate(scattered, Bindings.Of(("v", values), ("i", indices))).ToArray();
            for (var e = 0; e < expected.Length; e++) Assert.Equal(expected[e], actual[e], 1e-14 * (1 + Math.Abs(expected[e])));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void TakeAndScatterAddAgreeInBothModesWithFiniteDifferencesToSecondOrder() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var (table, indices, axis) = RandomCase(random);
            Expr t = Expr.Input("t", table.Shape), i = Expr.Constant(indices);
            var taken = Expr.Take(t, i, axis);
            Expr v = Expr.Input("v", taken.Shape), w = Expr.Input("w", table.Shape);
            var at = Bindings.Of(("t", table), ("v", Random(taken.Shape, random)), ("w", Random(table.Shape, random)));
            GradientCheck.Of(Expr.Sum(Expr.Tanh(taken) * v), at).ThrowIfFailed();
            GradientCheck.Of(taken, at).ThrowIfFailed(); // a tensor output: each mode and the transpose identity
            var scattered = Expr.ScatterAdd(Expr.Tanh(v) * v, i, axis, table.Shape[axis]);
            GradientCheck.Of(Expr.Sum(Expr.Sin(scattered) * w), at).ThrowIfFailed();
            GradientCheck.Of(scattered, at).ThrowIfFailed();
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void RepeatedIndicesAddTheirCotangentsUp()
    {
        var table = Tensor.Of(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        var weights = Tensor.Of(new double[,] { { 1, 10 }, { 100, 1000 }, { 2, 20 }, { 200, 2000 } });
        var graph = Expr.Sum(Expr.Take(Expr.Input("t", table.Shape), Expr.Constant(Tensor.Vector(2, 0, 2, 2)), 0) * Expr.Input("w", weights.Shape));
        var at = Bindings.Of(("t", table), ("w", weights));
        var expected = Tensor.Of(new double[,] { { 100, 1000 }, { 0, 0 }, { 203, 2030 } });
        Assert.Equal(expected, Reverse.Grad(graph, at)["t"]);
        Assert.Equal(expected, Reverse.GradGraph(graph).Evaluate(at).Gradient["t"]);
        Assert.Equal(5 * 1 + 6 * 10 + 1 * 100 + 2 * 1000 + 5 * 2 + 6 * 20 + 5 * 200 + 6 * 2000, Graph.Evaluate(graph, at).ToScalar());
    }

    [Fact]
    public void TheIndicesGetNoDerivative()
    {
        var table = Tensor.Of(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var indices = Tensor.Vector(2, 1, 2);
        var graph = Expr.Sum(Expr.Take(Expr.Input("t", table.Shape), Expr.Input("i", indices.Shape), 1));
        var at = Bindings.Of(("t", table), ("i", indices));
        var gradient = Reverse.Grad(graph, at);
        Assert.Equal(Tensor.Zeros(indices.Shape), gradient["i"]);
        Assert.Equal(Tensor.Of(new double[,] { { 0, 1, 2 }, { 0, 1, 2 } }), gradient["t"]);
        Assert.Equal(0, Forward.Jvp(graph, at, Bindings.Of(("i", Tensor.Vector(1, 1, 1)))).Tangent.ToScalar());
        Assert.Equal(Tensor.Zeros(indices.Shape), Reverse.GradGraph(graph).Evaluate(at).Gradient["i"]);
    }

    [Fact]
    public void AnIndexThatIsNotAnIntegerInRangeIsReportedWithItsPosition()
    {
        Expr table = Expr.Input("t", Shape.Of(4, 2));
        var graph = Expr.Take(table, Expr.Input("i", Shape.Matrix(2, 2)), 0);
        var at = Bindings.Of(("t", Tensor.Zeros(Shape.Of(4, 2))));
        var fraction = Assert.Throws<ArgumentException>(() => Graph.Evaluate(graph, at.With("i", Tensor.Of(new double[,] { { 0, 1 }, { 1.5, 3 } }))));
        Assert.StartsWith("Take:", fraction.Message);
        Assert.Contains("1.5 at position (1, 0)", fraction.Message);
        var large = Assert.Throws<ArgumentException>(() => Graph.Evaluate(graph, at.With("i", Tensor.Of(new double[,] { { 0, 4 }, { 1, 3 } }))));
        Assert.Contains("4 at position (0, 1)", large.Message);
        Assert.Contains("0 … 3", large.Message);
        var negative = Assert.Throws<ArgumentException>(() => Reverse.Grad(Expr.Sum(graph), at.With("i", Tensor.Of(new double[,] { { 0, 1 }, { 2, -1 } }))));
        Assert.Contains("-1 at position (1, 1)", negative.Message);
        var scatter = Expr.ScatterAdd(Expr.Input("g", Shape.Of(3, 2)), Expr.Constant(Tensor.Vector(0, 4, 1)), 0, 4);
        var scattered = Assert.Throws<ArgumentException>(() => Graph.Evaluate(scatter, Bindings.Of(("g", Tensor.Zeros(Shape.Of(3, 2))))));
        Assert.StartsWith("ScatterAdd:", scattered.Message);
        Assert.Contains("4 at position (1)", scattered.Message);
    }

    [Fact]
    public void ShapesThatDoNotFitAreRefusedWhenBuiltNamingTheOperationAndBothShapes()
    {
        Expr table = Expr.Input("t", Shape.Of(4, 2)), indices = Expr.Input("i", Shape.Of(3, 5));
        var axis = Assert.Throws<ShapeMismatchException>(() => Expr.Take(table, indices, 2));
        Assert.Equal("Take", axis.Operation);
        Assert.Contains("4×2", axis.Message);
        Assert.Contains("3×5", axis.Message);
        Assert.Throws<ShapeMismatchException>(() => Expr.Take(Expr.Input("s"), indices));
        var scatter = Assert.Throws<ShapeMismatchException>(() => Expr.ScatterAdd(Expr.Input("g", Shape.Of(2, 3, 4)), indices, 0, 6));
        Assert.Equal("ScatterAdd", scatter.Operation);
        Assert.Contains("2×3×4", scatter.Message);
        Assert.Contains("3×5", scatter.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Expr.ScatterAdd(Expr.Input("g", Shape.Of(3, 5)), indices, 0, 0));
        Assert.Equal(Shape.Of(4, 3, 5), Expr.Take(table, indices, -1).Shape);
        Assert.Equal(Shape.Of(2), Expr.Take(table, Expr.Input("k"), 0).Shape); // a scalar index drops the axis
        Assert.Equal(Shape.Of(2, 7), Expr.ScatterAdd(Expr.Input("g", Shape.Of(2, 3, 5)), indices, -1, 7).Shape);
        var embedding = Assert.Throws<ShapeMismatchException>(() => Expr.Embedding(Expr.Input("E", Shape.Of(4, 2, 2)), indices));
        Assert.Equal("Embedding", embedding.Operation);
        Assert.Contains("4×2×2", embedding.Message);
        Assert.Contains("3×5", embedding.Message);
        Assert.Equal(Shape.Of(3, 5, 2), Expr.Embedding(table, indices).Shape);
    }

    [Fact]
    public void AGraphThatTakesAndScattersSavesLoadsCompilesAndDifferentiatesAsAGraph()
    {
        var random = new Random(5);
        Expr table = Expr.Input("t", Shape.Of(3, 4, 2)), indices = Expr.Input("i", Shape.Matrix(2, 3));
        var taken = Expr.Take(table, indices, 1); // 3×2×3×2
        var graph = Expr.Sum(Expr.Tanh(Expr.ScatterAdd(taken * taken, indices, 1, 5)));
        var at = Bindings.Of(("t", Random(table.Shape, random)), ("i", Tensor.Of(new double[,] { { 3, 0, 3 }, { 1, 1, 2 } })));
        var json = GraphJson.Serialize(graph);
        Assert.Equal(graph, GraphJson.Deserialize(json));
        Assert.Contains("\"operation\":\"ScatterAdd\",\"parameters\":[1,5]", json);
        var expected = Reverse.Grad(graph, at);
        var compiled = Reverse.Compile(graph).Invoke(at);
        Assert.Equal(expected["t"], compiled.Gradient["t"]);
        Assert.Equal(Graph.Evaluate(graph, at).ToScalar(), compiled.Value);
        var (e, a) = (expected["t"].ToArray(), Reverse.GradGraph(graph).Evaluate(at).Gradient["t"].ToArray());
        for (var k = 0; k < e.Length; k++) Assert.Equal(e[k], a[k], 1e-12 * (1 + Math.Abs(e[k])));
        Assert.Contains("take(t, i, axis: 1)", graph.ToString(), StringComparison.OrdinalIgnoreCase);
        var bad = json.Replace("[1,5]", "[1]", StringComparison.Ordinal);
        Assert.Contains("2 whole numbers", Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(bad)).Message);
    }
}
