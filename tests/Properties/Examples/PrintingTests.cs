namespace FunctionalAD.Properties.Examples;

/// <summary>
/// Printing: infix with the fewest parentheses that read back as the same graph — operators are
/// left-associative, <c>^</c> binds tightest, negative constants are wrapped where a sign would mislead —
/// and a length cap of 4096 characters plus "…".
/// </summary>
public class PrintingTests
{
    private static readonly Expr A = Expr.Input("a"), B = Expr.Input("b"), C = Expr.Input("c");
    private static readonly Expr X = Expr.Input("x"), Y = Expr.Input("y");

    public static TheoryData<string, Expr> Cases => new()
    {
        { "w * x + b", Expr.Input("w") * X + Expr.Input("b") },
        { "a - (b - c)", A - (B - C) },
        { "a - b - c", A - B - C },
        { "a + (b + c)", A + (B + C) },
        { "(a + b) * c", (A + B) * C },
        { "a + b * c", A + B * C },
        { "a / (b * c)", A / (B * C) },
        { "a / b * c", A / B * C },
        { "-(x * y)", -(X * Y) },
        { "-x * y", -X * Y },
        { "-(-x)", -(-X) },
        { "x ^ 2", Expr.Pow(X, 2.0) },
        { "(x ^ 2) ^ 3", Expr.Pow(Expr.Pow(X, 2.0), 3.0) },
        { "(x + 1) ^ 2", Expr.Pow(X + 1, 2.0) },
        { "(-x) ^ 2", Expr.Pow(-X, 2.0) },
        { "-x ^ 2", -Expr.Pow(X, 2.0) },                 // ^ binds tighter than unary minus: −(x²)
        { "x ^ -0.5", Expr.Pow(X, -0.5) },
        { "pow(x, y)", Expr.Pow(X, Y) },
        { "exp(x)", Expr.Exp(X) },
        { "sin(x + y) * 2", Expr.Sin(X + Y) * 2.0 },
        { "max(x, y)", Expr.Max(X, Y) },
        { "min(x - 1, relu(y))", Expr.Min(X - 1, Expr.Relu(Y)) },
        { "log(sqrt(abs(x)))", Expr.Log(Expr.Sqrt(Expr.Abs(X))) },
        { "tanh(sigmoid(softplus(tan(cos(x)))))", Expr.Tanh(Expr.Sigmoid(Expr.Softplus(Expr.Tan(Expr.Cos(X))))) },
        { "-2", Expr.Constant(-2) },
        { "x * -2", X * -2.0 },
        { "x - -2", X - -2.0 },
        { "(-2) ^ 2", Expr.Pow(Expr.Constant(-2), 2.0) },
        { "-(-2)", -Expr.Constant(-2) },
        { "-0", Expr.Constant(-0.0) },
        { "0.1", Expr.Constant(0.1) },
        { "1E-07", Expr.Constant(1e-7) },
        { "Infinity", Expr.Constant(double.PositiveInfinity) },
        { "NaN", Expr.Constant(double.NaN) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PrintsInfixWithTheFewestParentheses(string expected, Expr graph) =>
        Assert.Equal(expected, graph.ToString());

    [Fact]
    public void NumbersPrintTheSameInEveryCulture()
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("x * 2.5", (X * 2.5).ToString());
            Assert.Equal("x = 2.5", Bindings.Of(("x", 2.5)).ToString());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Fact]
    public void AHugeGraphIsCutOffAt4096Characters()
    {
        Expr y = X;
        for (var i = 0; i < 10_000; i++) y = Expr.Sin(y) + Expr.Input($"v{i}");
        var text = y.ToString();
        Assert.Equal(4096 + 1, text.Length);
        Assert.EndsWith("…", text);
        Assert.StartsWith("sin(sin(sin(", text);
    }

    [Fact]
    public void AGraphJustUnderTheCapIsPrintedWhole()
    {
        // "x" and 1364 × " + x" is 1 + 4·1364 = 5457 characters; 1023 × " + x" is 4093.
        Expr small = X;
        for (var i = 0; i < 1023; i++) small += X;
        Assert.Equal(4093, small.ToString().Length);
        Assert.DoesNotContain("…", small.ToString());
        Expr large = X;
        for (var i = 0; i < 1364; i++) large += X;
        Assert.Equal(4097, large.ToString().Length);
    }

    [Fact]
    public void OtherValuesPrintReadably()
    {
        Assert.Equal("b = 1, w = 2, x = 3", Bindings.Of(("x", 3.0), ("w", 2.0), ("b", 1.0)).ToString());
        Assert.Equal("2 + 3ε", new Dual<double>(2, 3).ToString());
        Assert.Equal("0.5", ReverseNumber.Constant(0.5).ToString());
        Assert.Equal("powc[2]", Primitives.PowerOf(2).ToString());
        Assert.Equal("mul", Primitives.Multiply.ToString());
    }
}
