namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// The transformations that so far work on scalar graphs only refuse a tensor graph with a clear
/// NotSupportedException naming themselves, instead of failing inside.
/// </summary>
public class ScalarOnlyTransformationTests
{
    private static readonly Expr TensorGraph = Expr.Sum(Expr.Input("v", Shape.Vector(3)) * Expr.Input("x"));

    public static TheoryData<string> Operations =>
        ["Reverse.GradGraph", "Graph.Simplify", "Anomalies.Find"];

    [Theory]
    [MemberData(nameof(Operations))]
    public void A_tensor_graph_is_refused_by_name(string operation)
    {
        Action run = operation switch
        {
            "Reverse.GradGraph" => () => Reverse.GradGraph(TensorGraph),
            "Graph.Simplify" => () => Graph.Simplify(TensorGraph),
            _ => () => Anomalies.Find(TensorGraph, Bindings.Of(("x", 1.0)), DifferentiationMode.Reverse),
        };
        var e = Assert.Throws<NotSupportedException>(run);
        Assert.StartsWith(operation, e.Message);
        Assert.Contains("TensorBindings", e.Message);
    }
}
