using FunctionalAD.Properties.Core;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// The Hessian of a tensor graph carries its directions in batches: a network's Hessian in all its inputs, more than
/// one chunk holds, equals the Hessian column by column and the one-chunk Hessian; a logistic loss over 1,000×100 data
/// fits its 100 directions in one chunk; a user's primitive, which states only a one-direction JVP, runs batched;
/// partials that are inputs themselves hand each pooled array back once.
/// </summary>
public class BatchedHessianTests
{
    [Fact]
    public void ANetworksHessianInMoreDirectionsThanOneChunkHoldsIsTheHessianColumnByColumn()
    {
        var (loss, at) = TensorSecondOrderProperties.Mlp(3);
        var gradient = Reverse.GradGraph(loss);
        var inputs = gradient.Inputs;
        var count = inputs.Sum(n => at[n].Shape.Count);
        const int budget = 2_000;
        var perChunk = gradient.DirectionsPerChunk(inputs, budget);
        Assert.InRange(perChunk, 2, count / 3); // at least three chunks, each of several directions
        Assert.Equal(count, gradient.DirectionsPerChunk(inputs)); // the default budget holds them all
        var expected = gradient.HessianByColumns(at, inputs);
        var chunked = gradient.HessianBatched(at, inputs, budget);
        var whole = gradient.Hessian(at);
        Assert.True(expected.Enumerate().Count(h => Math.Abs(h) > 1e-3) > count, "the Hessian is not trivially sparse");
        for (var i = 0; i < count; i++)
        for (var j = 0; j < count; j++)
        {
            var tolerance = 1e-12 * Math.Max(1, expected.Row(i).L1Norm());
            GradientChecks.Close(chunked[i, j], expected[i, j], tolerance, $"H[{i},{j}] in chunks of {perChunk}");
            GradientChecks.Close(whole[i, j], expected[i, j], tolerance, $"H[{i},{j}] in one chunk");
        }
    }

    [Fact]
    public void PartialsThatAreInputsGiveTheHessianAndHandEachArrayBackOnce()
    {
        // ∂/∂x Dot(x, y) is y itself and ∂/∂y is x: the outputs are the inputs, whose batches are the seeds.
        var (x, y) = (Expr.Input("x", Shape.Vector(3)), Expr.Input("y", Shape.Vector(3)));
        var gradient = Reverse.GradGraph(Expr.Dot(x, y));
        Assert.Same(y, gradient["x"]);
        var hessian = gradient.Hessian(Bindings.Of(("x", Tensor.Vector(1, 2, 3)), ("y", Tensor.Vector(4, 5, 6))));
        for (var i = 0; i < 6; i++)
        for (var j = 0; j < 6; j++)
            Assert.Equal(Math.Abs(i - j) == 3 ? 1.0 : 0.0, hessian[i, j]);
        // An array handed back twice would go to two renters at once.
        var pool = System.Buffers.ArrayPool<double>.Shared;
        var rented = Enumerable.Range(0, 4).Select(_ => pool.Rent(18)).ToArray();
        Assert.Equal(4, rented.Distinct(ReferenceEqualityComparer.Instance).Count());
        foreach (var array in rented) pool.Return(array);
    }

    [Fact]
    public void ALogisticLossOverAThousandRowsFitsItsHundredDirectionsInOneChunk()
    {
        var random = new Random(5);
        var data = Tensor.Create(Shape.Matrix(1000, 100), (_, _) => 2 * random.NextDouble() - 1);
        var targets = Tensor.Create(Shape.Vector(1000), (_, _) => random.Next(2));
        var w = Expr.Input("w", Shape.Vector(100));
        var loss = Expr.BinaryCrossEntropyWithLogits(Expr.MatMul(Expr.Constant(data), w), Expr.Constant(targets));
        Assert.Equal(100, Reverse.GradGraph(loss).DirectionsPerChunk(["w"]));
    }

