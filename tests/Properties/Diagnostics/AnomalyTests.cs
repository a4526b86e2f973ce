using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Diagnostics;

/// <summary>
/// Anomaly detection finds the first node whose rule turned finite numbers into NaN or an infinity — a value,
/// a tangent, or a cotangent sent back by a pullback — names it by its printed form and its mode, and finds
/// nothing where there is nothing to find.
/// </summary>
public class AnomalyTests
{
    private static readonly Expr X = Expr.Input("x"), W = Expr.Input("w"), B = Expr.Input("b"), Z = Expr.Input("z");

    private static readonly DifferentiationMode[] Modes = [DifferentiationMode.Forward, DifferentiationMode.Reverse];

    [Fact]
    public void AFiniteComputationHasNoAnomalyAndCheckedGradIsTheGradient()
    {
        var y = W * Expr.Log(X) + B;
        var at = Bindings.Of(("x", 2.0), ("w", 3.0), ("b", 1.0));
        Assert.Null(Anomalies.Find(y, at, DifferentiationMode.Forward));
        Assert.Null(Anomalies.Find(y, at, DifferentiationMode.Reverse));
        Assert.Equal(Reverse.Grad(y, at), Anomalies.CheckedGrad(y, at));
        Assert.Equal(Forward.Grad(y, at), Anomalies.CheckedGrad(y, at, DifferentiationMode.Forward));
    }

    [Fact]
    public void LogOfZeroIsAValueAnomalyAtTheLogInBothModes()
    {
        var y = W * Expr.Log(X) + B;
        var at = Bindings.Of(("x", 0.0), ("w", 3.0), ("b", 1.0));
        foreach (var mode in Modes)
        {
            var anomaly = Anomalies.Find(y, at, mode)!;
            Assert.NotNull(anomaly);
            Assert.Equal(mode, anomaly.Mode);
            Assert.Equal(AnomalyQuantity.Value, anomaly.Quantity);
            Assert.Equal("log(x)", anomaly.Printed);
            Assert.Equal(Expr.Log(X), anomaly.Node);
            Assert.Equal(double.NegativeInfinity, anomaly.Number);
            Assert.Equal(new[] { 0.0 }, anomaly.Arguments.ToArray());
            Assert.Same(Graph.Nodes(y)[anomaly.Position], anomaly.Node);
            Assert.Equal($"{mode.ToString().ToLowerInvariant()} mode: the value of log(x) is −∞ (arguments: 0)", anomaly.ToString());
        }
    }

    [Fact]
    public void SqrtAtZeroIsACotangentAnomalyInReverseModeAndATangentAnomalyInForwardMode()
    {
        var y = 3.0 * Expr.Sqrt(X) + 1.0;
        var at = Bindings.Of(("x", 0.0));
        Assert.Equal(1.0, Graph.Evaluate(y, at).ToScalar()); // every value is finite

        var reverse = Anomalies.Find(y, at)!;
        Assert.Equal((DifferentiationMode.Reverse, AnomalyQuantity.Cotangent, "sqrt(x)", 0), (reverse.Mode, reverse.Quantity, reverse.Printed, reverse.Argument));
        Assert.Equal(double.PositiveInfinity, reverse.Number);
        Assert.Equal("reverse mode: the pullback of sqrt(x) sent +∞ to its argument 0 (arguments: 0)", reverse.ToString());

        var forward = Anomalies.Find(y, at, DifferentiationMode.Forward)!;
        Assert.Equal((DifferentiationMode.Forward, AnomalyQuantity.Tangent, "sqrt(x)", "x"), (forward.Mode, forward.Quantity, forward.Printed, forward.Direction));
        Assert.Equal("forward mode: the tangent of sqrt(x) along x is +∞ (arguments: 0)", forward.ToString());

        var e = Assert.Throws<AnomalyException>(() => Anomalies.CheckedGrad(y, at));
        Assert.Same(e.Anomaly.Node, reverse.Node);
        Assert.Contains("sqrt(x)", e.Message);
        Assert.Contains("reverse mode", e.Message);
    }

    [Fact]
    public void TheTwoModesCanFindTheOverflowAtDifferentNodes()
    {
        // y = 1e200·(1e200·x) at x = 1e-300: every value is finite (1e-100, 1e100). Forward mode's tangent
        // overflows at the outer product (1e200·1e200); reverse mode's cotangent overflows where the inner
        // product's pullback sends 1e200·1e200 to x.
        var inner = 1e200 * X;
        var y = 1e200 * inner;
        var at = Bindings.Of(("x", 1e-300));
        Assert.Equal(1e100, Graph.Evaluate(y, at), 1e86);

        var forward = Anomalies.Find(y, at, DifferentiationMode.Forward)!;
        Assert.Same(y, forward.Node);
        Assert.Equal(AnomalyQuantity.Tangent, forward.Quantity);

        var reverse = Anomalies.Find(y, at)!;
        Assert.Same(inner, reverse.Node);
        Assert.Equal((AnomalyQuantity.Cotangent, 1, double.PositiveInfinity), (reverse.Quantity, reverse.Argument, reverse.Number));
        Assert.Equal("1E+200 * x", reverse.Printed);
    }

