namespace FunctionalAD.Properties.Tensors;

/// <summary>Training with nothing but core graph operations and <see cref="Reverse.Grad(Expr, Bindings)"/>.</summary>
public class LogisticRegressionTests
{
    /// <summary>
    /// 200 points in the plane, labelled by which side of the line 1.5·x₀ − x₁ + 0.5 = 0 they fall (points closer
    /// than 0.1 to it are left out, so the classes are separated by a margin). Plain gradient descent on the mean
    /// binary cross-entropy of σ(X w + b) reaches more than 95 % training accuracy.
    /// </summary>
    [Fact]
    public void GradientDescentSeparatesALinearlySeparableDataSet()
    {
        var random = new Random(7);
        var points = new List<(double X0, double X1, double Label)>();
        while (points.Count < 200)
        {
            double x0 = 4 * random.NextDouble() - 2, x1 = 4 * random.NextDouble() - 2;
            var side = 1.5 * x0 - x1 + 0.5;
            if (Math.Abs(side) / Math.Sqrt(1.5 * 1.5 + 1) >= 0.1) points.Add((x0, x1, side > 0 ? 1 : 0));
        }
        var data = Tensor.Create(Shape.Matrix(points.Count, 2), (i, j) => j == 0 ? points[i].X0 : points[i].X1);
        var labels = Tensor.Create(Shape.Vector(points.Count), (_, j) => points[j].Label);

        var (x, y) = (Expr.Input("X", data.Shape), Expr.Input("y", labels.Shape));
        var (w, b) = (Expr.Input("w", Shape.Vector(2)), Expr.Input("b"));
        var logits = Expr.MatMul(x, w) + b;                      // one logit per row; b broadcasts
        var loss = Expr.BinaryCrossEntropyWithLogits(logits, y);

        var parameters = Bindings.Of(("w", Tensor.Zeros(Shape.Vector(2))), ("b", 0.0));
        var firstLoss = double.NaN;
        for (var step = 0; step < 300; step++)
        {
            var at = Bindings.Of(("X", data), ("y", labels), ("w", parameters["w"]), ("b", parameters["b"]));
            var (value, gradient) = Reverse.ValueAndGrad(loss, at, ["w", "b"]);
            if (step == 0) firstLoss = value;
            parameters = Bindings.Of(
                ("w", Tensor.Vector(parameters["w"][0] - 1.0 * gradient["w"][0], parameters["w"][1] - 1.0 * gradient["w"][1])),
                ("b", parameters["b"].ToScalar() - 1.0 * gradient["b"].ToScalar()));
        }

        var final = Graph.Evaluate(logits, Bindings.Of(("X", data), ("w", parameters["w"]), ("b", parameters["b"])));
        var correct = Enumerable.Range(0, points.Count).Count(i => (final[i] > 0 ? 1 : 0) == points[i].Label);
        Assert.Equal(Math.Log(2), firstLoss, 12); // σ(0) = ½ for every point at the start
        Assert.True(correct > 0.95 * points.Count, $"training accuracy {correct}/{points.Count}");
        Assert.True(Graph.Evaluate(loss, Bindings.Of(("X", data), ("y", labels), ("w", parameters["w"]), ("b", parameters["b"]))).ToScalar() < 0.2);
    }
}
