namespace FunctionalAD.Properties.Facade;

/// <summary>
/// What <see cref="Expression.Parse"/> refuses and why: real nesting beyond <see cref="Expression.MaxNesting"/>
/// (parentheses, calls, unary minus chains, exponent chains) but not long flat sums and products; numbers that are not
/// finite; characters it cannot read, shown whole.
/// </summary>
public class ExpressionLimitsTests
{
    private static readonly Expr X = Expr.Input("x");
    private static readonly Bindings AtOne = Bindings.Of(("x", 1.0));

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    [Theory]
    [InlineData(" + ")]
    [InlineData(" - ")]
    [InlineData(" * ")]
    [InlineData(" / ")]
    public void AFlatChainOfManyTermsIsNotNesting(string op)
    {
        foreach (var terms in new[] { 300, 10_000 })
        {
            var graph = Expression.Parse(string.Join(op, Enumerable.Repeat("x^2", terms)));
            var expected = op switch { " + " => terms, " - " => 2 - terms, _ => 1.0 };
            Assert.Equal(expected, Graph.Evaluate(graph, AtOne).ToScalar());
        }
    }

    [Fact]
    public void ManyShallowNestsSideBySideAreNotDeep()
    {
        // Each term nests a few levels and closes them again.
        Assert.Equal(400.0, Graph.Evaluate(Expression.Parse(string.Join(" + ", Enumerable.Repeat("(-x ^ -2) * sin(-(-x)) ^ 0 + 3", 200))), AtOne).ToScalar());
        Assert.Equal(1.0, Graph.Evaluate(Expression.Parse(string.Join(" * ", Enumerable.Repeat("(x ^ 2 ^ 3)", 1_000))), AtOne).ToScalar());
    }

    public static TheoryData<string, Func<int, string>> Nestings() => new()
    {
        { "parentheses", n => Repeat("(", n) + "x" + Repeat(")", n) },
        { "calls", n => Repeat("sin(", n) + "x" + Repeat(")", n) },
        { "unary minus", n => Repeat("-", n) + "x" },
        { "exponents", n => "x" + Repeat(" ^ x", n) },
        { "exponents and unary minus", n => "x" + Repeat(" ^ -x", n / 2) + (n % 2 == 1 ? " ^ x" : "") },
        { "mixed", n => Repeat("(-", n / 2) + (n % 2 == 1 ? "-x" : "x") + Repeat(")", n / 2) },
        { "inside a wide sum", n => Repeat("x + ", 500) + Repeat("(", n) + "x" + Repeat(")", n) + Repeat(" + x", 500) },
        { "exponent of a parenthesis", n => Repeat("x ^ (", n / 2) + (n % 2 == 1 ? "x ^ x" : "x") + Repeat(")", n / 2) },
    };

    [Theory]
    [MemberData(nameof(Nestings))]
    public void RealNestingUpToTheLimitParsesAndBeyondItIsRefused(string kind, Func<int, string> nest)
    {
        // The deepest accepted text parses on a thread with an ordinary stack.
        Graph.Evaluate(Expression.Parse(nest(Expression.MaxNesting)), AtOne);
        var e = Assert.Throws<ExpressionParseException>(() => Expression.Parse(nest(Expression.MaxNesting + 1)));
        Assert.True(e.Problem == $"the expression is nested more than {Expression.MaxNesting} levels deep", $"{kind}: {e.Message}");
        Assert.Throws<ExpressionParseException>(() => Expression.Parse(nest(10_000)));
    }

    [Theory]
    [InlineData("1e400", 1, "the number '1e400' is too large")]
    [InlineData("x * 1.8e308", 5, "the number '1.8e308' is too large")]
    [InlineData("NaN", 1, "'NaN' is not a name")]
    [InlineData("x + Infinity", 5, "'Infinity' is not a name")]
    [InlineData("INFINITY * x", 1, "'INFINITY' is not a name")]
    [InlineData("sin(nan)", 5, "'nan' is not a name")]
    public void NumbersAreFiniteAndNaNAndInfinityAreNotNames(string text, int column, string problem)
    {
        var e = Assert.Throws<ExpressionParseException>(() => Expression.Parse(text));
        Assert.Equal(column, e.Column);
        Assert.StartsWith(problem, e.Problem);
    }

    [Fact]
    public void TheLargestFiniteNumberAndNamesLikeNaNAreFine()
    {
        Assert.Equal(double.MaxValue, Graph.Evaluate(Expression.Parse("1.7976931348623157e308"), Bindings.Empty).ToScalar());
        Assert.Equal(Expr.Input("nano") + Expr.Input("inf"), Expression.Parse("nano + inf"));
        Assert.Equal(0.0, Graph.Evaluate(Expression.Parse("1e-400"), Bindings.Empty).ToScalar());
    }

    [Theory]
    [InlineData("𝑥 + 1", 1, "unexpected '𝑥' (U+1D465)")]
    [InlineData("x * 😀", 5, "unexpected '😀' (U+1F600)")]
    [InlineData("x • y", 3, "unexpected '•' (U+2022)")]
    [InlineData("x # y", 3, "unexpected '#',")]
    public void AnUnreadableCharacterIsShownWholeWithItsCodePoint(string text, int column, string problem)
    {
        var e = Assert.Throws<ExpressionParseException>(() => Expression.Parse(text));
        Assert.Equal(column, e.Column);
        Assert.StartsWith(problem, e.Problem);
    }
}
