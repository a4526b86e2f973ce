namespace FunctionalAD.Properties.Tensors;

/// <summary>Each tensor operation on a small case whose value and gradient are worked out by hand here.</summary>
public class TensorOperationExamples
{
    private static readonly Tensor A = Tensor.Matrix(new[,] { { 1.0, 2.0, 3.0 }, { 4.0, 5.0, 6.0 } });

    private static Tensor Value(Expr graph, params (string, Tensor)[] at) => Graph.Evaluate(graph, Bindings.Of(at));

    [Fact]
    public void MatMulOfAMatrixAndAVector()
    {
        var (a, v) = (Expr.Input("A", Shape.Matrix(2, 3)), Expr.Input("v", Shape.Vector(3)));
        var y = Expr.MatMul(a, v);
        Assert.Equal(Shape.Vector(2), y.Shape);
        var at = Bindings.Of(("A", A), ("v", Tensor.Vector(1, 0, -1)));
        Assert.Equal(Tensor.Vector(-2, -2), Graph.Evaluate(y, at));
        // d Σ(Av) / dA = 1·vᵀ, d/dv = Aᵀ·1.
        var g = Reverse.Grad(Expr.Sum(y), at);
        Assert.Equal(Tensor.Matrix(new[,] { { 1.0, 0, -1 }, { 1, 0, -1 } }), g["A"]);
        Assert.Equal(Tensor.Vector(5, 7, 9), g["v"]);
        Assert.Equal(g["A"], Forward.Grad(Expr.Sum(y), at)["A"]);
    }

    [Fact]
    public void MatMulOfTwoMatricesAndItsShapeError()
    {
        var (a, b) = (Expr.Input("A", Shape.Matrix(2, 3)), Expr.Input("B", Shape.Matrix(3, 2)));
        var at = Bindings.Of(("A", A), ("B", Tensor.Matrix(new[,] { { 1.0, 0 }, { 0, 1 }, { 1, 1 } })));
        Assert.Equal(Tensor.Matrix(new[,] { { 4.0, 5 }, { 10, 11 } }), Graph.Evaluate(Expr.MatMul(a, b), at));
        var error = Assert.Throws<ShapeMismatchException>(() => Expr.MatMul(Expr.Input("X", Shape.Matrix(3, 4)), Expr.Input("Y", Shape.Matrix(5, 2))));
        Assert.StartsWith("MatMul: cannot multiply 3×4 by 5×2", error.Message);
    }

    [Fact]
    public void BiasBroadcastsOverRowsAndItsGradientSumsThem()
    {
        var (x, b) = (Expr.Input("X", Shape.Matrix(2, 3)), Expr.Input("b", Shape.Vector(3)));
        var at = Bindings.Of(("X", A), ("b", Tensor.Vector(10, 20, 30)));
        Assert.Equal(Tensor.Matrix(new[,] { { 11.0, 22, 33 }, { 14, 25, 36 } }), Graph.Evaluate(x + b, at));
        Assert.Equal(Tensor.Vector(2, 2, 2), Reverse.Grad(Expr.Sum(x + b), at)["b"]);
        var column = Expr.Input("c", Shape.Matrix(2, 1));
        var withColumn = Bindings.Of(("X", A), ("c", Tensor.Matrix(new[,] { { 1.0 }, { 2.0 } })));
        Assert.Equal(Tensor.Matrix(new[,] { { 1.0, 2, 3 }, { 8, 10, 12 } }), Graph.Evaluate(x * column, withColumn));
        Assert.Equal(Tensor.Matrix(new[,] { { 6.0 }, { 15.0 } }), Reverse.Grad(Expr.Sum(x * column), withColumn)["c"]);
        Assert.Equal(Tensor.Matrix(new[,] { { 2.0, 3, 4 }, { 5, 6, 7 } }), Graph.Evaluate(x + 1.0, at));
        Assert.StartsWith("add: cannot broadcast 2×3 with 2", Assert.Throws<ShapeMismatchException>(() => x + Expr.Input("d", Shape.Vector(2))).Message);
    }

