namespace FunctionalAD.Properties.Examples;

/// <summary>Gradients as graphs: the seed example prints as expected, the strong zero holds, and chains a million nodes deep work.</summary>
public class GradientGraphTests
{
    private static readonly Expr W = Expr.Input("w"), X = Expr.Input("x"), B = Expr.Input("b");

    [Fact]
    public void TheSeedExamplePrintsItsPartials()
    {
        var g = Reverse.GradGraph(W * X + B);
        Assert.Equal("w * x + b", g.Value.ToString());
        Assert.Equal(new[] { "b", "w", "x" }, g.Inputs);
        Assert.Equal("1", g["b"].ToString());
        Assert.Equal("x", g["w"].ToString());
        Assert.Equal("w", g["x"].ToString());
        Assert.Same(X, g["w"]); // the input node itself, not a copy
        Assert.Equal("value = w * x + b\n∂/∂b = 1\n∂/∂w = x\n∂/∂x = w", g.ToString().ReplaceLineEndings("\n"));
        var at = Bindings.Of(("x", 3.0), ("w", 2.0), ("b", 1.0));
        var evaluated = g.Evaluate(at);
        Assert.Equal(7.0, evaluated.Value);
        Assert.Equal(Reverse.Grad(W * X + B, at), evaluated.Gradient);
    }

    [Fact]
    public void AdjointsAreShared()
    {
        // y = sin(u)·u with u = x·x: the adjoint of u is one node used by both x partials.
        var u = X * X;
        var g = Reverse.GradGraph(Expr.Sin(u) * u);
        // ∂/∂u = u·cos u + sin u; both factors of x·x give x ⊙ that, one node, added to itself.
        Assert.Equal("x ⊙ (sin(x * x) + cos(x * x) ⊙ (x * x)) + x ⊙ (sin(x * x) + cos(x * x) ⊙ (x * x))", g["x"].ToString());
        var sum = (ApplyNode)g["x"];
        Assert.Same(sum.Arguments[0], sum.Arguments[1]);
        Assert.Equal(1, Graph.Nodes(g["x"]).Count(n => n.ToString() == "x * x")); // u itself is shared with the value graph
        Assert.Contains(Graph.Nodes(g.Value), n => ReferenceEquals(n, Graph.Nodes(g["x"]).Single(m => m.ToString() == "x * x")));
    }

    [Fact]
    public void AnInputTheOutputDoesNotUseHasPartialZero()
    {
        var g = Reverse.GradGraph(0.0 * X + W);
        Assert.Equal(new[] { "w" }, Graph.Inputs(g.Value)); // 0·x folds away from the value graph …
        Assert.Equal(new[] { "w", "x" }, g.Inputs); // … but x keeps its partial, as Reverse.Grad gives it one
        Assert.Equal("1", g["w"].ToString());
        Assert.Equal("0", g["x"].ToString());
        Assert.Equal(0.0, (g.Evaluate(Bindings.Of(("w", 2.0))).Gradient["x"]).ToScalar());
        var h = Reverse.GradGraph(Expr.Step(X, W));
        Assert.Equal("0", h["x"].ToString());
        Assert.Equal("0", h["w"].ToString());
    }

    /// <summary>A zero adjoint times an infinite partial is 0, as in the interpreted modes, not NaN.</summary>
    [Fact]
    public void TheStrongZeroMatchesTheInterpretedModes()
    {
        var (inputA, inputX) = (Expr.Input("a"), Expr.Input("x"));
        var graphs = new[]
        {
            inputA * Expr.Sqrt(inputX), Expr.Sqrt(inputA * inputX), inputA * Expr.Log(inputX), Expr.Pow(inputX, inputA),
            inputA * Expr.Exp(1000.0 * inputX), Expr.Relu(inputA) * Expr.Sqrt(inputX), Expr.Max(inputA, 0.0) * Expr.Log(inputX),
        };
        var points = new[] { (0.0, 0.0), (-1.0, 0.0), (1.0, 0.0), (0.0, 1.0), (0.0, double.NaN), (double.NaN, 1.0) };
        foreach (var (y, (a, x)) in graphs.SelectMany(y => points.Select(p => (y, p))))
        {
            var at = Bindings.Of(("a", a), ("x", x));
            var evaluated = Reverse.GradGraph(y).Evaluate(at).Gradient;
            var interpreted = Reverse.Grad(y, at);
            foreach (var name in interpreted.Names)
                Assert.True(interpreted[name].ToScalar().Equals(evaluated[name].ToScalar()), $"∂({y})/∂{name} at {at}: graph {evaluated[name]} vs Reverse.Grad {interpreted[name]}");
        }
    }

    [Fact]
    public void TheStrongZeroExample()
    {
        var (a, x) = (Expr.Input("a"), Expr.Input("x"));
        var g = Reverse.GradGraph(a * Expr.Sqrt(x));
        Assert.Equal("sqrt(x)", g["a"].ToString());
        Assert.Equal("0.5 / abs(sqrt(x)) ⊙ a", g["x"].ToString());
        var at = Bindings.Of(("a", 0.0), ("x", 0.0));
        Assert.Equal(0.0, g.Evaluate(at).Gradient["x"].ToScalar()); // 0 ⊙ ∞ = 0, as Reverse.Grad gives
        Assert.Equal(double.NaN, Graph.Evaluate(0.5 / Expr.Sqrt(x) * a, at).ToScalar()); // the plain product would give NaN
    }

    [Fact]
    public void ABadNameIsAClearError()
    {
        var g = Reverse.GradGraph(W * X);
        var error = Assert.Throws<KeyNotFoundException>(() => g["z"]);
        Assert.Contains("'z'", error.Message);
        Assert.Contains("w, x", error.Message);
        Assert.Throws<ArgumentNullException>(() => Reverse.GradGraph(null!));
        var unbound = Assert.Throws<UnboundInputException>(() => g.Evaluate(Bindings.Of(("w", 1.0))));
        Assert.Equal("x", unbound.InputName);
        Assert.Equal("x", Assert.Throws<UnboundInputException>(() => g.Hessian(Bindings.Of(("w", 1.0)))).InputName);
        var direction = Assert.Throws<ArgumentException>(() => g.HessianVectorProduct(Bindings.Of(("w", 1.0), ("x", 2.0)), Bindings.Of(("z", 1.0))));
        Assert.Contains("'z'", direction.Message);
        Assert.Contains("w, x", direction.Message);
        Assert.Throws<ArgumentNullException>(() => g.Evaluate(null!));
        var mySin = Rules.Unary("mysin", Math.Sin, (x, _) => Math.Cos(x), (x, _) => Expr.Cos(x));
        Assert.Equal("cos(x)", Reverse.GradGraph(Expr.Apply(mySin, X))["x"].ToString());
    }
}
