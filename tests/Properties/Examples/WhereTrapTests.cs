namespace FunctionalAD.Properties.Examples;

/// <summary>
/// The classic traps of a branch by <see cref="Expr.Where"/>: the branch not taken has an infinite or NaN derivative
/// where it is not taken (√x at 0, log x at 0). A plain product of its zero cotangent with that derivative is NaN (the
/// trap JAX's documentation warns of, with the "double where" workaround); the strong zero gives the derivative of the
/// branch taken, in every mode, compiled, as a graph and at second order.
/// </summary>
public sealed class WhereTrapTests
{
    private static readonly Expr X = Expr.Input("x");

    // x > 0 strictly: step(x, 0) is ½ at the tie, which counts as true; against the smallest positive double it is 0 at x = 0.
    private static readonly Expr Positive = Expr.Step(X, double.Epsilon);

    public static TheoryData<string, Expr, double, double, double> Traps => new()
    {
        // name, graph, x, first derivative, second derivative
        { "where(x < 1, x, √x) at 0", Expr.Where(Expr.Step(1.0, X), X, Expr.Sqrt(X)), 0.0, 1.0, 0.0 },
        { "where(x < 1, x², √x) at 0", Expr.Where(Expr.Step(1.0, X), X * X, Expr.Sqrt(X)), 0.0, 0.0, 2.0 },
        { "where(x > 0, log x, 0) at 0", Expr.Where(Positive, Expr.Log(X), Expr.Constant(0.0)), 0.0, 0.0, 0.0 },
        { "where(x > 0, x log x, 0) at −1", Expr.Where(Positive, X * Expr.Log(X), Expr.Constant(0.0)), -1.0, 0.0, 0.0 },
        { "where(x < 1, x, √x) at 4", Expr.Where(Expr.Step(1.0, X), X, Expr.Sqrt(X)), 4.0, 0.25, -1.0 / 32 },
    };

    [Theory]
    [MemberData(nameof(Traps))]
    public void TheBranchNotTakenNeverMakesANaNDerivative(string name, Expr graph, double x, double first, double second)
    {
        var at = Bindings.Of(("x", x));
        Assert.False(double.IsNaN(Graph.Evaluate(graph, at).ToScalar()), name);
        Assert.Equal(first, Reverse.Grad(graph, at)["x"].ToScalar(), 1e-15);
        Assert.Equal(first, Forward.Grad(graph, at)["x"].ToScalar(), 1e-15);
        Assert.Equal(first, Reverse.Compile(graph).Invoke(at).Gradient["x"].ToScalar(), 1e-15);
        Assert.Equal(first, Forward.Compile(graph).Invoke(at, Bindings.Of(("x", 1.0))).Tangent.ToScalar(), 1e-15);
        Assert.Equal(first, Reverse.GradGraph(graph).Evaluate(at).Gradient["x"].ToScalar(), 1e-15);
        Assert.Equal(second, Transform.Hessian(graph, at)[0, 0], 1e-15);
        Assert.Equal(second, Reverse.GradGraph(Reverse.GradGraph(graph)["x"]).Evaluate(at).Gradient["x"].ToScalar(), 1e-15);
    }

    [Fact]
    public void TheSameTrapInsideACustomRuleIsAvoidedToo()
    {
        // A custom rule whose derivative graph has the trap: where(x > 0, 1/(2√x), 0)·dx at x = 0.
        var safeSqrt = CustomDerivative.WithJvp("safe_sqrt", v => Expr.Sqrt(Expr.Max(v, 0.0)),
            (v, y, dv) => Expr.Where(Expr.Step(v, double.Epsilon), 0.5 / Expr.Sqrt(v), Expr.Constant(0.0)) * dv);
        var graph = safeSqrt.Apply(X);
        var at = Bindings.Of(("x", 0.0));
        Assert.Equal(0.0, Reverse.Grad(graph, at)["x"].ToScalar());
        Assert.Equal(0.0, Forward.Grad(graph, at)["x"].ToScalar());
        Assert.Equal(0.0, Transform.Hessian(graph, at)[0, 0]);
    }
}
