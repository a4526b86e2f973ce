namespace FunctionalAD.Documentation.Tests;

/// <summary>
/// The C# snippets of docs/loops.md, run, with the results the document states asserted.
/// If a snippet changes in the document, change it here too (and the other way round).
/// </summary>
public class LoopsDocumentationExamples
{
    // docs/loops.md, "A loop is one node".
    [Fact]
    public void AFoldIsOneNode()
    {
        var x0 = Expr.Input("x0");
        var chain = Expr.Fold(x0, 1_000_000, x => x + 1e-7 * Expr.Sin(x));
        var at = Bindings.Of(("x0", 0.3));
        Assert.Equal(2, Graph.NodeCount(chain));
        Assert.Equal(0.3310048205714907, Graph.Evaluate(chain, at).ToScalar());
        Assert.Equal(1.0997334878849, Reverse.Grad(chain, at)["x0"].ToScalar(), 1e-12);
        Assert.Equal(1.0997334878849, Forward.Jvp(chain, at, Bindings.Of(("x0", 1.0))).Tangent.ToScalar(), 1e-12);
        Assert.Equal("fold(x0, 3 steps, carry => carry + 1E-07 * sin(carry))", Expr.Fold(x0, 3, x => x + 1e-7 * Expr.Sin(x)).ToString());
    }

    // docs/loops.md, "What reverse mode keeps": every option gives the same bits.
    [Fact]
    public void CheckpointingChangesMemoryNotTheGradient()
    {
        var chain = Expr.Fold(Expr.Input("x0"), 10_000, x => x + 1e-3 * Expr.Sin(x));
        var at = Bindings.Of(("x0", 0.3));
        var byDefault = Reverse.Grad(chain, at);
        var everyStep = Reverse.Grad(chain, at, ReverseOptions.StoreEveryStep);
        var budget = Reverse.Grad(chain, at, ReverseOptions.WithBudget(10));
        Assert.Equal(byDefault["x0"].ToScalar(), everyStep["x0"].ToScalar());
        Assert.Equal(byDefault["x0"].ToScalar(), budget["x0"].ToScalar());
    }

    // docs/loops.md, "Bounded while loops".
    [Fact]
    public void AWhileLoopDoublesUntilTen()
    {
        var x0 = Expr.Input("x0");
        var doubling = Expr.While(x0, 100, x => Expr.Step(10.0, x), x => 2 * x);
        var at = Bindings.Of(("x0", 0.7));
        Assert.Equal(11.2, Graph.Evaluate(doubling, at).ToScalar(), 1e-15);
        Assert.Equal(16.0, Reverse.Grad(doubling, at)["x0"].ToScalar());
    }

    // docs/loops.md, "A differentiable ODE integration": RK4 over a scan for Lotka–Volterra.
    [Fact]
    public void TheTrajectoryLossGradientEqualsForwardSensitivities()
    {
        var (loss, guess, truth) = LotkaVolterra();
        var gradient = Reverse.Grad(loss, guess);
        foreach (var name in new[] { "alpha", "beta", "gamma", "delta" })
        {
            var sensitivity = Forward.Jvp(loss, guess, Bindings.Of((name, 1.0))).Tangent.ToScalar();
            Assert.True(Math.Abs(gradient[name].ToScalar() - sensitivity) <= 1e-8 * Math.Abs(sensitivity),
                $"{name}: reverse {gradient[name]} vs forward {sensitivity}");
        }
        var compiled = Reverse.Compile(loss).Invoke(guess).Gradient;
        foreach (var name in new[] { "alpha", "beta", "gamma", "delta" }) Assert.Equal(gradient[name].ToScalar(), compiled[name].ToScalar());
        Assert.Equal(0.0, Reverse.Grad(loss, truth)["alpha"].ToScalar(), 1e-9);
    }

