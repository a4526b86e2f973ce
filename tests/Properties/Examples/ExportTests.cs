using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Examples;

/// <summary>
/// Graph export: the DOT and Mermaid pictures of y = w·x + b are the textbook figure, shared nodes are drawn
/// once, a 100,000-node chain exports without recursion, and the text is deterministic. Each picture is read
/// back by <see cref="DrawnGraph"/>, which parses the text independently of the exporter.
/// </summary>
public class ExportTests
{
    private static readonly Expr W = Expr.Input("w"), X = Expr.Input("x"), B = Expr.Input("b");
    private static readonly Expr Y = W * X + B;

    public static TheoryData<string> Formats => new() { "dot", "mermaid" };

    private static DrawnGraph Draw(Expr graph, string format, string output = "y") =>
        format == "dot" ? DrawnGraph.FromDot(Export.ToDot(graph, output)) : DrawnGraph.FromMermaid(Export.ToMermaid(graph, output));

    [Theory]
    [MemberData(nameof(Formats))]
    public void TheSeedExampleIsTheTextbookFigure(string format)
    {
        var drawn = Draw(Y, format);

        Assert.Equal(6, drawn.Nodes.Count); // w, x, *, b, +, y
        Assert.Equal(5, drawn.Edges.Count);
        Assert.Equal(new[] { "b", "w", "x" }, drawn.LabelsOf("ellipse").Order());
        Assert.Equal(new[] { "*", "+" }, drawn.LabelsOf("circle").Order());
        Assert.Equal(new[] { "y" }, drawn.LabelsOf("doublecircle"));
        Assert.Empty(drawn.LabelsOf("box"));
        Assert.Equal(
            new[] { ("*", "+"), ("+", "y"), ("b", "+"), ("w", "*"), ("x", "*") },
            drawn.LabelledEdges.Order());
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void ArgumentsAreDrawnFirstArgumentFirst(string format)
    {
        var drawn = Draw(X - B, format);
        var intoMinus = drawn.LabelledEdges.Where(e => e.To == "-").Select(e => e.From);
        Assert.Equal(new[] { "x", "b" }, intoMinus);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void ASharedSubexpressionIsDrawnOnce(string format)
    {
        var s = X + 1;
        var drawn = Draw(s * s, format);

        Assert.Equal(5, drawn.Nodes.Count); // x, 1, +, *, y
        Assert.Single(drawn.LabelsOf("circle"), "+");
        Assert.Equal(new[] { "1" }, drawn.LabelsOf("box"));
        Assert.Equal(2, drawn.LabelledEdges.Count(e => e == ("+", "*")));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void AnInputIsOneNodePerName(string format)
    {
        var drawn = Draw(Expr.Input("x") * Expr.Input("x"), format);
        Assert.Equal(new[] { "x" }, drawn.LabelsOf("ellipse"));
        Assert.Equal(2, drawn.LabelledEdges.Count(e => e == ("x", "*")));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void ConstantsShowTheirValueAndParametersTheirExponent(string format)
    {
        var drawn = Draw(Expr.Exp(Expr.Pow(X, 2.0) * -1.5), format, output: "f");
        Assert.Equal(new[] { "-1.5" }, drawn.LabelsOf("box"));
        Assert.Equal(new[] { "*", "^ 2", "exp" }, drawn.LabelsOf("circle").Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "f" }, drawn.LabelsOf("doublecircle"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void AnInputAloneIsDrawnWithItsOutput(string format)
    {
        var drawn = Draw(X, format);
        Assert.Equal(new[] { ("x", "y") }, drawn.LabelledEdges);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void NamesWithQuotesSurviveTheRoundTrip(string format)
    {
        var drawn = Draw(Expr.Input("a \"quoted\" name") + 1, format);
        Assert.Equal(new[] { "a \"quoted\" name" }, drawn.LabelsOf("ellipse"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void AHundredThousandNodeChainExports(string format)
    {
        const int Length = 100_000;
        Expr chain = X;
        for (var i = 1; i < Length; i++) chain = Expr.Sin(chain);

        var drawn = Draw(chain, format);

        Assert.Equal(Length + 1, drawn.Nodes.Count);
        Assert.Equal(Length, drawn.Edges.Count);
        Assert.Equal(Length - 1, drawn.LabelsOf("circle").Count(l => l == "sin"));
        // Each node but the output feeds exactly one other: a single path from x to y.
        Assert.Equal(drawn.Nodes.Count - 1, drawn.Edges.Select(e => e.From).Distinct().Count());
    }

    [Fact]
    public void TheTextIsDeterministic()
    {
        var rebuilt = Expr.Input("w") * Expr.Input("x") + Expr.Input("b");
        Assert.Equal(Export.ToDot(Y), Export.ToDot(rebuilt));
        Assert.Equal(Export.ToMermaid(Y), Export.ToMermaid(rebuilt));
        Assert.NotEqual(Export.ToDot(Y), Export.ToDot(X * W + B));
    }

    [Fact]
    public void NullIsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => Export.ToDot(null!));
        Assert.Throws<ArgumentNullException>(() => Export.ToMermaid(null!));
        Assert.Throws<ArgumentNullException>(() => Export.ToDot(Y, null!));
        Assert.Throws<ArgumentNullException>(() => Export.ToMermaid(Y, null!));
    }
}
