namespace FunctionalAD.Properties.Examples;

/// <summary>
/// One <see cref="Bindings"/> and one <see cref="Gradient"/> for numbers and tensors: numbers and tensors mix in one
/// binding, a scalar partial reads as a double, and a value of the wrong shape is named with both shapes.
/// </summary>
public class OneBindingsTests
{
    private static readonly Expr X = Expr.Input("x");
    private static readonly Expr W = Expr.Input("W", Shape.Matrix(2, 2));
    private static readonly Tensor Matrix = Tensor.Matrix(new double[,] { { 1, 2 }, { 3, 4 } });

    [Fact]
    public void NumbersAndTensorsMixInOneBinding()
    {
        var at = Bindings.Of(("W", Matrix), ("b", 0.5));
        Assert.Equal(Matrix, at["W"]);
        Assert.Equal(Tensor.Scalar(0.5), at["b"]);
        Assert.Equal(0.5, at.Scalar("b"));
        Assert.Equal(at, Bindings.Empty.With("b", 0.5).With("W", Matrix));
        Assert.Equal(at, Bindings.From(new Dictionary<string, Tensor> { ["W"] = Matrix, ["b"] = 0.5 }));
    }

    [Fact]
    public void NumbersBindTheSameAsScalarTensors()
    {
        var numbers = Bindings.Of(("x", 3.0), ("y", -0.0));
        Assert.Equal(numbers, Bindings.Of(("x", Tensor.Scalar(3)), ("y", Tensor.Scalar(-0.0))));
        Assert.Equal(numbers, Bindings.From(new Dictionary<string, double> { ["x"] = 3, ["y"] = -0.0 }));
        Assert.Equal(numbers, Bindings.Empty.With("x", 3).With("y", -0.0));
        Assert.Equal(numbers.GetHashCode(), Bindings.Of(("x", Tensor.Scalar(3)), ("y", Tensor.Scalar(-0.0))).GetHashCode());
        Assert.Equal("x = 3, y = -0", numbers.ToString());
    }

    [Fact]
    public void AScalarPartialReadsAsADoubleAndATensorOneSaysItsShape()
    {
        var g = Reverse.Grad(Expr.Sum(W * X), Bindings.Of(("W", Matrix), ("x", 2.0)));
        double dx = g["x"];
        Assert.Equal(10.0, dx);
        Assert.Equal(10.0, g.Scalar("x"));
        Assert.Equal(Tensor.Filled(Shape.Matrix(2, 2), 2), g["W"]);
        var conversion = Assert.Throws<InvalidOperationException>(() => { double _ = g["W"]; });
        Assert.Contains("shape 2×2", conversion.Message);
        var scalar = Assert.Throws<InvalidOperationException>(() => g.Scalar("W"));
        Assert.Equal("The gradient holds a tensor of shape 2×2 for 'W', not a number; read it as a Tensor.", scalar.Message);
        Assert.Contains("its inputs are: W, x", Assert.Throws<KeyNotFoundException>(() => g["y"]).Message);
    }

    [Fact]
    public void ATensorBoundToAScalarInputNamesBothShapesInEveryMode()
    {
        var y = X * X;
        var at = Bindings.Of(("x", Tensor.Vector(1, 2)));
        const string message = "The input 'x' has shape scalar, but it is bound to a tensor of shape 2.";
        Assert.Equal(message, Assert.Throws<ShapeMismatchException>(() => Graph.Evaluate(y, at)).Message);
        Assert.Equal(message, Assert.Throws<ShapeMismatchException>(() => Reverse.Grad(y, at)).Message);
        Assert.Equal(message, Assert.Throws<ShapeMismatchException>(() => Forward.Grad(y, at)).Message);
        Assert.Equal(message, Assert.Throws<ShapeMismatchException>(() => Reverse.GradGraph(y).Evaluate(at)).Message);
        Assert.Equal("The input 'x' has shape scalar, but its tangent has shape 2.",
            Assert.Throws<ShapeMismatchException>(() => Forward.Jvp(y, Bindings.Of(("x", 1.0)), at)).Message);
    }

    [Fact]
    public void ATensorForANameTheGraphDoesNotUseLeavesAScalarGraphAlone()
    {
        var at = Bindings.Of(("x", 3.0), ("unused", Matrix));
        Assert.Equal(9.0, Graph.Evaluate(X * X, at).ToScalar());
        Assert.Equal(6.0, Reverse.Grad(X * X, at).Scalar("x"));
        Assert.Equal(Reverse.ValueAndGrad(X * X, Bindings.Of(("x", 3.0))), Reverse.Compile(X * X).Invoke(at));
    }

    [Fact]
    public void APullbackTakesACotangentOfTheOutputsShape()
    {
        var vjp = Reverse.Vjp(X * X, Bindings.Of(("x", 3.0)));
        Assert.Equal(Tensor.Scalar(9), vjp.Value);
        Assert.Equal(60.0, vjp.Pullback(10).Scalar("x"));
        Assert.Equal("Vjp: the cotangent has shape 2, but the graph's output has shape scalar.",
            Assert.Throws<ShapeMismatchException>(() => vjp.Pullback(Tensor.Vector(1, 2))).Message);
    }
}
