using FsCheck;
using FsCheck.Fluent;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Operations over the axes of tensors of any rank: Permute, Max and Min with their tie rule, reductions over sets of
/// axes with and without keeping them, Variance and LayerNorm — values against direct loops, derivatives in both modes
/// against finite differences and to second order, shape errors, and saved graphs.
/// </summary>
public class AxesTests
{
    private static Tensor Random(Shape shape, Random random) => TensorChecks.Uniform(shape, random);

    private static Shape RandomShape(Random random) => Shape.Of([.. Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(1, 4))]);

    private static int[] Order(Random random, int rank) => [.. Enumerable.Range(0, rank).OrderBy(_ => random.Next())];

    [Fact]
    public void PermuteMovesEachElementToItsPermutedIndex() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var shape = RandomShape(random);
            var axes = Order(random, shape.Rank);
            var x = Random(shape, random);
            var permuted = Graph.Evaluate(Expr.Permute(Expr.Input("x", shape), axes), Bindings.Of(("x", x)));
            Assert.Equal(Shape.Of([.. axes.Select(a => shape[a])]), permuted.Shape);
            var index = shape.Dimensions.Select(d => random.Next(d)).ToArray();
            Assert.Equal(x[index], permuted[[.. axes.Select(a => index[a])]]);
            if (shape.Rank == 2 && axes[0] == 1) Assert.Equal(Graph.Evaluate(Expr.Transpose(Expr.Input("x", shape)), Bindings.Of(("x", x))), permuted);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void ReductionsOverSetsOfAxesAreTheirDefinition() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var shape = RandomShape(random);
            var axes = Order(random, shape.Rank).Take(random.Next(1, shape.Rank + 1)).ToArray();
            var x = Random(shape, random);
            var input = Expr.Input("x", shape);
            var at = Bindings.Of(("x", x));
            var sums = Graph.Evaluate(Expr.Sum(input, axes, keepDims: true), at);
            var maxima = Graph.Evaluate(Expr.Max(input, axes, keepDims: true), at);
            var variances = Graph.Evaluate(Expr.Variance(input, axes, keepDims: true), at);
            Assert.Equal(Shape.Of([.. shape.Dimensions.Select((d, a) => axes.Contains(a) ? 1 : d)]), sums.Shape);
            // Every element of x belongs to the lane of the kept index with the reduced axes at 0.
            var lanes = new Dictionary<string, List<double>>();
            foreach (var index in Indices(shape))
            {
                var key = string.Join(",", index.Select((i, a) => axes.Contains(a) ? 0 : i));
                (lanes.TryGetValue(key, out var lane) ? lane : lanes[key] = []).Add(x[index]);
            }
            foreach (var index in Indices(sums.Shape))
            {
                var lane = lanes[string.Join(",", index)];
                var mean = lane.Average();
                Assert.Equal(lane.Sum(), sums[index], 1e-12);
                Assert.Equal(lane.Max(), maxima[index]);
                Assert.Equal(lane.Select(v => (v - mean) * (v - mean)).Average(), variances[index], 1e-12);
            }
            Assert.Equal(Shape.Of([.. shape.Dimensions.Where((_, a) => !axes.Contains(a))]),
                Expr.Mean(input, axes).Shape);
        }).QuickCheckThrowOnFailure();

    private static IEnumerable<int[]> Indices(Shape shape)
    {
        var index = new int[shape.Rank];
        for (var k = 0; k < shape.Count; k++)
        {
            yield return (int[])index.Clone();
            for (var axis = shape.Rank - 1; axis >= 0 && ++index[axis] == shape[axis]; axis--) index[axis] = 0;
        }
    }

    [Fact]
    public void AxisOperationsAgreeInBothModesWithFiniteDifferencesToSecondOrder() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var shape = RandomShape(random);
            var axes = Order(random, shape.Rank);
            var reduced = axes.Take(random.Next(1, shape.Rank + 1)).ToArray();
            var x = Expr.Input("x", shape);
            var mixed = Expr.Sin(Expr.Permute(x, axes)) * Expr.Permute(x, axes);
            var graph = Expr.Sum(mixed * mixed) + Expr.Sum(Expr.Max(Expr.Tanh(x), reduced, keepDims: true) * Expr.Min(x * x, reduced, keepDims: true))
                + Expr.Sum(Expr.Variance(x, reduced)) + Expr.Sum(Expr.LayerNorm(x, random.Next(1, shape.Rank + 1)) * x);
            // Distinct values keep max and min away from ties, where they have no derivative.
            var values = Enumerable.Range(0, shape.Count).Select(k => (k + random.NextDouble() * 0.5) / shape.Count - 0.5).OrderBy(_ => random.Next()).ToArray();
            GradientCheck.Of(graph, Bindings.Of(("x", Tensor.Of(values, shape)))).ThrowIfFailed();
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void TiesShareTheDerivativeEquallyAndNaNIsTheExtremum()
    {
        var x = Tensor.Matrix(new[,] { { 3.0, 1, 3 }, { 2, 5, 4 } });
        var input = Expr.Input("x", x.Shape);
        var gradient = Reverse.Grad(Expr.Sum(Expr.Max(input, 1)), Bindings.Of(("x", x)))["x"];
        Assert.Equal(new[] { 0.5, 0, 0.5, 0, 1, 0 }, gradient.ToArray());
        var tangent = Forward.Jvp(Expr.Max(input, 1), Bindings.Of(("x", x)), Bindings.Of(("x", Tensor.Matrix(new[,] { { 1.0, 7, 3 }, { 1, 1, 1 } })))).Tangent;
        Assert.Equal(new[] { 2.0, 1 }, tangent.ToArray());
        Assert.Equal(new[] { 1.0, 2 }, Graph.Evaluate(Expr.Min(input, 1), Bindings.Of(("x", x))).ToArray());
        var nan = Tensor.Matrix(new[,] { { 3.0, double.NaN, 3 } });
        Assert.True(double.IsNaN(Graph.Evaluate(Expr.Max(Expr.Input("x", nan.Shape)), Bindings.Of(("x", nan))).ToScalar()));
    }

    [Fact]
    public void LayerNormGivesEachExampleMeanZeroAndVarianceOne()
    {
        var random = new Random(4);
        var x = Random(Shape.Of(3, 4, 5), random);
        var normal = Graph.Evaluate(Expr.LayerNorm(Expr.Input("x", x.Shape), 2, epsilon: 0), Bindings.Of(("x", x)));
        var rows = normal.ToArray().Chunk(20).ToArray();
        Assert.Equal(3, rows.Length);
        foreach (var row in rows)
        {
            Assert.Equal(0, row.Average(), 1e-12);
            Assert.Equal(1, row.Select(v => v * v).Average(), 1e-12);
        }
    }

    [Fact]
    public void BadAxesAreRefusedNamingTheOperationAndTheShape()
    {
        var x = Expr.Input("x", Shape.Of(2, 3, 4));
        Assert.Contains("2×3×4", Assert.Throws<ShapeMismatchException>(() => Expr.Permute(x, [0, 0, 1])).Message);
        Assert.StartsWith("Permute:", Assert.Throws<ShapeMismatchException>(() => Expr.Permute(x, [0, 1])).Message);
        Assert.Contains("twice", Assert.Throws<ShapeMismatchException>(() => Expr.Sum(x, [1, -2])).Message);
        Assert.StartsWith("Max:", Assert.Throws<ShapeMismatchException>(() => Expr.Max(x, [3])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Expr.LayerNorm(x, 4));
    }

    [Fact]
    public void AxisOperationsSaveLoadAndCompile()
    {
        var random = new Random(9);
        var x = Expr.Input("x", Shape.Of(2, 3, 4));
        var graph = Expr.Sum(Expr.Max(Expr.Permute(x, [2, 0, 1]), [0, 2], keepDims: true)) + Expr.Sum(Expr.Min(x, [1, -1])) + Expr.Sum(Expr.LayerNorm(x) * x);
        var at = Bindings.Of(("x", Random(x.Shape, random)));
        Assert.Equal(graph, GraphJson.Deserialize(GraphJson.Serialize(graph)));
        var gradientGraph = Reverse.GradGraph(graph);
        Assert.Equal(gradientGraph["x"], GraphJson.Deserialize(GraphJson.Serialize(gradientGraph["x"])));
        Assert.Equal(Reverse.Grad(graph, at)["x"], Reverse.Compile(graph).Invoke(at).Gradient["x"]);
    }

    [Fact]
    public void BatchedMatMulMultipliesEachPairOfMatricesWithBroadcastBatchAxes() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var (m, k, n) = (random.Next(1, 4), random.Next(1, 4), random.Next(1, 4));
            var batch = Enumerable.Range(0, random.Next(1, 3)).Select(_ => random.Next(1, 4)).ToArray();
            // Either side may drop batch axes or have size 1 where the other does not.
            int[] Batch() => random.Next(3) == 0 ? [] : [.. batch.Select(d => random.Next(3) == 0 ? 1 : d)];
            var (aShape, bShape) = (Shape.Of([.. Batch(), m, k]), Shape.Of([.. Batch(), k, n]));
            if (aShape.Rank == 2 && bShape.Rank == 2) aShape = Shape.Of(1, m, k);
            var (a, b) = (Random(aShape, random), Random(bShape, random));
            var product = Expr.MatMul(Expr.Input("a", aShape), Expr.Input("b", bShape));
            var at = Bindings.Of(("a", a), ("b", b));
            var value = Graph.Evaluate(product, at);
            foreach (var index in Indices(value.Shape))
            {
                var rank = index.Length;
                int[] Pick(Shape s, int row, int column) =>
                    [.. Enumerable.Range(0, s.Rank - 2).Select(d => s[d] == 1 ? 0 : index[rank - s.Rank + d]), row, column];
                var expected = 0.0;
                for (var t = 0; t < k; t++) expected += a[Pick(aShape, index[rank - 2], t)] * b[Pick(bShape, t, index[rank - 1])];
                Assert.Equal(expected, value[index], 1e-12);
            }
            GradientCheck.Of(Expr.Sum(Expr.Tanh(product)), at).ThrowIfFailed();
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void SlicesConcatenationsAndStacksMoveElementsWhereNumpyDoesAndDifferentiate() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var shape = RandomShape(random);
            var axis = random.Next(shape.Rank);
            var (step, start) = (random.Next(1, 3), random.Next(shape[axis]));
            var count = random.Next(1, (shape[axis] - 1 - start) / step + 2);
            var x = Random(shape, random);
            var input = Expr.Input("x", shape);
            var slice = Expr.Slice(input, axis, start, count, step);
            var sliced = Graph.Evaluate(slice, Bindings.Of(("x", x)));
            foreach (var index in Indices(sliced.Shape))
            {
                var from = (int[])index.Clone();
                from[axis] = start + index[axis] * step;
                Assert.Equal(x[from], sliced[index]);
            }
            var other = Random(Shape.Of(shape.Dimensions.SetItem(axis, random.Next(1, 3)).AsSpan()), random);
            var joined = Expr.Concat([input, Expr.Input("y", other.Shape), input], axis);
            var stacked = Expr.Stack([input, Expr.Sin(input)], random.Next(shape.Rank + 1));
            var at = Bindings.Of(("x", x), ("y", other));
            var value = Graph.Evaluate(joined, at);
            foreach (var index in Indices(value.Shape))
            {
                var t = index[axis];
                var from = (int[])index.Clone();
                from[axis] = t < shape[axis] ? t : t < shape[axis] + other.Shape[axis] ? t - shape[axis] : t - shape[axis] - other.Shape[axis];
                Assert.Equal(t < shape[axis] || t >= shape[axis] + other.Shape[axis] ? x[from] : other[from], value[index]);
            }
            Assert.Equal(shape.Count * 2, stacked.Shape.Count);
            GradientCheck.Of(Expr.Sum(Expr.Tanh(slice)) + Expr.Sum(Expr.Sin(joined)) + Expr.Sum(stacked * stacked), at).ThrowIfFailed();
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void SlicesAndJoinsThatDoNotFitAreRefusedNamingTheShapes()
    {
        var x = Expr.Input("x", Shape.Of(2, 3, 4));
        Assert.Contains("2×3×4", Assert.Throws<ShapeMismatchException>(() => Expr.Slice(x, 2, 1, 2, 3)).Message);
        Assert.Contains("2×3×5", Assert.Throws<ShapeMismatchException>(() => Expr.Concat([x, Expr.Input("y", Shape.Of(2, 3, 5))], 1)).Message);
        Assert.StartsWith("Stack:", Assert.Throws<ShapeMismatchException>(() => Expr.Stack([x, Expr.Input("y", Shape.Of(2, 3, 5))])).Message);
        Assert.Contains("size 3", Assert.Throws<ShapeMismatchException>(() => Expr.Squeeze(x, 1)).Message);
        Assert.Equal(Shape.Of(2, 1, 3, 4), Expr.Unsqueeze(x, 1).Shape);
        Assert.Equal(Shape.Of(2, 3, 4), Expr.Squeeze(Expr.Unsqueeze(x, -1), -1).Shape);
        var graph = Expr.Sum(Expr.Concat([Expr.Slice(x, 1, 0, 2, 2), x], 1));
        Assert.Equal(graph, GraphJson.Deserialize(GraphJson.Serialize(graph)));
        Assert.Equal(Reverse.GradGraph(graph)["x"], GraphJson.Deserialize(GraphJson.Serialize(Reverse.GradGraph(graph)["x"])));
    }

    [Theory]
    [InlineData("ij,jk->ik", new[] { 2, 3 }, new[] { 3, 4 })]
    [InlineData("bij,bjk->bik", new[] { 2, 2, 3 }, new[] { 2, 3, 2 })]
    [InlineData("bhqd,bhkd->bhqk", new[] { 2, 2, 3, 4 }, new[] { 2, 2, 2, 4 })]
    [InlineData("i,i->", new[] { 4 }, new[] { 4 })]
    [InlineData("i,j->ij", new[] { 3 }, new[] { 2 })]
    [InlineData("ij,kj", new[] { 2, 3 }, new[] { 4, 3 })]
    [InlineData("ijk,jl->lk", new[] { 2, 3, 2 }, new[] { 3, 2 })]
    [InlineData("ij->ji", new[] { 2, 3 }, null)]
    [InlineData("ijk->j", new[] { 2, 3, 2 }, null)]
    public void EinsumIsItsSumOverTheLettersAndDifferentiates(string spec, int[] first, int[]? second)
    {
        var random = new Random(spec.Length);
        var shapes = second is null ? new[] { Shape.Of(first) } : [Shape.Of(first), Shape.Of(second)];
        var values = shapes.Select(s => Random(s, random)).ToArray();
        var inputs = shapes.Select((s, k) => Expr.Input(k == 0 ? "a" : "b", s)).ToArray();
        var graph = Expr.Einsum(spec, inputs);
        var at = Bindings.Of([.. values.Select((v, k) => (k == 0 ? "a" : "b", v))]);
        var result = Graph.Evaluate(graph, at);
        // The definition: for each result index, the sum over every assignment of the other letters.
        var parts = spec.Split("->");
        var letters = parts[0].Split(',');
        var all = string.Concat(letters).Distinct().ToArray();
        var output = parts.Length > 1 ? parts[1] : new string([.. all.Where(c => string.Concat(letters).Count(x => x == c) == 1).Order()]);
        var sizes = all.ToDictionary(c => c, c => letters.Select((l, k) => (l, k)).Where(p => p.l.Contains(c)).Select(p => shapes[p.k][p.l.IndexOf(c)]).First());
        var expected = new Dictionary<string, double>();
        foreach (var assignment in Indices(Shape.Of([.. all.Select(c => sizes[c])])))
        {
            double Pick(int k) => values[k][[.. letters[k].Select(c => assignment[Array.IndexOf(all, c)])]];
            var term = Pick(0) * (values.Length > 1 ? Pick(1) : 1);
            var key = string.Join(",", output.Select(c => assignment[Array.IndexOf(all, c)]));
            expected[key] = expected.GetValueOrDefault(key) + term;
        }
        Assert.Equal(Shape.Of([.. output.Select(c => sizes[c])]), result.Shape);
        foreach (var index in Indices(result.Shape))
            Assert.Equal(expected[string.Join(",", index)], result[index], 1e-12);
        GradientCheck.Of(Expr.Sum(Expr.Sin(graph)), at).ThrowIfFailed();
    }

    [Fact]
    public void EinsumSpecificationsThatDoNotFitAreRefusedInTheUsersTerms()
    {
        Expr a = Expr.Input("a", Shape.Of(2, 3)), b = Expr.Input("b", Shape.Of(4, 3));
        Assert.Contains("'j' is 3 long", Assert.Throws<ShapeMismatchException>(() => Expr.Einsum("ij,jk->ik", a, b)).Message);
        Assert.Contains("names 3 axes", Assert.Throws<ArgumentException>(() => Expr.Einsum("ijk,kj->i", a, b)).Message);
        Assert.Contains("diagonals", Assert.Throws<ArgumentException>(() => Expr.Einsum("ii->i", Expr.Input("s", Shape.Of(3, 3)))).Message);
        Assert.Contains("one or two", Assert.Throws<ArgumentException>(() => Expr.Einsum("ij,kj,kl->il", a, b, a)).Message);
        Assert.Contains("distinct letters", Assert.Throws<ArgumentException>(() => Expr.Einsum("ij,kj->iz", a, b)).Message);
    }

    [Fact]
    public void CrossEntropyAlongAnAxisIsTheRowFormAtRankTwoAndDifferentiatesAtAnyRank()
    {
        var random = new Random(21);
        var (logits, targets) = (Random(Shape.Matrix(4, 3), random), Random(Shape.Matrix(4, 3), random).Map(Math.Abs));
        Expr z = Expr.Input("z", logits.Shape), t = Expr.Input("t", targets.Shape);
        var at = Bindings.Of(("z", logits), ("t", targets));
        Assert.Equal(Graph.Evaluate(Expr.CrossEntropy(z, t), at).ToScalar(), Graph.Evaluate(Expr.CrossEntropy(z, t, 1), at).ToScalar(), 1e-14);
        var pixels = Shape.Of(2, 3, 2, 2);
        var images = Bindings.Of(("z", Random(pixels, random)), ("t", Random(pixels, random).Map(Math.Abs)));
        var loss = Expr.CrossEntropy(Expr.Input("z", pixels), Expr.Input("t", pixels), 1);
        GradientCheck.Of(loss, images).ThrowIfFailed();
        // The mean over the 2·2·2 pixels of −Σ_c t log softmax(z)_c.
        var (zs, ts) = (images["z"], images["t"]);
        var expected = 0.0;
        for (var n = 0; n < 2; n++)
        for (var h = 0; h < 2; h++)
        for (var w = 0; w < 2; w++)
        {
            var lse = Math.Log(Enumerable.Range(0, 3).Sum(c => Math.Exp(zs[n, c, h, w])));
            expected -= Enumerable.Range(0, 3).Sum(c => ts[n, c, h, w] * (zs[n, c, h, w] - lse)) / 8;
        }
        Assert.Equal(expected, Graph.Evaluate(loss, images).ToScalar(), 1e-12);
        Assert.Throws<ShapeMismatchException>(() => Expr.CrossEntropy(Expr.Input("z", pixels), Expr.Input("t", Shape.Of(2, 3, 2)), 1));
    }
}
