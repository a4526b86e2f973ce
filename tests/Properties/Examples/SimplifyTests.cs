using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Examples;

/// <summary><see cref="Graph.Simplify"/>: each rewrite, hash-consing, and what it must not touch.</summary>
public class SimplifyTests
{
    private static readonly Expr X = Expr.Input("x"), Y = Expr.Input("y");

    [Theory]
    [InlineData("x * 1", "x")]
    [InlineData("1 * x", "x")]
    [InlineData("x + 0", "x")]
    [InlineData("0 + x", "x")]
    [InlineData("0 * x", "0")]
    [InlineData("x * 0", "0")]
    [InlineData("x - 0", "x")]
    [InlineData("0 - x", "-x")]
    [InlineData("-(-x)", "x")]
    [InlineData("x / 1", "x")]
    [InlineData("x / -1", "-x")]
    [InlineData("-1 * x", "-x")]
    [InlineData("(2 + 3) * x", "5 * x")]
    [InlineData("sin(0) + x * y", "x * y")]
    [InlineData("1 ⊙ x", "x")]
    [InlineData("0 ⊙ x", "0")]
    [InlineData("2 ⊙ x", "2 * x")]
    [InlineData("y ⊙ x", "y ⊙ x")]
    [InlineData("x ⊙ x", "x * x")]
    public void EachRewrite(string before, string after)
    {
        var graph = Parse(before);
        Assert.Equal(before, graph.ToString());
        Assert.Equal(after, Graph.Simplify(graph).ToString());
    }

    [Fact]
    public void EqualSubexpressionsBecomeOneNode()
    {
        var twice = (X + 1) * (X + 1);
        Assert.Equal(6, Graph.NodeCount(twice));
        var merged = Graph.Simplify(twice);
        Assert.Equal(4, Graph.NodeCount(merged)); // x, 1, x + 1, (x + 1) * (x + 1)
        var product = (ApplyNode)merged;
        Assert.Same(product.Arguments[0], product.Arguments[1]);
        Assert.True(merged == twice); // the same graph structurally
    }

    [Fact]
    public void AGraphWithNothingToDoIsReturnedAsItIs()
    {
        var y = Expr.Sin(X * Y) + X;
        Assert.Same(y, Graph.Simplify(y));
    }

    [Fact]
    public void RewritesThatWouldChangeAValueAreNotMade()
    {
        // x − (−0) is x + 0, which is +0 at x = −0: it stays (log′ relies on it). x − x is NaN at x = ∞ and
        // x / x at x = 0: they stay too.
        foreach (var graph in new[] { X - -0.0, X - X, X / X, X * X })
            Assert.Same(graph, Graph.Simplify(graph));
    }

    /// <summary>On random graphs simplification keeps the value exactly, never adds nodes and is idempotent.</summary>
    [Fact]
    public void SimplifyingKeepsTheValueAndIsIdempotent() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var simplified = Graph.Simplify(c.Graph);
            // Compared as numbers: folding x * 0 to 0 may turn −0 into +0, which equal as numbers but not as tensors.
            var (before, after) = (Graph.Evaluate(c.Graph, c.Point).ToScalar(), Graph.Evaluate(simplified, c.Point).ToScalar());
            Require(before == after, () => $"value {before:R} became {after:R} in {simplified}");
            Require(Graph.NodeCount(simplified) <= Graph.NodeCount(c.Graph), () => $"{simplified} is larger");
            Require(ReferenceEquals(Graph.Simplify(simplified), simplified), () => $"{simplified} simplifies further");
        }));

    /// <summary>A shrunk counterexample: a product with a zero folds to +0 where it was −0, the same number.</summary>
    [Fact]
    public void FoldingAProductWithZeroKeepsTheNumberIfNotTheSignOfZero()
    {
        var graph = X * Expr.Floor(0.28);
        var at = Bindings.Of(("x", -2.4910581482067045));
        var simplified = Graph.Simplify(graph);
        Assert.Equal("0", simplified.ToString());
        Assert.True(Graph.Evaluate(graph, at).ToScalar() == Graph.Evaluate(simplified, at).ToScalar());
    }

    private static Expr Parse(string text) => text switch
    {
        "x * 1" => X * 1.0,
        "1 * x" => 1.0 * X,
        "x + 0" => X + 0.0,
        "0 + x" => 0.0 + X,
        "0 * x" => 0.0 * X,
        "x * 0" => X * 0.0,
        "x - 0" => X - 0.0,
        "0 - x" => 0.0 - X,
        "-(-x)" => -(-X),
        "x / 1" => X / 1.0,
        "x / -1" => X / -1.0,
        "-1 * x" => -1.0 * X,
        "(2 + 3) * x" => (Expr.Constant(2) + 3.0) * X,
        "sin(0) + x * y" => Expr.Sin(0.0) + X * Y,
        "1 ⊙ x" => Expr.StrongMultiply(1.0, X),
        "0 ⊙ x" => Expr.StrongMultiply(0.0, X),
        "2 ⊙ x" => Expr.StrongMultiply(2.0, X),
        "y ⊙ x" => Expr.StrongMultiply(Y, X),
        "x ⊙ x" => Expr.StrongMultiply(X, X),
        _ => throw new ArgumentException(text),
    };
}
