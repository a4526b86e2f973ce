using System.Collections.Immutable;

namespace FunctionalAD.Properties.Transformations;

/// <summary>
/// Custom derivatives of functions (<see cref="CustomDerivative"/>): the node's value is the function's, its derivative
/// the rule's in every mode, and a second derivative differentiates the rule (never a silent zero).
/// </summary>
public sealed class CustomDerivativeTests
{
    private static readonly Expr A = Expr.Input("a");

    // √a by Newton's iteration: its own graph would differentiate the 40 steps; the rule is the implicit function
    // theorem on y² − a = 0, dy/da = 1/(2y), stated with the output so that it differentiates itself again.
    private static Expr Newton(Expr a)
    {
        var y = (a + 1) / 2;
        for (var step = 0; step < 40; step++) y = (y + a / y) / 2;
        return y;
    }

    private static readonly CustomDerivative SqrtByJvp =
        CustomDerivative.WithJvp("sqrt_newton", Newton, (a, y, da) => da / (2 * y));

    private static readonly CustomDerivative SqrtByVjp =
        CustomDerivative.WithVjp("sqrt_newton_vjp", Newton, (a, y, cotangent) => cotangent / (2 * y));

    public static TheoryData<string> Forms => new() { "jvp", "vjp" };

    private static CustomDerivative Sqrt(string form) => form == "jvp" ? SqrtByJvp : SqrtByVjp;

    [Theory]
    [MemberData(nameof(Forms))]
    public void AnImplicitSquareRootIsExactInBothModesAndToSecondOrder(string form)
    {
        var graph = Sqrt(form).Apply(A);
        foreach (var a in new[] { 0.25, 2.0, 9.0 })
        {
            var at = Bindings.Of(("a", a));
            Assert.Equal(Math.Sqrt(a), Graph.Evaluate(graph, at).ToScalar(), 1e-12);
            var exact = 0.5 / Math.Sqrt(a);
            Assert.Equal(exact, Forward.Grad(graph, at)["a"].ToScalar(), 1e-12);
            Assert.Equal(exact, Reverse.Grad(graph, at)["a"].ToScalar(), 1e-12);
            Assert.Equal(exact, Reverse.Compile(graph).Invoke(at).Gradient["a"].ToScalar(), 1e-12);
            Assert.Equal(exact, Forward.Compile(graph).Invoke(at, Bindings.Of(("a", 1.0))).Tangent.ToScalar(), 1e-12);
            Assert.Equal(exact, Reverse.GradEach(graph, [at, at], parallel: true)[1]["a"].ToScalar(), 1e-12);
            Assert.Equal(exact, Reverse.Grad(Graph.Simplify(graph), at)["a"].ToScalar(), 1e-12);
            Assert.Equal(exact, Reverse.Grad(Graph.Substitute(graph, "a", Expr.Input("b")), Bindings.Of(("b", a)))["b"].ToScalar(), 1e-12);
            Assert.Equal(-0.25 / (a * Math.Sqrt(a)), Transform.HessianVectorProduct(graph, at, Bindings.Of(("a", 1.0)))["a"].ToScalar(), 1e-12);
            Assert.Equal(-0.25 / (a * Math.Sqrt(a)), Transform.Hessian(graph, at)[0, 0], 1e-12);
        }
    }

    [Fact]
    public void TheFunctionsOwnGraphIsNotDifferentiated()
    {
        // The value is x, the rule says 3: a derivative of 1 would mean the value's graph leaked through.
        var triple = CustomDerivative.WithJvp("triple_slope", x => x, (x, y, dx) => 3 * dx);
        var graph = triple.Apply(A) * 2;
        var at = Bindings.Of(("a", 1.5));
        Assert.Equal(3.0, Graph.Evaluate(graph, at).ToScalar());
        Assert.Equal(6.0, Reverse.Grad(graph, at)["a"].ToScalar());
        Assert.Equal(6.0, Forward.Grad(graph, at)["a"].ToScalar());
    }

