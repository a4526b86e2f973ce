using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Finite differences and anomaly detection on tensor graphs: <see cref="Graph.CentralDifferences(Expr, Bindings)"/>
/// agrees with the reverse gradient over random tensor graphs; <see cref="Anomalies.Find(Expr, Bindings, DifferentiationMode)"/>
/// finds nothing in them and <see cref="Anomalies.CheckedGrad(Expr, Bindings, DifferentiationMode)"/> is the gradient bit
/// for bit; a NaN or an infinity is reported at the node and element that made it, in both modes.
/// </summary>
public class TensorDiagnosticsProperties
{
    private static readonly DifferentiationMode[] Modes = [DifferentiationMode.Forward, DifferentiationMode.Reverse];

    [Fact]
    public void CentralDifferencesAgreeWithTheReverseGradient() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), c =>
        {
            var loss = TensorGradientGraphProperties.Loss(c.Graph);
            var estimate = Graph.CentralDifferences(loss, c.Point);
            var gradient = Reverse.Grad(loss, c.Point);
            var value = Math.Abs(Graph.Evaluate(loss, c.Point).ToScalar());
            var tolerance = GradientChecks.FiniteDifferenceTolerance * (1 + 1.5 * c.Graph.Shape.Count * c.Sensitivity + value);
            GradientChecks.Require(estimate.Names.SequenceEqual(gradient.Names), () => $"names {estimate} for {c}");
            foreach (var name in gradient.Names)
                TensorGradientGraphProperties.CloseTensors(estimate[name], gradient[name], tolerance, $"central difference in {name} of {c}");
        }), Cases.Count(500));

    [Fact]
    public void ARandomTensorGraphHasNoAnomalyAndCheckedGradIsTheGradient() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), c =>
        {
            foreach (var mode in Modes)
                GradientChecks.Require(Anomalies.Find(c.Graph, c.Point, mode) is null, () => $"{Anomalies.Find(c.Graph, c.Point, mode)} in {c}");
            var loss = TensorGradientGraphProperties.Loss(c.Graph);
            GradientChecks.Require(Anomalies.CheckedGrad(loss, c.Point).Equals(Reverse.Grad(loss, c.Point)), () => $"reverse CheckedGrad of {c}");
            GradientChecks.Require(Anomalies.CheckedGrad(loss, c.Point, DifferentiationMode.Forward).Equals(Forward.Grad(loss, c.Point)),
                () => $"forward CheckedGrad of {c}");
        }), Cases.Count(300));

    [Fact]
    public void TheCentralDifferencesOfASumOfSquaresAreTwiceTheElements()
    {
        var x = Expr.Input("x", Shape.Matrix(2, 2));
        var estimate = Graph.CentralDifferences(Expr.Sum(x * x), Bindings.Of(("x", Tensor.Matrix(new[,] { { 1.0, -2 }, { 3, 0.5 } }))))["x"];
        Assert.Equal(Shape.Matrix(2, 2), estimate.Shape);
        var expected = new[] { 2.0, -4, 6, 1 };
        for (var k = 0; k < 4; k++) Assert.Equal(expected[k], estimate.ToArray()[k], 1e-8);
        Assert.Throws<InvalidOperationException>(() => Graph.CentralDifferences(x * x, Bindings.Of(("x", Tensor.Filled(Shape.Matrix(2, 2), 1)))));
    }

    [Fact]
    public void LogOfAZeroElementIsAValueAnomalyAtThatElement()
    {
        var (x, w) = (Expr.Input("x", Shape.Vector(3)), Expr.Input("w", Shape.Vector(3)));
        var y = Expr.Dot(w, Expr.Log(x));
        var at = Bindings.Of(("x", Tensor.Vector(1, 0, 2)), ("w", Tensor.Vector(1, 1, 1)));
        foreach (var mode in Modes)
        {
            var anomaly = Anomalies.Find(y, at, mode)!;
            Assert.NotNull(anomaly);
            Assert.Equal((mode, AnomalyQuantity.Value, "log(x)", 1), (anomaly.Mode, anomaly.Quantity, anomaly.Printed, anomaly.Element));
            Assert.Equal(double.NegativeInfinity, anomaly.Number);
            Assert.Equal(new[] { 0.0 }, anomaly.Arguments.ToArray());
            Assert.Same(Graph.Nodes(y)[anomaly.Position], anomaly.Node);
            Assert.Equal($"{mode.ToString().ToLowerInvariant()} mode: the value of log(x) is −∞ at element 1 (arguments: 0)", anomaly.ToString());
            Assert.Throws<AnomalyException>(() => Anomalies.CheckedGrad(y, at, mode));
        }
    }

    [Fact]
    public void SqrtOfAZeroElementIsACotangentAnomalyInReverseModeAndATangentAnomalyInForwardMode()
    {
        var x = Expr.Input("x", Shape.Matrix(2, 2));
        var y = Expr.Sum(3.0 * Expr.Sqrt(x));
        var at = Bindings.Of(("x", Tensor.Matrix(new[,] { { 1.0, 4 }, { 0, 9 } })));
        Assert.Equal(18.0, Graph.Evaluate(y, at).ToScalar()); // every value is finite

        var reverse = Anomalies.Find(y, at)!;
        Assert.Equal((AnomalyQuantity.Cotangent, "sqrt(x)", 0, 2), (reverse.Quantity, reverse.Printed, reverse.Argument, reverse.Element));
        Assert.Equal(double.PositiveInfinity, reverse.Number);
        Assert.Equal(new[] { 0.0 }, reverse.Arguments.ToArray());

        var forward = Anomalies.Find(y, at, DifferentiationMode.Forward)!;
        Assert.Equal((AnomalyQuantity.Tangent, "sqrt(x)", "x[2]", 2), (forward.Quantity, forward.Printed, forward.Direction, forward.Element));
        Assert.Equal("forward mode: the tangent of sqrt(x) along x[2] is +∞ at element 2 (arguments: 0)", forward.ToString());
    }

    [Fact]
    public void AnOverflowingProductIsAValueAnomalyAtTheOperation()
    {
        var (a, b) = (Expr.Input("A", Shape.Matrix(1, 2)), Expr.Input("B", Shape.Matrix(2, 1)));
        var y = Expr.Sum(Expr.MatMul(a, b));
        var at = Bindings.Of(("A", Tensor.Matrix(new[,] { { 1e300, 1e300 } })), ("B", Tensor.Matrix(new[,] { { 1e300 }, { 1.0 } })));
        var anomaly = Anomalies.Find(y, at)!;
        Assert.Equal((AnomalyQuantity.Value, "matmul(A, B)", 0), (anomaly.Quantity, anomaly.Printed, anomaly.Element));
        Assert.Empty(anomaly.Arguments);
    }

    [Fact]
    public void ScalarBindingsOnAGraphWithTensorConstantsAreChecked()
    {
        var x = Expr.Input("x");
        var y = Expr.Sum(Expr.Constant(Tensor.Vector(1, 2)) * Expr.Log(x));
        var anomaly = Anomalies.Find(y, Bindings.Of(("x", 0.0)))!;
        Assert.Equal((AnomalyQuantity.Value, "log(x)"), (anomaly.Quantity, anomaly.Printed));
        Assert.Null(anomaly.Element);
        Assert.Equal(Reverse.Grad(y, Bindings.Of(("x", 2.0)))["x"], Graph.CentralDifferences(y, Bindings.Of(("x", 2.0)))["x"], 1e-8);
    }
}
