namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Examples of gradient graphs of tensor graphs: the graph of a bias's gradient is a SumTo, the arithmetic is the
/// interpreted one bit for bit where both do the same operations, scalar bindings work where every input is a
/// scalar, and bad input is named.
/// </summary>
public class TensorGradientGraphTests
{
    private static readonly Expr X = Expr.Input("X", Shape.Matrix(3, 2)), W = Expr.Input("W", Shape.Matrix(2, 2)), B = Expr.Input("b", Shape.Vector(2));

    private static readonly Bindings At = Bindings.Of(
        ("X", Tensor.Matrix(new[,] { { 0.1, -0.7 }, { 1.3, 0.25 }, { -2.2, 0.9 } })),
        ("W", Tensor.Matrix(new[,] { { 0.3, -1.1 }, { 0.7, 0.45 } })),
        ("b", Tensor.Vector(0.2, -0.35)));

    [Fact]
    public void ABiasGradientIsTheColumnSumsOfTheCotangent()
    {
        var g = Reverse.GradGraph(Expr.Sum(Expr.Tanh(Expr.MatMul(X, W) + B)));
        Assert.Equal(Shape.Vector(2), g["b"].Shape);
        Assert.Equal("sumto(1 - tanh(matmul(X, W) + b) * tanh(matmul(X, W) + b), shape: 2)", g["b"].ToString());
        Assert.Equal(Shape.Matrix(2, 2), g["W"].Shape);
        Assert.Contains("matmul(transpose(X), ", g["W"].ToString());
        // Every distinct node of the value and the partials, operations and their arguments included.
        var distinct = g.Outputs.SelectMany(o => Graph.Nodes(o)).Distinct(ReferenceEqualityComparer.Instance).Count();
        Assert.Equal(distinct, g.NodeCount);
        Assert.True(g.NodeCount > Graph.NodeCount(g.Value));
    }

    [Fact]
    public void WhereTheArithmeticIsTheSameTheGradientGraphIsReverseGradBitForBit()
    {
        // Products, sums, broadcasting and their reductions, a transpose, a slice and a concatenation: the gradient
        // graph does the same roundings as the pullbacks, in the same order.
        var c = Expr.Constant(Tensor.Matrix(new[,] { { 1.5, -2 }, { 0.25, 3 }, { -1, 0.5 } }));
        var h = X * Expr.Row(W, 1) + B;
        var loss = Expr.Sum(Expr.Concat(h * c, Expr.Rows(Expr.Transpose(W), 0, 1) * 2.0, 0));
        var evaluated = Reverse.GradGraph(loss).Evaluate(At);
        var expected = Reverse.ValueAndGrad(loss, At);
        Assert.Equal(expected.Value, evaluated.Value);
        Assert.Equal(expected.Gradient, evaluated.Gradient); // bitwise equality of every tensor
    }

    [Fact]
    public void ATensorInputThatSimplifyingRemovesHasAZeroPartialOfItsShape()
    {
        var g = Reverse.GradGraph(Expr.Sum(0.0 * X) + Expr.Sum(B));
        Assert.Equal("sum(b)", g.Value.ToString());
        Assert.Equal(new[] { "X", "b" }, g.Inputs);
        Assert.Equal(Tensor.Zeros(Shape.Matrix(3, 2)), g.Evaluate(At).Gradient["X"]);
        Assert.Equal(Reverse.Grad(Expr.Sum(0.0 * X) + Expr.Sum(B), At), g.Evaluate(At).Gradient);
        Assert.Equal(0.0, g.Hessian(At).Enumerate().Sum(Math.Abs));
        var none = Reverse.GradGraph(Expr.Sum(0.0 * X));
        Assert.Equal(Tensor.Zeros(Shape.Matrix(3, 2)), none.Evaluate(At).Gradient["X"]);
        Assert.Equal(6, none.Hessian(At).RowCount);
    }

    [Fact]
    public void NumbersBindAGradientGraphWhoseInputsAreScalars()
    {
        var (x, y) = (Expr.Input("x"), Expr.Input("y"));
        var v = Expr.Constant(Tensor.Vector(1, 2, 3));
        var g = Reverse.GradGraph(Expr.Sum(v * x * x * y));
        var at = Bindings.Of(("x", 2.0), ("y", 3.0));
        var (value, gradient) = g.Evaluate(at);
        Assert.Equal(6 * 4 * 3, value);
        Assert.Equal((6 * 2 * 2 * 3.0, 6 * 4.0), (gradient.Scalar("x"), gradient.Scalar("y")));
        var hessian = g.Hessian(at);
        Assert.Equal((36.0, 24.0, 0.0), (hessian[0, 0], hessian[0, 1], hessian[1, 1]));
        Assert.Equal(36 + 24.0, g.HessianVectorProduct(at, Bindings.Of(("x", 1.0), ("y", 1.0)))["x"].ToScalar());

        var matrix = Reverse.GradGraph(Expr.Sum(B * B));
        Assert.Equal("The input 'b' has shape 2, but it is bound to a tensor of shape scalar.",
            Assert.Throws<ShapeMismatchException>(() => matrix.Hessian(Bindings.Of(("b", 1.0)))).Message);
    }

