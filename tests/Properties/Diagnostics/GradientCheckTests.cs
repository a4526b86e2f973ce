using System.Numerics;
using FunctionalAD.Properties.Support;
using FunctionalAD.Properties.Transformations;

namespace FunctionalAD.Properties.Diagnostics;

/// <summary>
/// The user-facing <see cref="GradientCheck"/>: it passes what is right (graphs with scalar and tensor inputs and
/// outputs, functions written once, lambdas over each number type), and names what is wrong — the comparison, the input
/// element, the output element and both numbers.
/// </summary>
public sealed class GradientCheckTests
{
    private static readonly Expr X = Expr.Input("x");

    /// <summary>sin with the derivative's sign flipped.</summary>
    private readonly struct FlippedSinRule : IUnaryRule
    {
        public Primitive Primitive => FlippedSin;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => -T.Cos(x);
    }

    private static readonly Primitive FlippedSin = UserPrimitives.Unary("flipped_sin", new FlippedSinRule());

    /// <summary>sin whose first derivative is right but stated as a constant, so its second derivative is 0, not −sin.</summary>
    private readonly struct FlatSecondSinRule : IUnaryRule
    {
        public Primitive Primitive => FlatSecondSin;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => ScalarMath.StopGradient(T.Cos(x));
    }

    private static readonly Primitive FlatSecondSin = UserPrimitives.Unary("flat_second_sin", new FlatSecondSinRule());

    private sealed class Rosenbrock : IMultivariateFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T> =>
            (T.One - v[0]) * (T.One - v[0]) + T.CreateChecked(100) * (v[1] - v[0] * v[0]) * (v[1] - v[0] * v[0]);
    }

    private sealed class Polar : IVectorFunction
    {
        public T[] Invoke<T>(ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T> => [v[0] * T.Cos(v[1]), v[0] * T.Sin(v[1])];
    }

    [Fact]
    public void RightDerivativesPassForGraphsFunctionsAndLambdas()
    {
        var w = Expr.Input("W", Shape.Matrix(2, 3));
        var v = Expr.Input("v", Shape.Vector(3));
        var at = Bindings.Of(("W", Tensor.Matrix(new[,] { { 0.1, -0.2, 0.3 }, { 0.5, 0.4, -0.6 } })), ("v", Tensor.Vector(1, 2, -1)), ("x", 0.7));
        foreach (var report in new[]
        {
            GradientCheck.Of(Expr.Sin(X) * X, at),
            GradientCheck.Of(Expr.Tanh(Expr.MatMul(w, v)) * X, at),                       // tensor output
            GradientCheck.Of(Expr.Sum(Expr.Tanh(Expr.MatMul(w, v))) + Expr.Apply(UserPrimitiveTests.Log1pExp, X), at),
            GradientCheck.Of(new Rosenbrock(), [0.3, 0.8]),
            GradientCheck.Of(new Polar(), [2.0, 0.4]),
            GradientCheck.OfDuals(x => Dual<double>.Sin(x[0]) * x[1], [0.3, 2.0]),
            GradientCheck.OfReverseNumbers(x => ReverseNumber<double>.Sin(x[0]) * x[1], [0.3, 2.0]),
            GradientCheck.OfNestedNumbers(x => ReverseNumber<Dual<double>>.Sin(x[0]) * x[1], [0.3, 2.0]),
        })
        {
            Assert.True(report.Passed, report.ToString());
            Assert.True(report.Comparisons > 0);
        }
    }

    [Fact]
    public void AWrongRuleIsNamedWithTheElementAndBothNumbers()
    {
        var report = GradientCheck.Of(Expr.Apply(FlippedSin, X), Bindings.Of(("x", 0.5)));
        Assert.False(report.Passed);
        var reverse = Assert.Single(report.Mismatches, m => m.Comparison == "reverse mode vs finite differences");
        Assert.Equal("x", reverse.Input);
        Assert.Equal(-Math.Cos(0.5), reverse.Actual, 1e-15);
        Assert.Equal(Math.Cos(0.5), reverse.Expected, 1e-8);
        Assert.Contains(report.Mismatches, m => m.Comparison == "forward mode vs finite differences");
        Assert.StartsWith("Gradient check of the graph flipped_sin(x): ", report.ToString());
        Assert.Contains("reverse mode vs finite differences: ∂out/∂x is -0.877582561890372", report.ToString());
        var thrown = Assert.Throws<GradientCheckException>(() => report.ThrowIfFailed());
        Assert.Same(report, thrown.Report);
    }

    [Fact]
    public void AWrongSecondDerivativeIsCaughtOnlyAtSecondOrder()
    {
        var graph = Expr.Apply(FlatSecondSin, X);
        var at = Bindings.Of(("x", 0.5));
        Assert.True(GradientCheck.Of(graph, at, GradientCheckOptions.Default with { SecondOrder = false }).Passed);
        var report = GradientCheck.Of(graph, at);
        var mismatch = Assert.Single(report.Mismatches);
        Assert.Equal("second order (Hessian) vs finite differences of the gradient", mismatch.Comparison);
        Assert.Equal(0.0, mismatch.Actual);
        Assert.Equal(-Math.Sin(0.5), mismatch.Expected, 1e-6);
    }

    [Fact]
    public void AWrongTensorVjpBreaksTheTransposeIdentity()
    {
        var wrong = new RunningSum("wrong_cumsum", new RunningSumFaults(CotangentFromTheStart: true));
        var v = Expr.Input("v", Shape.Vector(3));
        var report = GradientCheck.Of(Expr.Apply(wrong, v), Bindings.Of(("v", Tensor.Vector(1, 2, 3))));
        Assert.Contains(report.Mismatches, m => m.Comparison.StartsWith("transpose identity", StringComparison.Ordinal));
        Assert.Contains(report.Mismatches, m => m.Comparison == "reverse mode vs finite differences" && m.Input == "v[2]" && m.Output == "out[0]");
        Assert.DoesNotContain(report.Mismatches, m => m.Comparison == "forward mode vs finite differences");
    }

    [Fact]
    public void TolerancesAreTheUsersToSet()
    {
        // A derivative off by 1e-4 relative: inside PyTorch's rtol 1e-3, outside 1e-6.
        var almost = CustomDerivative.WithJvp("almost", x => Expr.Sin(x), (x, y, dx) => Expr.Cos(x) * (1 + 1e-4) * dx);
        var graph = almost.Apply(X);
        var at = Bindings.Of(("x", 0.3));
        Assert.True(GradientCheck.Of(graph, at, GradientCheckOptions.Default with { SecondOrder = false }).Passed);
        var strict = GradientCheck.Of(graph, at, new GradientCheckOptions { RelativeTolerance = 1e-6, AbsoluteTolerance = 0, SecondOrder = false });
        Assert.False(strict.Passed);
        Assert.Contains("rtol 1E-06", strict.ToString());
        Assert.Throws<ArgumentException>(() => GradientCheck.Of(graph, at, new GradientCheckOptions { Step = 0 }));
        Assert.Throws<UnboundInputException>(() => GradientCheck.Of(Expr.Sin(X), Bindings.Empty));
    }
}