    [Fact]
    public void ReductionsAlongEachAxis()
    {
        var x = Expr.Input("X", Shape.Matrix(2, 3));
        Assert.Equal(Tensor.Scalar(21), Value(Expr.Sum(x), ("X", A)));
        Assert.Equal(Tensor.Vector(5, 7, 9), Value(Expr.Sum(x, 0), ("X", A)));
        Assert.Equal(Tensor.Vector(6, 15), Value(Expr.Sum(x, 1), ("X", A)));
        Assert.Equal(Tensor.Vector(2, 5), Value(Expr.Mean(x, -1), ("X", A)));
        Assert.Equal(Tensor.Scalar(3.5), Value(Expr.Mean(x), ("X", A)));
        Assert.StartsWith("Sum: axis 2 is out of range for shape 2×3", Assert.Throws<ShapeMismatchException>(() => Expr.Sum(x, 2)).Message);
    }

    [Fact]
    public void TransposeReshapeRowsAndConcat()
    {
        var x = Expr.Input("X", Shape.Matrix(2, 3));
        Assert.Equal(Tensor.Matrix(new[,] { { 1.0, 4 }, { 2, 5 }, { 3, 6 } }), Value(Expr.Transpose(x), ("X", A)));
        Assert.Equal(Tensor.Matrix(new[,] { { 1.0, 2 }, { 3, 4 }, { 5, 6 } }), Value(Expr.Reshape(x, Shape.Matrix(3, 2)), ("X", A)));
        Assert.Equal(Tensor.Vector(1, 2, 3, 4, 5, 6), Value(Expr.Reshape(x, Shape.Vector(6)), ("X", A)));
        Assert.Equal(Tensor.Vector(4, 5, 6), Value(Expr.Row(x, 1), ("X", A)));
        Assert.Equal(Tensor.Matrix(new[,] { { 4.0, 5, 6 } }), Value(Expr.Rows(x, 1, 1), ("X", A)));
        Assert.Equal(Tensor.Scalar(5), Value(Expr.Row(Expr.Row(x, 1), 1), ("X", A)));
        Assert.Equal(Tensor.Matrix(new[,] { { 1.0, 2, 3 }, { 4, 5, 6 }, { 1, 2, 3 }, { 4, 5, 6 } }), Value(Expr.Concat(x, x, 0), ("X", A)));
        Assert.Equal(Tensor.Matrix(new[,] { { 1.0, 2, 3, 1, 2, 3 }, { 4, 5, 6, 4, 5, 6 } }), Value(Expr.Concat(x, x, 1), ("X", A)));
        Assert.Equal(Tensor.Matrix(new[,] { { 0.0, 1, 1 }, { 0, 0, 0 } }),
            Reverse.Grad(Expr.Sum(Expr.Rows(Expr.Transpose(x), 1, 2), 0) is var s ? Expr.Row(s, 0) : s, Bindings.Of(("X", A)))["X"]);
        Assert.StartsWith("Reshape: cannot reshape 2×3 to 5", Assert.Throws<ShapeMismatchException>(() => Expr.Reshape(x, Shape.Vector(5))).Message);
        Assert.StartsWith("Row: row 2 is outside 2×3", Assert.Throws<ShapeMismatchException>(() => Expr.Row(x, 2)).Message);
        Assert.StartsWith("Concat: cannot join 2×3 and 3 along axis 0", Assert.Throws<ShapeMismatchException>(() => Expr.Concat(x, Expr.Input("v", Shape.Vector(3)), 0)).Message);
    }

