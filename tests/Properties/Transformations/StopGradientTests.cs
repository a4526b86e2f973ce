using System.Numerics;

namespace FunctionalAD.Properties.Transformations;

/// <summary>
/// <see cref="Primitives.StopGradient"/>: the value passes through, the derivative is exactly 0 — in every mode and
/// transformation, at second order, at every level of nesting, through Simplify and JSON.
/// </summary>
public sealed class StopGradientTests
{
    private static readonly Expr X = Expr.Input("x");

    // x · stop(x²): the value is x³, the derivative x² (the stopped factor is a constant), the second derivative 0.
    private static readonly Expr Graph1 = X * Expr.StopGradient(X * X);

    private static T Function<T>(T x) where T : IFloatingPointIeee754<T> => x * ScalarMath.StopGradient(x * x);

    [Fact]
    public void ItsDerivativeIsZeroInEveryModeAndTransformation()
    {
        var at = Bindings.Of(("x", 3.0));
        Assert.Equal(27.0, Graph.Evaluate(Graph1, at).ToScalar());
        Assert.Equal(9.0, Reverse.Grad(Graph1, at)["x"].ToScalar());
        Assert.Equal(9.0, Forward.Grad(Graph1, at)["x"].ToScalar());
        Assert.Equal(9.0, Reverse.Compile(Graph1).Invoke(at).Gradient["x"].ToScalar());
        Assert.Equal(9.0, Forward.Compile(Graph1).Invoke(at, Bindings.Of(("x", 1.0))).Tangent.ToScalar());
        Assert.Equal(9.0, Reverse.GradGraph(Graph1).Evaluate(at).Gradient["x"].ToScalar());
        Assert.Equal(0.0, Transform.Hessian(Graph1, at)[0, 0]);
        Assert.Equal(27.0, Graph.CentralDifferences(Graph1, at)["x"].ToScalar(), 1e-6);   // finite differences see the value x³
    }

    [Fact]
    public void SimplifyKeepsItAndJsonCarriesIt()
    {
        var at = Bindings.Of(("x", 3.0));
        Assert.Equal("x * stop_gradient(x * x)", Graph1.ToString());
        var simplified = Graph.Simplify(Graph1 * 1.0 + 0.0);
        Assert.Equal("x * stop_gradient(x * x)", simplified.ToString());
        Assert.Equal(9.0, Reverse.Grad(simplified, at)["x"].ToScalar());
        var read = GraphJson.Deserialize(GraphJson.Serialize(Graph1));
        Assert.Equal(Graph1, read);
        Assert.Equal(9.0, Reverse.Grad(read, at)["x"].ToScalar());
        Assert.Equal(Expr.Constant(4.0), Graph.Simplify(Expr.StopGradient(Expr.Constant(4.0))));   // a constant folds
    }

    [Fact]
    public void OnTheNumberTypesItStopsEveryLevel()
    {
        Assert.Equal(27.0, Function(3.0));
        Assert.Equal(9.0, Forward.Derivative(Function, 3.0));
        Assert.Equal(9.0, Reverse.GradOf(v => Function(v[0]), [3.0])[0]);
        Assert.Equal(9.0, Forward.Derivative(x => x * Dual.StopGradient(x * x), 3.0));
        Assert.Equal(9.0, Reverse.GradOf(v => v[0] * ReverseNumber.StopGradient(v[0] * v[0]), [3.0])[0]);
        // Second order: the derivative x² is stopped too, so the second derivative is 0, nested either way.
        Assert.Equal(0.0, Forward.Derivative(x => Forward.Derivative<Dual<double>>(Function, x), 3.0));
        Assert.Equal(0.0, Transform.HessianOf(v => Function(v[0]), [3.0])[0, 0]);
        Assert.Equal(0.0, Reverse.GradOf(x => Reverse.GradOf(y => Function(y[0]), new[] { x[0] })[0], new[] { 3.0 })[0]);
        // Traced, the generic form is the node.
        Assert.Equal(Graph1, Graph.Trace(Function<Expr>));
    }

    [Fact]
    public void AStoppedInfiniteDerivativeIsStillZero()
    {
        var root = Expr.StopGradient(Expr.Sqrt(X)) + X;
        var at = Bindings.Of(("x", 0.0));
        Assert.Equal(1.0, Reverse.Grad(root, at)["x"].ToScalar());
        Assert.Equal(1.0, Forward.Grad(root, at)["x"].ToScalar());
        Assert.Equal(1.0, Reverse.GradGraph(root).Evaluate(at).Gradient["x"].ToScalar());
        Assert.Equal(0.0, Transform.Hessian(root, at)[0, 0]);
    }

    [Fact]
    public void AStraightThroughEstimatorRoundsForwardAndPassesTheGradientBack()
    {
        // x + stop(round(x) − x): the value is round(x), the derivative 1.
        var straightThrough = X + Expr.StopGradient(Expr.Round(X) - X);
        var at = Bindings.Of(("x", 2.4));
        Assert.Equal(2.0, Graph.Evaluate(straightThrough, at).ToScalar(), 1e-15);
        Assert.Equal(1.0, Reverse.Grad(straightThrough, at)["x"].ToScalar());
        Assert.Equal(1.0, Forward.Grad(straightThrough, at)["x"].ToScalar());
    }

    [Fact]
    public void OnTensorsEveryElementIsStopped()
    {
        var v = Expr.Input("v", Shape.Vector(3));
        var loss = Expr.Sum(Expr.StopGradient(v) * v);
        var at = Bindings.Of(("v", Tensor.Vector(1, -2, 3)));
        Assert.Equal(Tensor.Vector(1, -2, 3), Reverse.Grad(loss, at)["v"]);
        Assert.Equal(Tensor.Vector(1, -2, 3), Forward.Grad(loss, at)["v"]);
        Assert.Equal(Tensor.Vector(1, -2, 3), Reverse.GradGraph(loss).Evaluate(at).Gradient["v"]);
    }
}