    [Fact]
    public void AnOverflowingSumIsFoundAtTheSum()
    {
        var e = Expr.Exp(X);
        var y = e + e;
        var anomaly = Anomalies.Find(y, Bindings.Of(("x", 709.5)))!; // e^709.5 ≈ 1.3e308 is finite; twice it is not
        Assert.Same(y, anomaly.Node);
        Assert.Equal("exp(x) + exp(x)", anomaly.Printed);
        Assert.Equal(2, anomaly.Arguments.Length);
        Assert.All(anomaly.Arguments, a => Assert.True(double.IsFinite(a)));
    }

    [Fact]
    public void AnInputBoundToNaNIsReportedAsTheInput()
    {
        var anomaly = Anomalies.Find(W * X, Bindings.Of(("x", double.NaN), ("w", 1.0)), DifferentiationMode.Forward)!;
        Assert.Equal((AnomalyQuantity.Value, "x"), (anomaly.Quantity, anomaly.Printed));
        Assert.Empty(anomaly.Arguments);
        Assert.Equal("forward mode: the input x is NaN", anomaly.ToString());
    }

    [Fact]
    public void ATangentAnomalyNamesTheDirectionThatMadeIt()
    {
        var y = X + Expr.Sqrt(Z);
        var anomaly = Anomalies.Find(y, Bindings.Of(("x", 1.0), ("z", 0.0)), DifferentiationMode.Forward)!;
        Assert.Equal(("sqrt(z)", "z"), (anomaly.Printed, anomaly.Direction));
    }

    [Fact]
    public void AStrongZeroMakesNoAnomalyInReverseModeButForwardModeMadeTheInfinityFirst()
    {
        // 0·√x at 0: reverse mode sends cotangent 0 to √x, whose pullback is then never asked, so no ∞ is made.
        // Forward mode makes √x's tangent +∞ before the product's zero partial cancels it: detection reports
        // it, although the gradient (0) is finite — an ∞ that was made is an anomaly, wherever it ends.
        var y = 0.0 * Expr.Sqrt(X);
        var at = Bindings.Of(("x", 0.0));
        Assert.Null(Anomalies.Find(y, at, DifferentiationMode.Reverse));
        Assert.Equal("sqrt(x)", Anomalies.Find(y, at, DifferentiationMode.Forward)!.Printed);
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(Forward.Grad(y, at)["x"]));
    }

    [Fact]
    public void BadArgumentsFailClearly()
    {
        Assert.Throws<ArgumentNullException>(() => Anomalies.Find(null!, Bindings.Empty));
        Assert.Throws<UnboundInputException>(() => Anomalies.Find(X, Bindings.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => Anomalies.Find(X, Bindings.Of(("x", 1.0)), (DifferentiationMode)7));
    }

    /// <summary>
    /// Over random graphs at points stretched far outside their domains: whenever the value or a partial that a
    /// mode computes is NaN or infinite, that mode's detection reports an anomaly; when it reports none, every
    /// number is finite and the checked gradient has the mode's bits.
    /// </summary>
    [Fact]
    public void DetectionMissesNoNonFiniteResult() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), Numbers.Coefficient(), (c, stretch) =>
        {
            var at = Bindings.From(c.Point.Select(p => KeyValuePair.Create(p.Key, p.Value * Math.Pow(10, Math.Abs(stretch) * 100))));
            foreach (var mode in Modes)
            {
                var gradient = mode == DifferentiationMode.Forward ? Forward.Grad(c.Graph, at) : Reverse.Grad(c.Graph, at);
                var finite = double.IsFinite(Graph.Evaluate(c.Graph, at)) && gradient.Numbers().All(double.IsFinite);
                var anomaly = Anomalies.Find(c.Graph, at, mode);
                Require(finite || anomaly is not null, () => $"{mode}: a non-finite result at {at}, but no anomaly found");
                if (anomaly is null) Require(Anomalies.CheckedGrad(c.Graph, at, mode).Equals(gradient), () => $"{mode}: the checked gradient differs");
                else Require(!double.IsFinite(anomaly.Number) && anomaly.Mode == mode, () => $"{mode}: reported {anomaly}");
            }
        }), Cases.Count(500));
}
