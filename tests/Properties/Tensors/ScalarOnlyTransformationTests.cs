namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// The transformations that so far work on scalar graphs only refuse a tensor graph with a clear
/// NotSupportedException naming themselves, instead of failing inside.
/// </summary>
public class ScalarOnlyTransformationTests
{
    private static readonly Expr TensorGraph = Expr.Sum(Expr.Input("v", Shape.Vector(3)) * Expr.Input("x"));

    public static TheoryData<string> Operations =>
        ["Reverse.Compile", "Forward.Compile"];

    [Theory]
    [MemberData(nameof(Operations))]
    public void A_tensor_graph_is_refused_by_name(string operation)
    {
        Action run = operation switch
        {
            "Reverse.Compile" => () => Reverse.Compile(TensorGraph),
            _ => () => Forward.Compile(TensorGraph),
        };
        var e = Assert.Throws<NotSupportedException>(run);
        Assert.StartsWith(operation, e.Message);
        Assert.Contains("TensorBindings", e.Message);
    }
}
