namespace FunctionalAD.Properties.Examples;

/// <summary>
/// Gradient graphs of a chain a million nodes deep: built, evaluated and differentiated again without
/// recursion, and equal to derivatives computed here by a plain loop.
/// </summary>
public class GradientGraphDepthTests
{
    // z ← z + h·sin z, Steps times from z = x: three nodes a step plus x and h, 1,000,001 nodes.
    private const int Steps = 333_333;
    private const double H = 1e-6;
    private const double X0 = 1.0;
    private static readonly Bindings At = Bindings.Of(("x", X0));

    private static readonly Lazy<Expr> Deep = new(() => Chain(Expr.Input("x")));

    private static Expr Chain(Expr start)
    {
        Expr step = H, z = start;
        for (var i = 0; i < Steps; i++) z = z + step * Expr.Sin(z);
        return z;
    }

    private static readonly Lazy<GradientGraph> DeepGradient = new(() => Reverse.GradGraph(Deep.Value));

    /// <summary>Value, first and second derivative of the chain by a plain loop (the chain rule, twice, by hand).</summary>
    private static (double Value, double First, double Second) PlainLoop()
    {
        double z = X0, d = 1, d2 = 0;
        for (var i = 0; i < Steps; i++)
        {
            d2 = d2 * (1 + H * Math.Cos(z)) - H * Math.Sin(z) * d * d;
            d *= 1 + H * Math.Cos(z);
            z += H * Math.Sin(z);
        }
        return (z, d, d2);
    }

    [Fact]
    public void TheGradientGraphOfAMillionNodeChainEqualsReverseGrad()
    {
        Assert.Equal(1_000_001, Graph.NodeCount(Deep.Value));
        var g = DeepGradient.Value;
        Assert.Same(Deep.Value, g.Value); // nothing to simplify: the graph is reused as it is
        var evaluated = g.Evaluate(At);
        var expected = Reverse.ValueAndGrad(Deep.Value, At);
        Assert.Equal(expected.Value, evaluated.Value);
        Assert.Equal(expected.Gradient["x"], evaluated.Gradient["x"]); // the same sums in the same order
        Close.Relative(PlainLoop().First, evaluated.Gradient["x"], 1e-10);
        // Per step: cos z, the adjoint of z (a sum) and the two ⊙ products that feed it, on top of the value's three nodes.
        Assert.InRange(g.NodeCount, Graph.NodeCount(Deep.Value), 3 * Graph.NodeCount(Deep.Value));
    }

    [Fact]
    public void TheSecondDerivativeOfTheChainMatchesThePlainLoop()
    {
        var g = DeepGradient.Value;
        var second = PlainLoop().Second;
        Close.Relative(second, g.Hessian(At)[0, 0], 1e-9);
        Close.Relative(2 * second, g.HessianVectorProduct(At, Bindings.Of(("x", 2.0)))["x"], 1e-9);
    }

    [Fact]
    public void SimplifyWalksTheChainWithoutRecursion()
    {
        var noisy = Chain(Expr.Input("x") * 1.0 + 0.0);
        Assert.Equal(1_000_001 + 4, Graph.NodeCount(noisy)); // x, 1, x * 1, 0, x * 1 + 0
        var simplified = Graph.Simplify(noisy);
        Assert.Equal(1_000_001, Graph.NodeCount(simplified));
        Assert.Equal(PlainLoop().Value, Graph.Evaluate(simplified, At).ToScalar());
    }
}
