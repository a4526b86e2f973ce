namespace FunctionalAD.Properties.Loops;

/// <summary>Loops written to JSON with their bodies, and read back as the same graph.</summary>
public class LoopJsonTests
{
    private static readonly Expr A = Expr.Input("a");
    private static readonly Expr X0 = Expr.Input("x0");

    public static TheoryData<string> Loops() => ["fold", "while", "scan over a sequence", "scan of a count", "nested folds"];

    private static (Expr Graph, Bindings At) Case(string name) => name switch
    {
        "fold" => (Expr.Fold(X0, 5, x => Expr.Sin(x) * A), Bindings.Of(("x0", 0.3), ("a", 1.1))),
        "while" => (Expr.While(X0, 100, x => Expr.Step(10.0 * A, x), x => 2 * x), Bindings.Of(("x0", 0.7), ("a", 1.0))),
        "scan over a sequence" => (
            Expr.Sum(Expr.Scan(Expr.Input("h0", Shape.Vector(2)), Expr.Input("xs", Shape.Matrix(3, 2)), (h, x) => (Expr.Tanh(A * h + x), h * x))),
            Bindings.Of(("h0", Tensor.Vector(0.2, -0.1)), ("xs", Tensor.Matrix(new[,] { { 0.1, 0.2 }, { 0.3, 0.4 }, { 0.5, 0.6 } })), ("a", 0.9))),
        "scan of a count" => (Expr.Sum(Expr.Scan(X0, 4, x => (x * A, x))), Bindings.Of(("x0", 1.5), ("a", 0.5))),
        _ => (Expr.Fold(X0, 4, outer => Expr.Fold(outer, 3, inner => Expr.Sin(inner) * A + 0.1 * outer)), Bindings.Of(("x0", 0.4), ("a", 0.9))),
    };

    [Theory]
    [MemberData(nameof(Loops))]
    public void ALoopRoundTripsWithItsBodies(string name)
    {
        var (graph, at) = Case(name);
        var json = GraphJson.Serialize(graph);
        Assert.Contains("\"bodies\"", json);
        var read = GraphJson.Deserialize(json);
        Assert.Equal(graph, read);
        Assert.Equal(Graph.Evaluate(graph, at).ToArray(), Graph.Evaluate(read, at).ToArray());
        Assert.Equal(Reverse.Grad(graph, at)["a"].ToScalar(), Reverse.Grad(read, at)["a"].ToScalar());
        Assert.Equal(json, GraphJson.Serialize(read));
    }

    [Fact]
    public void ALoopWhoseBodyIsNotListedIsRefusedWithItsPath()
    {
        var json = GraphJson.Serialize(Case("fold").Graph).Replace("\"bodies\":[0]", "\"bodies\":[3]");
        var error = Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(json));
        Assert.Contains("body 3 is not listed before it", error.Message);
        Assert.Contains("$.nodes[", error.Message);
    }

    [Fact]
    public void ALoopWithTheWrongArgumentsIsRefused()
    {
        var json = GraphJson.Serialize(Case("fold").Graph);
        var oneArgument = System.Text.RegularExpressions.Regex.Replace(json, "\"args\":\\[(\\d+),(\\d+)\\]", "\"args\":[$1]");
        var error = Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(oneArgument));
        Assert.Contains("takes 2 argument(s)", error.Message);
    }
}
