namespace FunctionalAD.Properties.Loops;

/// <summary>The other transformations on graphs with loops: gradients with respect to some inputs, Jacobians, simplification, anomalies.</summary>
public class LoopTransformationTests
{
    private static readonly Expr W = Expr.Input("W", Shape.Matrix(2, 2));
    private static readonly Expr H0 = Expr.Input("h0", Shape.Vector(2));
    private static readonly Bindings At = Bindings.Of(
        ("W", Tensor.Matrix(new[,] { { 0.5, -0.3 }, { 0.2, 0.8 } })), ("h0", Tensor.Vector(0.4, -0.6)), ("xs", Tensor.Vector(0.1, 0.2, 0.3)));

    private static Expr Trajectory => Expr.Scan(H0, Expr.Input("xs", Shape.Vector(3)), (h, x) => (Expr.Tanh(Expr.MatMul(W, h) + x), h * x));

    [Fact]
    public void AGradientWithRespectToSomeInputsIsThoseOfTheFullGradient()
    {
        var loss = Expr.Sum(Trajectory * Trajectory);
        var full = Reverse.Grad(loss, At);
        foreach (var options in new[] { ReverseOptions.Default, ReverseOptions.StoreEveryStep, ReverseOptions.WithBudget(1) })
        {
            var some = Reverse.ValueAndGrad(loss, At, ["W"], options).Gradient;
            Assert.Equal(new[] { "W" }, some.Names.ToArray());
            Assert.Equal(full["W"], some["W"]);
        }
    }

    [Fact]
    public void TheJacobianOfAScanHasRowsThatAreVjpsAndColumnsThatAreJvps()
    {
        var forward = Transform.Jacobian(Trajectory, At, JacobianMode.Forward);
        var reverse = Transform.Jacobian(Trajectory, At, JacobianMode.Reverse);
        Assert.Equal(6, forward.RowCount);
        Assert.Equal(4 + 2 + 3, forward.ColumnCount);
        for (var i = 0; i < forward.RowCount; i++)
        for (var j = 0; j < forward.ColumnCount; j++)
            Assert.Equal(forward[i, j], reverse[i, j], 1e-14);
    }

    [Fact]
    public void SimplifyKeepsALoopsValueAndAnomaliesFindNone()
    {
        var loss = Expr.Sum(Trajectory) * 1.0 + 0.0;
        var simplified = Graph.Simplify(loss);
        Assert.Equal(Graph.Evaluate(loss, At), Graph.Evaluate(simplified, At));
        Assert.Null(Anomalies.Find(loss, At));
    }
}
