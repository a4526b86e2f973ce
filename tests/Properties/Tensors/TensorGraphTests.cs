namespace FunctionalAD.Properties.Tensors;

/// <summary>Tensor graphs as graph values: equality, printing, substitution, sharing, and bad arguments.</summary>
public class TensorGraphTests
{
    private static readonly Expr X = Expr.Input("X", Shape.Matrix(2, 3));

    [Fact]
    public void EqualityIsStructuralAndSeesShapesAndParameters()
    {
        Assert.Equal(Expr.Sum(Expr.Softmax(X, 0), 1), Expr.Sum(Expr.Softmax(X, 0), 1));
        Assert.Equal(Expr.Sum(X, 1).GetHashCode(), Expr.Sum(X, 1).GetHashCode());
        Assert.NotEqual(Expr.Sum(X, 0), Expr.Sum(X, 1));
        Assert.NotEqual(Expr.Input("X", Shape.Matrix(2, 3)), Expr.Input("X", Shape.Matrix(3, 2)));
        Assert.NotEqual(Expr.Input("x"), Expr.Input("x", Shape.Vector(1)));
        Assert.Equal(Expr.Constant(Tensor.Vector(1, 2)), Expr.Constant(Tensor.Vector(1, 2)));
        Assert.NotEqual(Expr.Constant(Tensor.Vector(1, 2)), Expr.Constant(Tensor.Vector(2, 1)));
        Assert.Equal(Expr.Constant(2.0), Expr.Constant(Tensor.Scalar(2)));
        Assert.IsType<ConstantNode>(Expr.Constant(Tensor.Scalar(2)));
    }

    [Fact]
    public void OperationsPrintAsFunctionsWithTheirParameters()
    {
        Assert.Equal("sum(softmax(X, axis: 1), axis: 0)", Expr.Sum(Expr.Softmax(X), 0).ToString());
        Assert.Equal("rows(X, 0, 2) * 2", (Expr.Rows(X, 0, 2) * 2.0).ToString());
        Assert.Equal("reshape(X, shape: 6)", Expr.Reshape(X, Shape.Vector(6)).ToString());
        Assert.Equal("Sum(axis: 0)", ((ApplyNode)Expr.Sum(X, 0)).Primitive.ToString());
    }

    [Fact]
    public void SubstitutionChecksShapesAgain()
    {
        var y = Expr.Sum(Expr.Tanh(X) + Expr.Input("b", Shape.Vector(3)));
        var substituted = Graph.Substitute(y, "b", Expr.Constant(Tensor.Vector(1, 2, 3)));
        Assert.Equal(new[] { "X" }, Graph.Inputs(substituted));
        var at = Bindings.Of(("X", Tensor.Zeros(Shape.Matrix(2, 3))));
        Assert.Equal(Tensor.Scalar(12), Graph.Evaluate(substituted, at));
        Assert.Throws<ShapeMismatchException>(() => Graph.Substitute(y, "b", Expr.Constant(Tensor.Vector(1, 2))));
    }

    [Fact]
    public void ASharedTensorNodeAddsItsAdjoints()
    {
        var s = Expr.Tanh(X);
        var y = Expr.Sum(s * s);
        var at = Bindings.Of(("X", Tensor.Matrix(new[,] { { 0.1, 0.2, 0.3 }, { -0.1, -0.2, -0.3 } })));
        var g = Reverse.Grad(y, at)["X"];
        Assert.Equal(4, Graph.NodeCount(y));
        for (var i = 0; i < 2; i++)
        for (var j = 0; j < 3; j++)
        {
            var t = Math.Tanh(at["X"][i, j]);
            Assert.Equal(2 * t * (1 - t * t), g[i, j], 15);
        }
    }

    public static TheoryData<string, Action> NullCalls => new()
    {
        { "Expr.Input(null, shape)", () => Expr.Input(null!, Shape.Vector(2)) },
        { "Expr.MatMul(null, x)", () => Expr.MatMul(null!, X) },
        { "Expr.MatMul(x, null)", () => Expr.MatMul(X, null!) },
        { "Expr.Sum(null)", () => Expr.Sum(null!) },
        { "Expr.Sum(null, 0)", () => Expr.Sum(null!, 0) },
        { "Expr.Softmax(null)", () => Expr.Softmax(null!) },
        { "Expr.CrossEntropy(null, y)", () => Expr.CrossEntropy(null!, X) },
        { "Expr.CrossEntropy(x, null)", () => Expr.CrossEntropy(X, null!) },
        { "Expr.Concat(x, null, 0)", () => Expr.Concat(X, null!, 0) },
        { "Tensor.Vector(null)", () => Tensor.Vector(null!) },
        { "Tensor.Matrix(null)", () => Tensor.Matrix(null!) },
        { "Tensor.Of(null vector)", () => Tensor.Of((MathNet.Numerics.LinearAlgebra.Vector<double>)null!) },
        { "Tensor.Create(shape, null)", () => Tensor.Create(Shape.Scalar, (Func<int, int, double>)null!) },
        { "Tensor.Create(shape, null index function)", () => Tensor.Create(Shape.Of(2, 2, 2), (Func<int[], double>)null!) },
        { "Bindings.Of(null)", () => Bindings.Of(null!) },
        { "Bindings.From(null pairs)", () => Bindings.From((IEnumerable<KeyValuePair<string, Tensor>>)null!) },
        { "Graph.Evaluate(null, tensors)", () => Graph.Evaluate((Expr)null!, Bindings.Empty) },
        { "Forward.Jvp(null, tensors, tensors)", () => Forward.Jvp((Expr)null!, Bindings.Empty, Bindings.Empty) },
        { "Reverse.Vjp(null, tensors)", () => Reverse.Vjp(null!, Bindings.Empty) },
        { "Reverse.Grad(y, tensors, null)", () => Reverse.Grad(Expr.Sum(X), Bindings.Empty, (IEnumerable<string>)null!) },
    };

    [Theory]
    [MemberData(nameof(NullCalls))]
    public void NullArgumentsAreRejectedByName(string call, Action action)
    {
        Assert.False(string.IsNullOrEmpty(call));
        Assert.Throws<ArgumentNullException>(action);
    }

    [Fact]
    public void BindingsOfTensorsRejectBadNamesAndReadLikeADictionary()
    {
        Assert.Throws<ArgumentException>(() => Bindings.Of(("x", 1.0), ("x", 2.0)));
        Assert.Throws<ArgumentException>(() => Bindings.Of((" ", 1.0)));
        var at = Bindings.Of(("b", 1.0), ("a", Tensor.Vector(1, 2)));
        Assert.Equal(new[] { "a", "b" }, at.Names);
        Assert.Equal("a = [1, 2], b = 1", at.ToString());
        Assert.Contains("a, b", Assert.Throws<KeyNotFoundException>(() => at["c"]).Message);
        Assert.Equal(at, Bindings.Of(("a", Tensor.Vector(1, 2)), ("b", 1.0)));
        Assert.Empty(Bindings.Empty);
        Assert.Equal(Bindings.Of(("x", 3.0)), Bindings.From(Bindings.Of(("x", 3.0))));
    }
}