    [Fact]
    public void BadInputIsNamed()
    {
        Assert.Equal("Reverse.GradGraph needs a graph with a scalar output, but this one has shape 3×2; use Jvp or Vjp for tensor outputs.",
            Assert.Throws<InvalidOperationException>(() => Reverse.GradGraph(X * 2.0)).Message);
        var g = Reverse.GradGraph(Expr.Sum(Expr.MatMul(X, W)));
        Assert.StartsWith("The Hessian is asked for 'V', but the graph has no such input; its inputs are: ",
            Assert.Throws<ArgumentException>(() => g.Hessian(At, ["V"])).Message);
        Assert.StartsWith("The Hessian is asked for 'W' twice.", Assert.Throws<ArgumentException>(() => g.Hessian(At, ["W", "W"])).Message);
        Assert.StartsWith("The direction gives a tangent for 'V', but the graph has no such input",
            Assert.Throws<ArgumentException>(() => g.HessianVectorProduct(At, Bindings.Of(("V", 1.0)))).Message);
        Assert.Equal("The input 'W' has shape 2×2, but its tangent has shape 2.",
            Assert.Throws<ShapeMismatchException>(() => g.HessianVectorProduct(At, Bindings.Of(("W", Tensor.Vector(1, 2))))).Message);
        Assert.Throws<UnboundInputException>(() => g.Hessian(Bindings.Of(("X", At["X"]))));
        Assert.Throws<ArgumentOutOfRangeException>(() => Transform.Jacobian(X * 2.0, At, (JacobianMode)7));
        Assert.Throws<ArgumentNullException>(() => Transform.Jacobian(null!, At));
        Assert.Throws<ArgumentNullException>(() => g.Hessian(At, null!));
        Assert.Equal("OneHot: the label 2.5 of row 1 is not a class index in 0 … 2.",
            Assert.Throws<ArgumentException>(() => Graph.Evaluate(Expr.OneHot(Expr.Constant(Tensor.Vector(0, 2.5)), 3), Bindings.Empty)).Message);
        Assert.Equal("SumTo: cannot sum 3×2 to 3: 3 does not broadcast to 3×2.",
            Assert.Throws<ShapeMismatchException>(() => Expr.SumTo(X, Shape.Vector(3))).Message);
        Assert.Equal("BroadcastTo: cannot broadcast 3×2 to 2×2.", Assert.Throws<ShapeMismatchException>(() => Expr.BroadcastTo(X, Shape.Matrix(2, 2))).Message);
    }

    [Fact]
    public void AConstantRearrangedIsFoldedSoTheGradientOfDataTimesWeightsDoesNotTransposeTheDataEachTime()
    {
        var data = Tensor.Create(Shape.Matrix(4, 3), (i, j) => i - j);
        var w = Expr.Input("w", Shape.Vector(3));
        var gradient = Reverse.GradGraph(Expr.Sum(Expr.Tanh(Expr.MatMul(Expr.Constant(data), w))))["w"];
        Assert.DoesNotContain("transpose", gradient.ToString(), StringComparison.Ordinal);
        var at = Bindings.Of(("w", Tensor.Vector(0.1, -0.2, 0.3)));
        var expected = Reverse.Grad(Expr.Sum(Expr.Tanh(Expr.MatMul(Expr.Constant(data), w))), at)["w"].ToArray();
        Assert.All(expected.Zip(Graph.Evaluate(gradient, at).ToArray()), p => Assert.Equal(p.First, p.Second, 1e-14 * (1 + Math.Abs(p.First))));
        Assert.Equal(Graph.Evaluate(Expr.Transpose(Expr.Constant(data)), Bindings.Empty), Graph.Evaluate(Graph.Simplify(Expr.Transpose(Expr.Constant(data))), Bindings.Empty));
        Assert.IsType<ConstantNode>(Graph.Simplify(Expr.Permute(Expr.Constant(Tensor.Zeros(Shape.Of(2, 3, 4)) + 1), [2, 0, 1])), exactMatch: false);
    }
}
