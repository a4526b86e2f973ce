namespace FunctionalAD.Properties.Facade;

/// <summary>
/// <see cref="Expression.Parse"/>: the graphs it builds (compared with graphs built by operators), precedence
/// and association (checked by evaluating), every catalogue function by name, and errors that name the column.
/// </summary>
public class ExpressionParsingTests
{
    private static readonly Expr W = Expr.Input("w"), X = Expr.Input("x"), Y = Expr.Input("y"), B = Expr.Input("b");

    [Fact]
    public void TheSeedExampleIsTheGraphOperatorsBuild()
    {
        Assert.Equal(W * X + B, Expression.Parse("w * x + b"));
        Assert.Equal(W * X + B, Expression.Parse("  w*x+b  "));
    }

    [Theory]
    [InlineData("1 + 2 * 3", 7.0)]
    [InlineData("(1 + 2) * 3", 9.0)]
    [InlineData("2 ^ 3 ^ 2", 512.0)]        // right-associative
    [InlineData("-3 ^ 2", -9.0)]            // ^ binds tighter than unary minus
    [InlineData("(-3) ^ 2", 9.0)]
    [InlineData("2 ^ -1", 0.5)]
    [InlineData("10 - 4 - 3", 3.0)]         // left-associative
    [InlineData("8 / 4 / 2", 1.0)]
    [InlineData("--2", 2.0)]
    [InlineData("1.5e2 + 2E-1 + 0.25", 150.45)]
    [InlineData(".5 + 2. + 1e3", 1002.5)]
    [InlineData("max(1, 2) * min(3, -4)", -8.0)]
    [InlineData("exp(0) + log(1) + sqrt(16)", 5.0)]
    public void PrecedenceAndAssociationAreTheUsualOnes(string text, double expected) =>
        Assert.Equal(expected, Graph.Evaluate(Expression.Parse(text), Bindings.Empty), 12);

    [Fact]
    public void EveryCataloguePrimitiveIsAFunctionByItsName()
    {
        foreach (var primitive in Primitives.All)
        {
            var parsed = Expression.Parse(primitive.Arity == 1 ? $"{primitive.Name}(x)" : $"{primitive.Name}(x, y)");
            var expected = primitive.Arity == 1 ? Expr.Apply(primitive, X) : Expr.Apply(primitive, X, Y);
            Assert.True(expected == parsed, $"{primitive.Name}: parsed {parsed}");
        }
        Assert.Equal(Primitives.All.Append(Primitives.Where).Select(p => p.Name).Order(StringComparer.Ordinal), Expression.Functions.Keys);
        Assert.True(Expr.Where(X, Y, Expr.Constant(2)) == Expression.Parse("where(x, y, 2)"));
    }

    [Fact]
    public void AFamilyIsAFunctionWithItsParametersAfterItsArguments()
    {
        Assert.Equal(Expr.Elu(X, 0.5), Expression.Parse("elu(x, 0.5)"));
        Assert.Equal(Expr.LeakyRelu(X, 0.01), Expression.Parse("leaky_relu(x, 0.01)"));
        Assert.Equal(Expr.Clamp(X, -1, 1), Expression.Parse("clamp(x, -1, 1)"));
        Assert.Equal(Expr.Pow(X, 2.0), Expression.Parse("powc(x, 2)"));
        Assert.Equal(Expr.Atan2(Y, X), Expression.Parse("atan2(y, x)"));
        Assert.Equal(Expr.Hypot(X, Y), Expression.Parse("hypot(x, y)"));
        // Printed the same way, so the text reads back.
        var clamp = Expr.Clamp(Expr.Elu(X, 0.5), -1, 2.5);
        Assert.Equal("clamp(elu(x, 0.5), -1, 2.5)", clamp.ToString());
        Assert.Equal(clamp, Expression.Parse(clamp.ToString()));
        Assert.Equal(Primitives.Families.Select(f => f.Name), Expression.Families.Keys);
        // And JSON names a member with its parameters.
        Assert.Equal(clamp, GraphJson.Deserialize(GraphJson.Serialize(clamp)));
        Assert.Contains("\"leaky_relu\"", GraphJson.Serialize(Expr.LeakyRelu(X, 0.01)));
    }

    [Theory]
    [InlineData("elu(x)", "column 1: 'elu' takes 2 arguments (x, alpha), not 1")]
    [InlineData("clamp(x, y, 1)", "column 1: 'clamp': its min must be a number")]
    [InlineData("clamp(x, 2, 1)", "column 1: 'clamp': clamp needs lower bound ≤ upper bound")]
    public void AFamilyCallWithBadParametersSaysWhy(string text, string message) =>
        Assert.StartsWith(message, Assert.Throws<ExpressionParseException>(() => Expression.Parse(text)).Message);

