namespace FunctionalAD.Documentation.Tests;

/// <summary>
/// Every C# snippet of docs/tensors.md, run, with the results the document shows asserted.
/// If a snippet changes in the document, change it here too (and the other way round).
/// </summary>
public class TensorDocumentationExamples
{
    private static readonly Tensor M = Tensor.Matrix(new[,] { { 1.0, 2, 3 }, { 4, 5, 6 } });

    // docs/tensors.md, "Shapes and tensor values".
    [Fact]
    public void ShapesAndTensorValues()
    {
        var m = Tensor.Matrix(new[,] { { 1.0, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal("2×3", m.Shape.ToString());
        Assert.Equal(4.0, m[1, 0]);
        Assert.Equal("[[1, 2, 3], [4, 5, 6]]", m.ToString());
        Assert.Equal(new[] { 1.0, 2, 3, 4, 5, 6 }, m.ToArray());
    }

    // docs/tensors.md, "Shapes and tensor values": arithmetic on tensors.
    [Fact]
    public void TensorArithmetic()
    {
        var weights = Tensor.Matrix(new[,] { { 1.0, 2 }, { 3, 4 } });
        var step = Tensor.Matrix(new[,] { { 10.0, 0 }, { -10, 20 } });
        Assert.Equal("[[0, 2], [4, 2]]", (weights - 0.1 * step).ToString());
        Assert.Equal("[[11, 22], [13, 24]]", (weights + Tensor.Vector(10, 20)).ToString());
        Assert.Equal(2.0, weights.Map(Math.Sqrt)[1, 1]);
    }

    // docs/tensors.md, "Shapes and tensor values": shapes and values of any rank, and an operation that refuses them.
    [Fact]
    public void ShapesOfAnyRank()
    {
        var images = Expr.Input("images", Shape.Of(64, 3, 28, 28));
        Assert.Equal("64×3×28×28", images.Shape.ToString());
        Assert.Equal(Shape.Matrix(3, 4), Shape.Of(3, 4));
        var bias = Expr.Input("bias", Shape.Of(3, 1, 1));
        var shifted = Expr.Relu(images + bias);
        Assert.Equal(Shape.Of(64, 3, 28, 28), shifted.Shape);
        var perChannel = Expr.Mean(shifted, 1);
        Assert.Equal(Shape.Of(64, 28, 28), perChannel.Shape);
        var error = Assert.Throws<ShapeMismatchException>(() => Expr.Transpose(images));
        Assert.StartsWith("Transpose: cannot transpose 64×3×28×28: ", error.Message);
        var values = Tensor.Of(new double[2, 3, 4]);
        Assert.Equal(Shape.Of(2, 3, 4), values.Shape);
        Assert.Equal(12.0, Tensor.Create(Shape.Of(2, 3, 4), i => i[0] * 10 + i[1])[1, 0, 3] + 2);
    }

    // docs/tensors.md, "A free batch dimension".
    [Fact]
    public void AFreeBatchDimension()
    {
        var rows = Expr.Input("x", Shape.Of(Shape.Batch, 4));
        Assert.Equal("N×4", rows.Shape.ToString());
        var scores = Expr.Tanh(Expr.MatMul(rows, Expr.Input("W", Shape.Matrix(4, 3))));
        Assert.Equal("N×3", scores.Shape.ToString());
        var small = Bindings.Of(("x", Tensor.Zeros(Shape.Matrix(5, 4))), ("W", Tensor.Filled(Shape.Matrix(4, 3), 0.1)));
        Assert.Equal(Shape.Matrix(5, 3), Graph.Evaluate(scores, small).Shape);
        var compiled = Reverse.Compile(Expr.Sum(Graph.WithBatchSize(scores, 5)));
        Assert.Equal(Shape.Matrix(4, 3), compiled.Invoke(small).Gradient["W"].Shape);
        Assert.Throws<ShapeMismatchException>(() => Expr.MatMul(rows, Expr.Input("V", Shape.Matrix(5, 3))));
    }

    // docs/tensors.md, "Reductions over several axes, variance and layer normalisation".
    [Fact]
    public void ReductionsOverSeveralAxes()
    {
        var activations = Expr.Input("A", Shape.Of(64, 16, 28, 28));
        var perChannel = Expr.Mean(activations, [0, 2, 3], keepDims: true);
        Assert.Equal(Shape.Of(1, 16, 1, 1), perChannel.Shape);
        Assert.Equal(Shape.Of(64, 16, 28, 28), (activations - perChannel).Shape);
        Assert.Equal(Shape.Of(64, 16), Expr.Max(activations, [2, 3]).Shape);
        Assert.Equal(Shape.Of(64, 16, 28, 28), Expr.LayerNorm(activations, normalizedAxes: 3).Shape);
        Assert.Equal(Shape.Of(64, 28, 28, 16), Expr.Permute(activations, [0, 2, 3, 1]).Shape);
        var x = Tensor.Create(Shape.Of(2, 3), i => i[0] * 3 + i[1]);
        Assert.Equal(Tensor.Vector(1, 4), Graph.Evaluate(Expr.Mean(Expr.Input("x", x.Shape), [1]), Bindings.Of(("x", x))));
    }

    // docs/tensors.md, "Convolution and pooling".
    [Fact]
    public void ConvolutionAndPooling()
    {
        var batch = Expr.Input("images", Shape.Of(64, 1, 28, 28));
        var kernels = Expr.Input("K", Shape.Of(16, 1, 3, 3));
        var bias = Expr.Input("b", Shape.Of(16, 1, 1));
        Assert.Equal(Shape.Of(64, 16, 13, 13), Expr.MaxPool2D(Expr.Relu(Expr.Conv2D(batch, kernels) + bias), 2).Shape);
        Assert.Equal(Shape.Of(64, 16, 28, 28), Expr.Conv2D(batch, kernels, padding: 1).Shape);
        var error = Assert.Throws<ShapeMismatchException>(() => Expr.Conv2D(batch, Expr.Input("K2", Shape.Of(16, 3, 3, 3))));
        Assert.Equal("Conv2D: images 64×1×28×28 have 1 channels, 1 per group, but kernels 16×3×3×3 take 3.", error.Message);
    }

    // docs/tensors.md, "Tensor graphs".
    [Fact]
    public void TensorGraphs()
    {
        var m = M;
        var x = Expr.Input("X", Shape.Matrix(2, 3));
        var w = Expr.Input("w", Shape.Vector(3));
        var b = Expr.Input("b");
        Expr y = Expr.MatMul(x, w) + b;
        var at = Bindings.Of(("X", m), ("w", Tensor.Vector(1, 0, -1)), ("b", 0.5));

        Assert.Equal(Shape.Vector(2), y.Shape);
        Assert.Equal("matmul(X, w) + b", y.ToString());
        Assert.Equal(Tensor.Vector(-1.5, -1.5), Graph.Evaluate(y, at));
        Assert.Equal(Tensor.Vector(1, 1), Forward.Jvp(y, at, Bindings.Of(("b", 1.0))).Tangent);

        var loss = Expr.Sum(y * y);
        var g = Reverse.Grad(loss, at);
        Assert.Equal(Tensor.Vector(-15, -21, -27), g["w"]);
        Assert.Equal(Tensor.Scalar(-6), g["b"]);
        Assert.Equal(M.Shape, g["X"].Shape);

        Assert.Equal("MatMul: cannot multiply 3×4 by 5×2: the inner dimensions 4 and 5 differ.",
            Assert.Throws<ShapeMismatchException>(() => Expr.MatMul(Expr.Input("A", Shape.Matrix(3, 4)), Expr.Input("B", Shape.Matrix(5, 2)))).Message);
        Assert.Equal("The input 'w' has shape 3, but it is bound to a tensor of shape 2.",
            Assert.Throws<ShapeMismatchException>(() => Graph.Evaluate(y, at.With("w", Tensor.Vector(1, 2)))).Message);
        Assert.Equal(new[] { "b", "w" }, Reverse.Grad(loss, at, ["w", "b"]).Names);
    }

    // docs/tensors.md, "Elementwise primitives and broadcasting".
    [Fact]
    public void Broadcasting()
    {
        var (m, x) = (M, Expr.Input("X", Shape.Matrix(2, 3)));
        var bias = Expr.Input("c", Shape.Vector(3));
        Assert.Equal(Tensor.Matrix(new[,] { { 11.0, 22, 33 }, { 14, 25, 36 } }),
            Graph.Evaluate(x + bias, Bindings.Of(("X", m), ("c", Tensor.Vector(10, 20, 30)))));
        Assert.Equal(Tensor.Vector(2, 2, 2),
            Reverse.Grad(Expr.Sum(x + bias), Bindings.Of(("X", m), ("c", Tensor.Vector(10, 20, 30))))["c"]);

        // The table: shapes of each broadcast, and the error.
        Assert.Equal(Shape.Matrix(2, 3), (x + 1.0).Shape);
        Assert.Equal(Shape.Matrix(2, 3), (x + Expr.Input("k", Shape.Matrix(2, 1))).Shape);
        Assert.Equal(Shape.Matrix(2, 3), (Expr.Input("v", Shape.Vector(3)) + Expr.Input("k", Shape.Matrix(2, 1))).Shape);
        Assert.StartsWith("add: cannot broadcast 2×3 with 2", Assert.Throws<ShapeMismatchException>(() => x + Expr.Input("d", Shape.Vector(2))).Message);
    }

    // docs/tensors.md, "Numerically stable forms".
    [Fact]
    public void StableForms()
    {
        var logits = Expr.Input("Z", Shape.Matrix(1, 3));
        var big = Bindings.Of(("Z", Tensor.Matrix(new[,] { { 1000.0, 0, -1000 } })));
        Assert.Equal(Tensor.Scalar(1000), Graph.Evaluate(Expr.LogSumExp(logits), big));
        Assert.Equal(Tensor.Matrix(new[,] { { 1.0, 0, 0 } }), Graph.Evaluate(Expr.Softmax(logits), big));
        Assert.Equal(Tensor.Scalar(2000), Graph.Evaluate(Expr.CrossEntropy(logits, Expr.Constant(Tensor.Vector(2))), big));
    }

    // docs/tensors.md, "Training": the snippet compiles and one step lowers the loss.
    [Fact]
    public void TrainingSnippet()
    {
        const int rows = 4;
        var (X, labels) = (Expr.Input("X", Shape.Matrix(rows, 2)), Expr.Input("y", Shape.Vector(rows)));
        var (weights, bias) = (Expr.Input("w", Shape.Vector(2)), Expr.Input("b"));
        var logits = Expr.MatMul(X, weights) + bias;
        var loss = Expr.BinaryCrossEntropyWithLogits(logits, labels);

        var at = Bindings.Of(
            ("X", Tensor.Matrix(new[,] { { 1.0, 0 }, { 0, 1 }, { -1, 0 }, { 0, -1 } })), ("y", Tensor.Vector(1, 1, 0, 0)),
            ("w", Tensor.Vector(0, 0)), ("b", 0.0));
        var (value, gradient) = Reverse.ValueAndGrad(loss, at, ["w", "b"]);
        var step = at.With("w", Tensor.Vector(-gradient["w"][0], -gradient["w"][1])).With("b", -gradient["b"].ToScalar());
        Assert.Equal(Math.Log(2), value, 15);
        Assert.True(Graph.Evaluate(loss, step).ToScalar() < value);
    }

    // docs/tensors.md, "Compiling a tensor graph": the training section's model, compiled.
    [Fact]
    public void CompilingATensorGraph()
    {
        const int rows = 4;
        var (X, labels) = (Expr.Input("X", Shape.Matrix(rows, 2)), Expr.Input("y", Shape.Vector(rows)));
        var (weights, bias) = (Expr.Input("w", Shape.Vector(2)), Expr.Input("b"));
        var loss = Expr.BinaryCrossEntropyWithLogits(Expr.MatMul(X, weights) + bias, labels);
        var at = Bindings.Of(
            ("X", Tensor.Matrix(new[,] { { 1.0, 2 }, { 2, 1 }, { -1, -2 }, { -2, -1 } })),
            ("y", Tensor.Vector(1, 1, 0, 0)),
            ("w", Tensor.Vector(0, 0)),
            ("b", 0.0));

        var compiled = Reverse.Compile(loss);
        Assert.Same(compiled, Reverse.Compile(loss));
        var (value, gradient) = compiled.Invoke(at);
        Assert.Equal(Reverse.ValueAndGrad(loss, at).Value, value);
        Assert.Equal(Reverse.ValueAndGrad(loss, at).Gradient, gradient);
        Assert.Equal(Tensor.Vector(-0.75, -0.75), gradient["w"]);
        Assert.Equal(new[] { "X", "b", "w", "y" }, gradient.Names.ToArray());
        var tangent = Forward.Compile(loss).Invoke(at, Bindings.Of(("b", 1.0))).Tangent;
        Assert.Equal(Forward.Jvp(loss, at, Bindings.Of(("b", 1.0))).Tangent, tangent);
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(tangent.ToScalar())); // +0: the mean of ±0.5

        var step = Reverse.Compile(loss, ["w", "b"]);
        var overParameters = step.Invoke(at);
        Assert.Equal(new[] { "b", "w" }, overParameters.Gradient.Names.ToArray());
        Assert.Equal(new[] { "b", "w" }, step.WithRespectTo.ToArray());
        var interpreted = Reverse.ValueAndGrad(loss, at, ["w", "b"]);
        Assert.Equal(interpreted.Value, overParameters.Value);
        Assert.Equal(interpreted.Gradient, overParameters.Gradient);
    }

    // docs/tensors.md, "Speed and the linear-algebra backend": the snippet runs, and says what the products run on.
    [Fact]
    public void LinearAlgebraBackendSnippet()
    {
        var output = new StringWriter();
        output.WriteLine($"Linear algebra: {LinearAlgebra.Backend}");
        bool native = LinearAlgebra.IsNative;
        Assert.Matches(native ? @"^Linear algebra: native BLAS \(.+\)" : @"^Linear algebra: managed \(System\.Numerics\.Tensors SIMD kernels\)", output.ToString());
        Assert.Equal("FUNCTIONALAD_BLAS", LinearAlgebra.EnvironmentVariable);
    }

    // docs/tensors.md, "Gradient graphs, Hessians and Jacobians".
    [Fact]
    public void SecondOrderSnippet()
    {
        var (A, W) = (Expr.Input("A", Shape.Matrix(2, 2)), Expr.Input("W", Shape.Matrix(2, 2)));
        var Y = Expr.MatMul(A, W);
        var cost = 0.5 * Expr.Sum(Y * Y);
        var point = Bindings.Of(
            ("A", Tensor.Matrix(new[,] { { 1.0, 2 }, { 0, 1 } })),
            ("W", Tensor.Matrix(new[,] { { 1.0, 0 }, { 0, 1 } })));

        var grad = Reverse.GradGraph(cost);
        Assert.Equal(Shape.Matrix(2, 2), grad["W"].Shape);
        Assert.Equal(Tensor.Matrix(new[,] { { 1.0, 2 }, { 2, 5 } }), grad.Evaluate(point).Gradient["W"]);
        var hessian = grad.Hessian(point, ["W"]);
        Assert.Equal(new[,] { { 1.0, 0, 2, 0 }, { 0, 1, 0, 2 }, { 2, 0, 5, 0 }, { 0, 2, 0, 5 } }, hessian.ToArray());
        var hv = grad.HessianVectorProduct(point, Bindings.Of(("W", Tensor.Matrix(new[,] { { 1.0, 0 }, { 0, 0 } }))));
        Assert.Equal(Tensor.Matrix(new[,] { { 1.0, 0 }, { 2, 0 } }), hv["W"]);
        Assert.Equal(hessian, Transform.Hessian(cost, point, ["W"]));
        var jacobian = Transform.Jacobian(Y, point);
        Assert.Equal((4, 8), (jacobian.RowCount, jacobian.ColumnCount));
        // ∂Y₀₀/∂A₀₁ = W₁₀ = 0 and ∂Y₀₀/∂W₁₀ = A₀₁ = 2: A's four elements come first, then W's.
        Assert.Equal((0.0, 2.0), (jacobian[0, 1], jacobian[0, 6]));
    }
}
