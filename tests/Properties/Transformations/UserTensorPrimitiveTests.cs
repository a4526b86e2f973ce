namespace FunctionalAD.Properties.Transformations;

/// <summary>A tensor operation of one's own (<see cref="TensorPrimitive"/>), run by every engine.</summary>
public sealed class UserTensorPrimitiveTests
{
    /// <summary>The running sum of a vector: yᵢ = Σ_{j ≤ i} xⱼ. Linear: the tangent is the running sum of dx, the cotangent the running sum from the end.</summary>
    internal sealed class CumulativeSum(bool graphRule = true) : TensorPrimitive
    {
        public override string Name => graphRule ? "cumsum" : "cumsum_no_graph";
        public override int Arity => 1;

        protected override Shape ShapeOf(ReadOnlySpan<Shape> arguments) =>
            arguments[0].Rank == 1 ? arguments[0] : throw Mismatch($"takes a vector, not {arguments[0]}.");

        protected override Tensor ValueOf(ReadOnlySpan<Tensor> arguments) => Running(arguments[0], fromTheEnd: false);

        protected override Tensor? TangentOf(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<Tensor?> tangents) =>
            tangents[0] is { } dx ? Running(dx, fromTheEnd: false) : null;

        protected override void CotangentsOf(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, Span<Tensor?> cotangents) =>
            cotangents[0] = Running(cotangent, fromTheEnd: true);

        // The transpose as a graph: the running sum from the end is a product with the upper triangle of ones.
        protected override bool CotangentGraphs(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents)
        {
            if (!graphRule) return false;
            var n = arguments[0].Shape[0];
            cotangents[0] = Expr.MatMul(Expr.Constant(Tensor.Create(Shape.Matrix(n, n), (i, j) => j >= i ? 1 : 0)), cotangent);
            return true;
        }

        private static Tensor Running(Tensor x, bool fromTheEnd)
        {
            var values = x.ToArray();
            if (fromTheEnd) for (var i = values.Length - 2; i >= 0; i--) values[i] += values[i + 1];
            else for (var i = 1; i < values.Length; i++) values[i] += values[i - 1];
            return Tensor.Vector(values);
        }
    }

    private static readonly Expr V = Expr.Input("v", Shape.Vector(4));
    private static readonly Bindings At = Bindings.Of(("v", Tensor.Vector(0.5, -1, 2, 0.25)));

    // Σᵢ tanh(yᵢ)² over the running sums yᵢ: a loss whose gradient mixes every element.
    private static Expr Loss(Primitive cumulative) => Expr.Sum(Expr.Tanh(Expr.Apply(cumulative, V)) * Expr.Tanh(Expr.Apply(cumulative, V)));

    [Fact]
    public void ItRunsInBothModesCompiledAsAGradientGraphAndInHessians()
    {
        var cumsum = new CumulativeSum();
        var loss = Loss(cumsum);
        Assert.Equal(Tensor.Vector(0.5, -0.5, 1.5, 1.75), Graph.Evaluate(Expr.Apply(cumsum, V), At));
        var reverse = Reverse.Grad(loss, At)["v"];
        var differences = Graph.CentralDifferences(loss, At)["v"];
        Close(reverse, Forward.Grad(loss, At)["v"], 1e-12);
        Close(reverse, differences, 1e-6);
        Close(reverse, Reverse.Compile(loss).Invoke(At).Gradient["v"], 1e-12);
        Close(reverse, Reverse.GradGraph(loss).Evaluate(At).Gradient["v"], 1e-12);
        // The Hessian by the gradient graph against central differences of the reverse gradient.
        var hessian = Transform.Hessian(loss, At);
        for (var j = 0; j < 4; j++)
        {
            double[] Gradient(double h)
            {
                var point = At["v"].ToArray();
                point[j] += h;
                return Reverse.Grad(loss, Bindings.Of(("v", Tensor.Vector(point))))["v"].ToArray();
            }
            var (plus, minus) = (Gradient(1e-5), Gradient(-1e-5));
            for (var i = 0; i < 4; i++) Assert.Equal((plus[i] - minus[i]) / 2e-5, hessian[i, j], 1e-6);
        }
    }

    private static void Close(Tensor expected, Tensor actual, double tolerance)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.All(expected.ToArray().Zip(actual.ToArray()), pair => Assert.Equal(pair.First, pair.Second, tolerance));
    }

    [Fact]
    public void ItPrintsAndRoundTripsThroughJsonWhenRegistered()
    {
        var cumsum = new CumulativeSum();
        var graph = Expr.Apply(cumsum, V);
        Assert.Equal("cumsum(v)", graph.ToString());
        var read = GraphJson.Deserialize(GraphJson.Serialize(graph), PrimitiveRegistry.Of(cumsum));
        Assert.Equal(graph, read);
        Assert.Contains("cumsum", Export.ToMermaid(graph));
    }

    [Fact]
    public void WhatIsMissingOrWrongIsReportedByName()
    {
        var withoutGraphRule = new CumulativeSum(graphRule: false);
        Assert.Equal(Reverse.Grad(Loss(new CumulativeSum()), At), Reverse.Grad(Loss(withoutGraphRule), At));
        var missing = Assert.Throws<NotSupportedException>(() => Reverse.GradGraph(Loss(withoutGraphRule)));
        Assert.Contains("'cumsum_no_graph' states its VJP on tensors but not as graph operations", missing.Message);
        var shape = Assert.Throws<ShapeMismatchException>(() => Expr.Apply(new CumulativeSum(), Expr.Input("m", Shape.Matrix(2, 2))));
        Assert.Equal("cumsum: takes a vector, not 2×2.", shape.Message);
    }
}