    [Fact]
    public void AConstantExponentIsPowerOfAndAnyOtherIsPow()
    {
        Assert.Equal(Expr.Pow(X, 2.0), Expression.Parse("x ^ 2"));
        Assert.Equal(Expr.Pow(X, -0.5), Expression.Parse("x ^ -0.5"));
        Assert.Equal(Expr.Pow(X, Y), Expression.Parse("x ^ y"));
        // x ^ 2 at x = −3 has derivative −6; pow(x, 2) would need ln(−3) for its second partial.
        Assert.Equal(-6.0, Reverse.Grad(Expression.Parse("x ^ 2"), Bindings.Of(("x", -3.0)))["x"].ToScalar());
    }

    [Theory]
    [InlineData("w * x + b")]
    [InlineData("a - (b - c)")]
    [InlineData("(a + b) * c")]
    [InlineData("-(x * y)")]
    [InlineData("x ^ 2")]
    [InlineData("max(x, y) / sigmoid(tanh(x))")]
    [InlineData("exp(-x) - 2.5")]
    public void PrintedGraphsReadBackAsTheSameGraph(string text)
    {
        var parsed = Expression.Parse(text);
        Assert.Equal(text, parsed.ToString());
        Assert.Equal(parsed, Expression.Parse(parsed.ToString()));
    }

    [Fact]
    public void ParsedGraphsDifferentiate()
    {
        var gradient = Reverse.Grad(Expression.Parse("sin(x) * y ^ 2"), Bindings.Of(("x", 0.0), ("y", 3.0)));
        Assert.Equal(9.0, gradient["x"].ToScalar());   // cos 0 · 3²
        Assert.Equal(0.0, gradient["y"].ToScalar());   // sin 0 · 2 · 3
    }

    [Theory]
    [InlineData("1 + 2 +", 8, "column 8: expected an expression after '+'")]
    [InlineData("sin(x)+", 8, "column 8: expected an expression after '+'")]
    [InlineData("x + * y", 5, "column 5: unexpected '*', expected an expression after '+'")]
    [InlineData("(x + 1", 7, "column 7: expected ')' after '1'")]
    [InlineData("x y", 3, "column 3: unexpected 'y', expected an operator or the end of the expression after 'x'")]
    [InlineData("x)", 2, "column 2: unexpected ')', expected an operator or the end of the expression after 'x'")]
    [InlineData("sin x", 5, "column 5: unexpected 'x', expected '(', an operator or the end of the expression after 'sin'")]
    [InlineData("max(x y)", 7, "column 7: unexpected 'y', expected ')' or ',' after 'x'")]
    [InlineData("max(x,)", 7, "column 7: unexpected ')', expected an expression after ','")]
    [InlineData(")", 1, "column 1: unexpected ')', expected an expression")]
    [InlineData("2 ^", 4, "column 4: expected an expression after '^'")]
    [InlineData("x $ y", 3, "column 3: unexpected '$'")]
    [InlineData("", 1, "column 1: expected an expression")]
    [InlineData("   ", 1, "column 1: expected an expression")]
    [InlineData("2 * foo(x)", 5, "column 5: unknown function 'foo'; the functions are: abs, acos, acosh, add,")]
    [InlineData("1 + max(x)", 5, "column 5: 'max' takes 2 arguments, not 1")]
    [InlineData("sin(x, y)", 1, "column 1: 'sin' takes 1 argument, not 2")]
    public void AMistakeNamesItsColumnAndWhatWasExpected(string text, int column, string messageStart)
    {
        var e = Assert.Throws<ExpressionParseException>(() => Expression.Parse(text));
        Assert.Equal(column, e.Column);
        Assert.True(e.Message.StartsWith(messageStart, StringComparison.Ordinal), e.Message);
        Assert.IsAssignableFrom<FormatException>(e);
    }

    [Fact]
    public void DeepNestingIsRejectedClearly()
    {
        var text = new string('(', 10_000) + "x" + new string(')', 10_000);
        var e = Assert.Throws<ExpressionParseException>(() => Expression.Parse(text));
        Assert.Contains("nested", e.Message);
        Assert.Equal(X, Expression.Parse(new string('(', 100) + "x" + new string(')', 100)));
    }

    [Fact]
    public void NullIsRejected() => Assert.Throws<ArgumentNullException>(() => Expression.Parse(null!));
}
