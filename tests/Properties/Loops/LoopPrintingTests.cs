namespace FunctionalAD.Properties.Loops;

/// <summary>A loop prints with its count and body, and its pictures draw each body as a cluster feeding the loop.</summary>
public class LoopPrintingTests
{
    private static readonly Expr A = Expr.Input("a");
    private static readonly Expr Loop = Expr.Fold(Expr.Input("x0"), 5, x => Expr.Sin(x) * A);

    [Fact]
    public void AFoldPrintsItsCountAndBody() =>
        Assert.Equal("fold(x0, a, 5 steps, carry => sin(carry) * a)", Loop.ToString());

    [Fact]
    public void AWhileAndAScanPrintTheirBodies()
    {
        Assert.Equal("while(x0, 9 steps at most, carry => where(step(10, carry), 2 * carry, carry))",
            Expr.While(Expr.Input("x0"), 9, x => Expr.Step(10.0, x), x => 2 * x).ToString());
        Assert.Equal("scan(h0, xs, a, 3 steps, (carry, slice) => (tanh(carry * a + slice), carry))",
            Expr.Scan(Expr.Input("h0"), Expr.Input("xs", Shape.Vector(3)), (h, x) => (Expr.Tanh(h * A + x), h)).ToString());
    }

    [Fact]
    public void TheDotPictureDrawsTheBodyAsACluster()
    {
        var dot = Export.ToDot(Loop);
        Assert.Contains("n2 [label=\"fold 5\", shape=circle];", dot);
        Assert.Contains("subgraph cluster_n2b0 {\n  label=\"fold: new carry\";", dot);
        Assert.Contains("n2b0_i1 [label=\"carry\", shape=ellipse];", dot);
        Assert.Contains("n2b0_n3 -> n2;", dot); // the body's result feeds the loop
        Assert.Equal(dot.Count(c => c == '{'), dot.Count(c => c == '}'));
    }

    [Fact]
    public void TheMermaidPictureDrawsTheBodyAsASubgraph()
    {
        var mermaid = Export.ToMermaid(Loop);
        Assert.Contains("  subgraph n2b0 [\"fold: new carry\"]\n", mermaid);
        Assert.Contains("  end\n", mermaid);
        Assert.Contains("n2b0_n3 --> n2", mermaid);
    }

    /// <summary>
    /// A gradient graph of a loop holds a cotangent node per argument: it prints with what it is the cotangent of, its
    /// picture draws the loop's body as a cluster, and JSON refuses it naming the node (a gradient graph is rebuilt, not saved).
    /// </summary>
    [Fact]
    public void AGradientGraphOfALoopPrintsAndDrawsItsCotangentNodes()
    {
        var gradient = Reverse.GradGraph(Loop);
        Assert.Equal(
            "value = fold(x0, a, 5 steps, carry => sin(carry) * a)\n" +
            "∂/∂a = fold_vjp(x0, a, 1, 5 steps, cotangent of 'a', carry => sin(carry) * a)\n" +
            "∂/∂x0 = fold_vjp(x0, a, 1, 5 steps, cotangent of the initial carry, carry => sin(carry) * a)",
            gradient.ToString().ReplaceLineEndings("\n"));
        var dot = Export.ToDot(gradient["a"]);
        Assert.Contains("n3 [label=\"fold_vjp 5, 1\", shape=circle];", dot);
        Assert.Contains("subgraph cluster_n3b0 {\n  label=\"fold_vjp: new carry\";", dot);
        Assert.Contains("n3b0_n3 -> n3;", dot);
        Assert.Contains("subgraph n3b0 [\"fold_vjp: new carry\"]", Export.ToMermaid(gradient["x0"]));
        var json = Assert.Throws<ArgumentException>(() => GraphJson.Serialize(gradient["a"]));
        Assert.Contains("'fold_vjp'", json.Message);
        var scan = Reverse.GradGraph(Expr.Sum(Expr.Scan(Expr.Input("h0"), Expr.Input("xs", Shape.Vector(3)), (h, x) => (Expr.Tanh(h * A + x), h))));
        Assert.Equal("scan_vjp(h0, xs, a, broadcast(1, shape: 3), 3 steps, cotangent of the sequence)", scan["xs"].ToString());
        Assert.Contains("scan_vjp: output slice", Export.ToDot(scan["h0"]));
    }
}
