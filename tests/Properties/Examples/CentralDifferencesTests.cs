namespace FunctionalAD.Properties.Examples;

/// <summary><see cref="Graph.CentralDifferences(Expr, Bindings)"/> against closed-form derivatives, and its bad input.</summary>
public class CentralDifferencesTests
{
    private static readonly Expr X = Expr.Input("x"), Y = Expr.Input("y");

    [Fact]
    public void MatchesTheClosedFormAwayFromKinks()
    {
        var at = Bindings.Of(("x", 0.7), ("y", -1.3));
        var estimate = Graph.CentralDifferences(Expr.Sin(X) * Expr.Exp(Y), at);
        Assert.Equal(new[] { "x", "y" }, estimate.Names);
        Assert.Equal(Math.Cos(0.7) * Math.Exp(-1.3), estimate["x"], 9);
        Assert.Equal(Math.Sin(0.7) * Math.Exp(-1.3), estimate["y"], 9);
    }

    [Fact]
    public void IsExactForALineUpToRounding()
    {
        // No truncation error for a line; rounding in f(x ± h), about ε·|f| each, divided by 2h, is all that is left.
        var estimate = Graph.CentralDifferences(3 * X + 2 * Y, Bindings.Of(("x", 1e6), ("y", 0.0)));
        const double F = 3e6, Epsilon = 2.220446049250313e-16;
        Assert.InRange(Math.Abs(estimate["x"] - 3), 0, 2 * Epsilon * F / (2 * 1.0));    // h = 1e-6 · 1e6 = 1
        Assert.InRange(Math.Abs(estimate["y"] - 2), 0, 2 * Epsilon * F / (2 * 1e-6));   // h = 1e-6
    }

    [Fact]
    public void AveragesAcrossAKink()
    {
        // |x| at 0: (h − h) / 2h = 0, the mean of the one-sided slopes −1 and 1.
        Assert.Equal(0.0, Graph.CentralDifferences(Expr.Abs(X), Bindings.Of(("x", 0.0)))["x"].ToScalar());
        // A larger step sees more of the curvature of x²: exact 2x plus nothing, since the central difference of x² is exact.
        Assert.Equal(4.0, Graph.CentralDifferences(X * X, Bindings.Of(("x", 2.0)), 1e-2)["x"], 10);
    }

    [Fact]
    public void BadInputIsNamed()
    {
        Assert.Equal("y", Assert.Throws<UnboundInputException>(() => Graph.CentralDifferences(X * Y, Bindings.Of(("x", 1.0)))).InputName);
        Assert.Equal("relativeStep", Assert.Throws<ArgumentOutOfRangeException>(() => Graph.CentralDifferences(X, Bindings.Of(("x", 1.0)), 0)).ParamName);
        Assert.Throws<ArgumentNullException>(() => Graph.CentralDifferences(null!, Bindings.Empty));
    }
}