    // docs/loops.md, "Second order": the Lotka–Volterra loss of "A differentiable ODE integration" (built as there).
    [Fact]
    public void TheTrajectoryLossHessianVectorProductEqualsFiniteDifferencesOfTheGradient()
    {
        var (loss, guess, _) = LotkaVolterra();
        var gradientGraph = Reverse.GradGraph(loss);
        var direction = Bindings.Of(("alpha", 1.0), ("beta", -0.5));
        var hv = gradientGraph.HessianVectorProduct(guess, direction);
        var h = Transform.Hessian(loss, guess, ["alpha", "beta", "gamma", "delta"]);
        Assert.Equal(4, h.RowCount);

        // Central differences of Reverse.Grad along the direction, with a Richardson step: (4·D(ε/2) − D(ε)) / 3, whose
        // error is O(ε⁴) plus rounding of about 1e-16·|∇loss|/ε; seen: 5e-13 of the largest |(H·v)ᵢ|, held to 1e-8.
        Gradient At(double step) => Reverse.Grad(loss, Bindings.From(guess.Select(b => KeyValuePair.Create(b.Key,
            direction.TryGetValue(b.Key, out var v) ? (Tensor)(b.Value.ToScalar() + step * v.ToScalar()) : b.Value))));
        double Difference(string name, double step) => (At(step)[name].ToScalar() - At(-step)[name].ToScalar()) / (2 * step);
        var names = new[] { "alpha", "beta", "gamma", "delta" };
        var scale = names.Max(n => Math.Abs(hv[n].ToScalar()));
        foreach (var name in names)
        {
            var difference = (4 * Difference(name, 5e-4) - Difference(name, 1e-3)) / 3;
            Assert.True(Math.Abs(hv[name].ToScalar() - difference) <= 1e-8 * scale, $"(Hv)[{name}]: {hv[name]} vs finite differences {difference}");
            // The Hessian's rows and columns follow the names in ordinal order (alpha, beta, delta, gamma): (H·v)ᵢ = Hᵢ,alpha − 0.5·Hᵢ,beta.
            var row = names.Order(StringComparer.Ordinal).ToList().IndexOf(name);
            Assert.True(Math.Abs(hv[name].ToScalar() - (h[row, 0] - 0.5 * h[row, 1])) <= 1e-9 * scale, $"(Hv)[{name}] vs the Hessian's row");
        }
        Assert.Equal(Reverse.Grad(loss, guess)["alpha"].ToScalar(), gradientGraph.Evaluate(guess).Gradient["alpha"].ToScalar());
    }

    /// <summary>The loss, the guess and the true parameters of docs/loops.md, "A differentiable ODE integration", built as there.</summary>
    private static (Expr Loss, Bindings Guess, Bindings Truth) LotkaVolterra()
    {
        var (alpha, beta, gamma, delta) = (Expr.Input("alpha"), Expr.Input("beta"), Expr.Input("gamma"), Expr.Input("delta"));
        var (e1, e2) = (Expr.Constant(Tensor.Vector(1, 0)), Expr.Constant(Tensor.Vector(0, 1)));
        Expr Field(Expr y)
        {
            var (prey, predators) = (Expr.Dot(y, e1), Expr.Dot(y, e2));
            return e1 * (alpha * prey - beta * prey * predators) + e2 * (delta * prey * predators - gamma * predators);
        }
        const double h = 0.01;
        Expr Rk4(Expr y)
        {
            var k1 = Field(y);
            var k2 = Field(y + h / 2 * k1);
            var k3 = Field(y + h / 2 * k2);
            var k4 = Field(y + h * k3);
            return y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        var y0 = Expr.Input("y0", Shape.Vector(2));
        var trajectory = Expr.Scan(y0, 500, y => (Rk4(y), Rk4(y)));
        var truth = Bindings.Of(("y0", Tensor.Vector(10, 5)), ("alpha", 1.1), ("beta", 0.4), ("gamma", 0.4), ("delta", 0.1));
        var error = trajectory - Expr.Constant(Graph.Evaluate(trajectory, truth));
        return (Expr.Sum(error * error), Bindings.Of(("y0", Tensor.Vector(10, 5)), ("alpha", 1.0), ("beta", 0.5), ("gamma", 0.5), ("delta", 0.2)), truth);
    }

    private static T Chain<T>(T x, T a) where T : System.Numerics.IFloatingPointIeee754<T> =>
        ScalarMath.Fold(x, 1000, v => v + T.CreateChecked(1e-3) * a * T.Sin(v));

    // docs/loops.md, "Loops in generic code".
    [Fact]
    public void AGenericLoopTracesToOneNode()
    {
        var traced = Graph.Trace(v => Chain(v[0], v[1]), "x", "a");
        Assert.Equal(3, Graph.NodeCount(traced));
        var at = Bindings.Of(("x", 0.3), ("a", 1.2));
        Assert.Equal(Chain(0.3, 1.2), Graph.Evaluate(traced, at).ToScalar());
        var numbers = Reverse.GradOf(v => Chain(v[0], v[1]), [0.3, 1.2]);
        Assert.Equal(numbers[1], Reverse.Grad(traced, at)["a"].ToScalar(), 1e-13);
    }
}
