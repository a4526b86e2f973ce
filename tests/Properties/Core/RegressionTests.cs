using FunctionalAD.Properties.Generators;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// Counterexamples FsCheck found and shrank while this suite was written, kept as plain examples: each is
/// checked against a derivative worked out by hand, against every property, and shown still to expose the
/// wrong rule it exposed then.
/// </summary>
public class RegressionTests
{
    private static readonly Expr X = Expr.Input("x");

    /// <summary>Caught max given min's rule: cos x wins the max here, so the derivative is −sin x, not 1.</summary>
    [Fact]
    public void MaxOfXAndCosX()
    {
        const double x = -1.6295736611958471;
        AssertCase(Primitives.Max, Mutants.NeighbourRule, max => Expr.Apply(max, X, Expr.Cos(X)), x, -Math.Sin(x));
    }

    /// <summary>Caught x^−1 with a sign-flipped JVP: (c / x)^−1 = x / c, so the derivative is 1 / c.</summary>
    [Fact]
    public void ReciprocalOfAQuotient()
    {
        const double x = -2.891185769760602;
        AssertCase(Primitives.PowerOf(-1), Mutants.JvpSignFlip, inverse => Expr.Apply(inverse, -1.94 / X), x, 1 / -1.94);
    }

    /// <summary>Caught abs with a doubled VJP, just inside abs's kink margin of its argument's sign: softplus > 0, so d/dx = σ(x).</summary>
    [Fact]
    public void AbsOfSoftplusNearZero()
    {
        const double x = -0.0320037505738453;
        AssertCase(Primitives.Abs, Mutants.VjpTimesTwo, abs => Expr.Apply(abs, Expr.Softplus(X)), x, 1 / (1 + Math.Exp(-x)));
    }

    /// <summary>
    /// The worst finite-difference error of the first 100,000 generated cases: a plain central difference with
    /// h = 1e-6 is off by 1.8e-6 of the tolerance scale here (truncation, h²·f‴/6, with f‴ large from
    /// √|tan(e^{2/x})| near its domain edge). It is why <see cref="GradientChecks.CentralDifference"/>
    /// takes a Richardson step; this case must stay well inside the tolerance.
    /// </summary>
    [Fact]
    public void SteepCompositionNeedsTheRichardsonStep()
    {
        var e = Expr.Exp(Expr.Pow(X, -1));
        var graph = Expr.Pow(Expr.Pow(X, -1), 3) + -Expr.Constant(-0.3) + Expr.Pow(Expr.Abs(Expr.Tan(e * e)), 0.5) + (1.33 - e);
        var c = new GraphCase(graph, Bindings.Of(("x", 0.48328709671426884)));
        GradientChecks.All(c);
    }

    /// <summary>
    /// The graph built with the right rule passes every check and has the hand-derived derivative in both modes;
    /// built with the mutant, the checks fail.
    /// </summary>
    private static void AssertCase(Primitive primitive, string mutation, Func<Primitive, Expr> build, double x, double expected)
    {
        var at = Bindings.Of(("x", x));
        var right = new GraphCase(build(primitive), at);
        GradientChecks.All(right);
        Assert.Equal(expected, Forward.Grad(right.Graph, at)["x"], 1e-14);
        Assert.Equal(expected, Reverse.Grad(right.Graph, at)["x"], 1e-14);
        var wrong = new GraphCase(build(Mutants.Make(primitive, mutation)), at);
        Assert.Throws<PropertyFailure>(() => GradientChecks.All(wrong));
    }
}