    [Fact]
    public void SoftmaxFamilyAndLosses()
    {
        var x = Expr.Input("X", Shape.Matrix(2, 3));
        var at = Bindings.Of(("X", A));
        var softmax = Graph.Evaluate(Expr.Softmax(x), at);
        // Rows of A are 1,2,3 and 4,5,6: both rows have the same softmax, e^(i-3) / Σ e^(j-3).
        var z = Math.Exp(-2) + Math.Exp(-1) + 1;
        for (var r = 0; r < 2; r++)
        for (var c = 0; c < 3; c++)
            Assert.Equal(Math.Exp(c - 2) / z, softmax[r, c], 15);
        var lse = Graph.Evaluate(Expr.LogSumExp(x, 1), at);
        Assert.Equal(3 + Math.Log(z), lse[0], 14);
        Assert.Equal(6 + Math.Log(z), lse[1], 14);
        var labels = Expr.Constant(Tensor.Vector(2, 0));
        var ce = Graph.Evaluate(Expr.CrossEntropy(x, labels), at).ToScalar();
        Assert.Equal(((3 + Math.Log(z) - 3) + (6 + Math.Log(z) - 4)) / 2, ce, 14);
        var oneHot = Expr.Constant(Tensor.Matrix(new[,] { { 0.0, 0, 1 }, { 1, 0, 0 } }));
        Assert.Equal(ce, Graph.Evaluate(Expr.CrossEntropy(x, oneHot), at).ToScalar(), 14);
        Assert.Equal((1.0 + 4 + 9 + 16 + 25 + 36) / 6, Graph.Evaluate(Expr.MeanSquaredError(x, Expr.Constant(Tensor.Zeros(Shape.Matrix(2, 3)))), at).ToScalar(), 14);
        var bce = Graph.Evaluate(Expr.BinaryCrossEntropyWithLogits(x, Expr.Constant(Tensor.Filled(Shape.Matrix(2, 3), 1))), at).ToScalar();
        Assert.Equal(Enumerable.Range(1, 6).Average(v => Math.Log(1 + Math.Exp(-v))), bce, 14);
        Assert.StartsWith("CrossEntropy: cannot pair logits 2×3 with labels 3",
            Assert.Throws<ShapeMismatchException>(() => Expr.CrossEntropy(x, Expr.Input("y", Shape.Vector(3)))).Message);
        Assert.Contains("row 1", Assert.Throws<ArgumentException>(() => Graph.Evaluate(Expr.CrossEntropy(x, Expr.Constant(Tensor.Vector(0, 3))), at)).Message);
    }

    [Fact]
    public void BindingsAreCheckedAgainstDeclaredShapes()
    {
        var w = Expr.Input("W", Shape.Matrix(3, 4));
        var error = Assert.Throws<ShapeMismatchException>(() => Graph.Evaluate(Expr.Sum(w), Bindings.Of(("W", Tensor.Zeros(Shape.Matrix(4, 3))))));
        Assert.Equal("The input 'W' has shape 3×4, but it is bound to a tensor of shape 4×3.", error.Message);
        Assert.Equal("W", error.Operation);
        Assert.Throws<UnboundInputException>(() => Graph.Evaluate(Expr.Sum(w), Bindings.Empty));
        Assert.Contains("two shapes", Assert.Throws<ShapeMismatchException>(() =>
            Graph.Evaluate(Expr.Sum(w) + Expr.Sum(Expr.Input("W", Shape.Vector(2))), Bindings.Empty)).Message);
    }

    [Fact]
    public void NumbersBindGraphsWithTensorConstants()
    {
        var x = Expr.Input("x");
        var y = Expr.Sum(x * Expr.Constant(Tensor.Vector(1, 2, 3)));
        Assert.Equal(12.0, Graph.Evaluate(y, Bindings.Of(("x", 2.0))).ToScalar());
        Assert.Equal(6.0, Reverse.Grad(y, Bindings.Of(("x", 2.0)))["x"].ToScalar());
        Assert.Equal(6.0, Forward.Grad(y, Bindings.Of(("x", 2.0)))["x"].ToScalar());
        Assert.Equal("sum(x * [1, 2, 3])", y.ToString());
        var vector = Graph.Evaluate(x * Expr.Constant(Tensor.Vector(1, 2)), Bindings.Of(("x", 2.0)));
        Assert.Equal(Tensor.Vector(2, 4), vector);
        Assert.Contains("shape 2", Assert.Throws<InvalidOperationException>(() => (double)vector).Message);
    }
}