    [Fact]
    public void AUsersPrimitiveRunsBatchedThroughItsOneDirectionJvp()
    {
        // cube(x) = x³ elementwise, stated as a tensor primitive of one's own: the Hessian of Σ cube(A·x) is 6 Aᵀ diag(A·x) A.
        var random = new Random(11);
        var a = Tensor.Create(Shape.Matrix(4, 3), (_, _) => 2 * random.NextDouble() - 1);
        var x = Expr.Input("x", Shape.Vector(3));
        var loss = Expr.Sum(Expr.Apply(new Cube(), Expr.MatMul(Expr.Constant(a), x)));
        var at = Bindings.Of(("x", Tensor.Vector(0.3, -0.7, 1.1)));
        var gradient = Reverse.GradGraph(loss);
        Assert.Contains(Graph.Nodes(gradient["x"]), n => n is ApplyNode { Primitive: ThreeSquares });
        var hessian = gradient.Hessian(at);
        var byColumns = gradient.HessianByColumns(at, ["x"]);
        var ax = Graph.Evaluate(Expr.MatMul(Expr.Constant(a), x), at).ToArray();
        for (var i = 0; i < 3; i++)
        for (var j = 0; j < 3; j++)
        {
            var expected = Enumerable.Range(0, 4).Sum(r => 6 * ax[r] * a[r, i] * a[r, j]);
            GradientChecks.Close(hessian[i, j], expected, 1e-12, $"H[{i},{j}]");
            GradientChecks.Close(hessian[i, j], byColumns[i, j], 1e-13, $"H[{i},{j}] against the column-by-column Hessian");
        }
    }

    /// <summary>x³ element by element, with its rules stated on tensors and as graphs.</summary>
    private sealed class Cube : TensorPrimitive
    {
        public override string Name => "cube";
        public override int Arity => 1;
        protected override Shape ShapeOf(ReadOnlySpan<Shape> arguments) => arguments[0];
        protected override Tensor ValueOf(ReadOnlySpan<Tensor> arguments) => Map(arguments[0], v => v * v * v);
        protected override Tensor? TangentOf(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<Tensor?> tangents)
        {
            var (x, dx) = (arguments[0].ToArray(), tangents[0]!.Value.ToArray());
            return Tensor.Of([.. x.Select((v, k) => 3 * v * v * dx[k])], arguments[0].Shape);
        }
        protected override void CotangentsOf(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, Span<Tensor?> cotangents)
        {
            var (x, g) = (arguments[0].ToArray(), cotangent.ToArray());
            cotangents[0] = Tensor.Of([.. x.Select((v, k) => 3 * v * v * g[k])], arguments[0].Shape);
        }
        protected override bool CotangentGraphs(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents)
        {
            cotangents[0] = Expr.Apply(new ThreeSquares(), arguments[0]) * cotangent;
            return true;
        }
    }

    /// <summary>3x² element by element, the derivative of <see cref="Cube"/>: the gradient graph holds it, so the Hessian's sweep runs its JVP.</summary>
    private sealed class ThreeSquares : TensorPrimitive
    {
        public override string Name => "threesquares";
        public override int Arity => 1;
        protected override Shape ShapeOf(ReadOnlySpan<Shape> arguments) => arguments[0];
        protected override Tensor ValueOf(ReadOnlySpan<Tensor> arguments) => Map(arguments[0], v => 3 * v * v);
        protected override Tensor? TangentOf(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<Tensor?> tangents)
        {
            var (x, dx) = (arguments[0].ToArray(), tangents[0]!.Value.ToArray());
            return Tensor.Of([.. x.Select((v, k) => 6 * v * dx[k])], arguments[0].Shape);
        }
        protected override void CotangentsOf(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, Span<Tensor?> cotangents)
        {
            var (x, g) = (arguments[0].ToArray(), cotangent.ToArray());
            cotangents[0] = Tensor.Of([.. x.Select((v, k) => 6 * v * g[k])], arguments[0].Shape);
        }
        protected override bool CotangentGraphs(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents)
        {
            cotangents[0] = 6.0 * arguments[0] * cotangent;
            return true;
        }
    }

    private static Tensor Map(Tensor t, Func<double, double> f) => Tensor.Of([.. t.ToArray().Select(f)], t.Shape);
}
