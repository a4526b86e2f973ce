using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Transformations;

/// <summary>A tensor operation of one's own (<see cref="TensorPrimitive"/>), run by every engine.</summary>
public sealed class UserTensorPrimitiveTests
{
    private static readonly Expr V = Expr.Input("v", Shape.Vector(4));
    private static readonly Bindings At = Bindings.Of(("v", Tensor.Vector(0.5, -1, 2, 0.25)));

    // Σᵢ tanh(yᵢ)² over the running sums yᵢ: a loss whose gradient mixes every element.
    private static Expr Loss(Primitive cumulative) => Expr.Sum(Expr.Tanh(Expr.Apply(cumulative, V)) * Expr.Tanh(Expr.Apply(cumulative, V)));

    [Fact]
    public void ItRunsInBothModesCompiledAsAGradientGraphAndInHessians()
    {
        var cumsum = new RunningSum();
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
        var cumsum = new RunningSum();
        var graph = Expr.Apply(cumsum, V);
        Assert.Equal("cumsum(v)", graph.ToString());
        var read = GraphJson.Deserialize(GraphJson.Serialize(graph), PrimitiveRegistry.Of(cumsum));
        Assert.Equal(graph, read);
        Assert.Contains("cumsum", Export.ToMermaid(graph));
    }

    [Fact]
    public void WhatIsMissingOrWrongIsReportedByName()
    {
        var withoutGraphRule = new RunningSum("cumsum_no_graph", new RunningSumFaults(GraphRule: false));
        Assert.Equal(Reverse.Grad(Loss(new RunningSum()), At), Reverse.Grad(Loss(withoutGraphRule), At));
        var missing = Assert.Throws<NotSupportedException>(() => Reverse.GradGraph(Loss(withoutGraphRule)));
        Assert.Contains("'cumsum_no_graph' states its VJP on tensors but not as graph operations", missing.Message);
        var shape = Assert.Throws<ShapeMismatchException>(() => Expr.Apply(new RunningSum(), Expr.Input("m", Shape.Matrix(2, 2))));
        Assert.Equal("cumsum: takes a vector, not 2×2.", shape.Message);
    }
}