    [Fact]
    public void ASecondDerivativeThroughACustomRuleUsesTheRulesDerivativeNotZero()
    {
        // x³ computed as exp(3 log x), with the rule 3x²: the rule's derivative, 6x, is the second derivative; a rule
        // treated as a constant would give 0 (the failure of custom rules under nesting).
        var cube = CustomDerivative.WithJvp("cube", x => Expr.Exp(3 * Expr.Log(x)), (x, y, dx) => 3 * x * x * dx);
        var graph = cube.Apply(A);
        foreach (var a in new[] { 0.5, 2.0 })
        {
            var at = Bindings.Of(("a", a));
            Assert.Equal(6 * a, Transform.Hessian(graph, at)[0, 0], 1e-12);
            var gradientOfGradient = Reverse.GradGraph(Reverse.GradGraph(graph)["a"]);
            Assert.Equal(6 * a, gradientOfGradient.Evaluate(at).Gradient["a"].ToScalar(), 1e-12);
        }
    }

    [Fact]
    public void ResidualsSavedByTheForwardFunctionReachTheBackwardFunctionAndDifferentiateAtHigherOrder()
    {
        // eˣ saving eˣ: the backward multiplies by the residual; the second derivative is eˣ again, through the residual.
        var exp = CustomDerivative.WithVjp("exp_saving", 1,
            x =>
            {
                var e = Expr.Exp(x[0]);
                return new ForwardWithResiduals(e, [e]);
            },
            (residuals, output, cotangent) => [cotangent * residuals[0]]);
        var graph = exp.Apply(A);
        var at = Bindings.Of(("a", 0.7));
        Assert.Equal(Math.Exp(0.7), Reverse.Grad(graph, at)["a"].ToScalar(), 1e-14);
        Assert.Equal(Math.Exp(0.7), Forward.Grad(graph, at)["a"].ToScalar(), 1e-14);
        Assert.Equal(Math.Exp(0.7), Transform.Hessian(graph, at)[0, 0], 1e-14);
        // The residual is the value's own node, so it is computed once, in the forward pass.
        Assert.Single(Graph.Nodes(graph), node => node.Equals(Expr.Exp(A)));
        Assert.Equal(3, Graph.NodeCount(graph));   // a, eᵃ and the custom node
    }

    [Fact]
    public void AClippedGradientAndAStraightThroughEstimatorChangeOnlyTheBackwardPass()
    {
        var clip = CustomDerivative.WithVjp("clip_gradient", x => x, (x, y, cotangent) => Expr.Clamp(cotangent, -1, 1));
        var steep = 10 * clip.Apply(A);
        var at = Bindings.Of(("a", 0.3));
        Assert.Equal(3.0, Graph.Evaluate(steep, at).ToScalar(), 1e-15);
        Assert.Equal(1.0, Reverse.Grad(steep, at)["a"].ToScalar());

        var roundStraightThrough = CustomDerivative.WithVjp("round_ste", Expr.Round, (x, y, cotangent) => cotangent);
        var rounded = roundStraightThrough.Apply(A) * A;
        var point = Bindings.Of(("a", 2.4));
        Assert.Equal(2.0 * 2.4, Graph.Evaluate(rounded, point).ToScalar(), 1e-15);
        Assert.Equal(2.4 + 2.0, Reverse.Grad(rounded, point)["a"].ToScalar(), 1e-15);
        Assert.Equal(2.4 + 2.0, Forward.Grad(rounded, point)["a"].ToScalar(), 1e-15);
    }

    [Fact]
    public void TensorArgumentsAreTransposedExactlyInEitherDirection()
    {
        // A stable log(eᵃ + eᵇ), elementwise on vectors, with ∂/∂a = σ(a − b) and ∂/∂b = σ(b − a), stated once as a JVP and
        // once as a VJP; the loss sums it with weights so every element has its own cotangent.
        static Expr Value(Expr a, Expr b) => Expr.Max(a, b) + Expr.Log(1 + Expr.Exp(-Expr.Abs(a - b)));
        var byJvp = CustomDerivative.WithJvp("logaddexp", 2, x => Value(x[0], x[1]),
            (x, y, t) => Expr.Sigmoid(x[0] - x[1]) * t[0] + Expr.Sigmoid(x[1] - x[0]) * t[1]);
        var byVjp = CustomDerivative.WithVjp("logaddexp_vjp", 2, x => new ForwardWithResiduals(Value(x[0], x[1]), [x[0], x[1]]),
            (r, y, c) => [Expr.Sigmoid(r[0] - r[1]) * c, Expr.Sigmoid(r[1] - r[0]) * c]);
        var a = Expr.Input("u", Shape.Vector(3));
        var b = Expr.Input("v", Shape.Vector(3));
        var weights = Expr.Constant(Tensor.Vector(1, -2, 0.5));
        var at = Bindings.Of(("u", Tensor.Vector(0.1, -1, 2)), ("v", Tensor.Vector(0.3, 0.2, -1)));
        var reference = Expr.Sum(weights * Expr.Log(Expr.Exp(a) + Expr.Exp(b)));
        var expected = Reverse.Grad(reference, at);
        foreach (var custom in new[] { byJvp, byVjp })
        {
            var loss = Expr.Sum(weights * custom.Apply(a, b));
            foreach (var gradient in new[] { Reverse.Grad(loss, at), Forward.Grad(loss, at) })
            foreach (var name in new[] { "u", "v" })
            for (var i = 0; i < 3; i++)
                Assert.Equal(expected[name][i], gradient[name][i], 1e-14);
            var hessian = Transform.Hessian(loss, at);
            var referenceHessian = Transform.Hessian(reference, at);
            for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                Assert.Equal(referenceHessian[i, j], hessian[i, j], 1e-13);
        }
    }

    [Fact]
    public void TwoCustomDerivativesOfOneNameAreDifferentNodes()
    {
        var one = CustomDerivative.WithJvp("same", x => x, (x, y, dx) => dx);
        var two = CustomDerivative.WithJvp("same", x => x, (x, y, dx) => 2 * dx);
        Assert.NotEqual(one.Apply(A), two.Apply(A));
        var at = Bindings.Of(("a", 1.0));
        Assert.Equal(3.0, Reverse.Grad(one.Apply(A) + two.Apply(A), at)["a"].ToScalar());
        Assert.Equal(one.Apply(A), one.Apply(A));
    }

    [Fact]
    public void BadRulesAreReportedInTheUsersTerms()
    {
        var at = Bindings.Of(("a", 2.0), ("w", 3.0));
        var arity = Assert.Throws<ArgumentException>(() => SqrtByJvp.Apply(A, A));
        Assert.Contains("'sqrt_newton' takes 1 argument, not 2", arity.Message);

        var closes = CustomDerivative.WithJvp("closes_over_w", x => x * Expr.Input("w"), (x, y, dx) => dx * Expr.Input("w"));
        var unbound = Assert.Throws<InvalidOperationException>(() => Reverse.Grad(closes.Apply(A), at));
        Assert.Contains("uses the input 'w', which is not one of its arguments", unbound.Message);

        var wrongShape = CustomDerivative.WithVjp("wrong_shape", x => x, (x, y, c) => Expr.Constant(Tensor.Vector(1, 2)));
        var shape = Assert.Throws<ShapeMismatchException>(() => Reverse.Grad(wrongShape.Apply(A), at));
        Assert.Contains("wrong_shape: the rule's graph for the cotangent of argument 1 has shape 2, not scalar", shape.Message);

        var tooFew = CustomDerivative.WithVjp("too_few", 2, x => new ForwardWithResiduals(x[0] * x[1], []), (r, y, c) => [c]);
        var count = Assert.Throws<InvalidOperationException>(() => Reverse.Grad(tooFew.Apply(A, A), at));
        Assert.Contains("returned 1 cotangents; it must return one per argument (2)", count.Message);

        var big = Expr.Input("big", Shape.Vector(CustomDerivative.TransposedElementLimit + 1));
        var transposed = CustomDerivative.WithJvp("elementwise_double", x => 2 * x, (x, y, dx) => 2 * dx);
        var limit = Assert.Throws<NotSupportedException>(() => Reverse.GradGraph(Expr.Sum(transposed.Apply(big))));
        Assert.Contains("elementwise_double: transposing its rule", limit.Message);
    }
}

/// <summary>A custom derivative node is printed and drawn by its name, like any primitive.</summary>
public sealed class CustomDerivativeOutputTests
{
    [Fact]
    public void ItIsPrintedByNameWithItsArgumentsOnly()
    {
        var a = Expr.Input("a");
        var softSign = CustomDerivative.WithJvp("soft_sign", x => x / (1 + Expr.Abs(x)), (x, y, dx) => dx / ((1 + Expr.Abs(x)) * (1 + Expr.Abs(x))));
        var graph = softSign.Apply(a) + 1;
        Assert.Equal("soft_sign(a) + 1", graph.ToString());
        Assert.Contains("soft_sign", Export.ToDot(graph));
        Assert.Contains("soft_sign", Export.ToMermaid(graph));
    }
}
