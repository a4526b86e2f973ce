namespace FunctionalAD.Properties.Examples;

/// <summary>
/// The conventions at kinks and domain edges, pinned: each derivative is checked in forward mode,
/// reverse mode and the two function modes, against the value the primitive's documentation states.
/// </summary>
public class ConventionTests
{
    private static readonly Expr X = Expr.Input("x"), Y = Expr.Input("y");

    /// <summary>d/dx of a univariate graph at x, by forward and reverse mode; asserts they agree bit for bit.</summary>
    private static double Derivative(Expr graph, double x)
    {
        var at = Bindings.Of(("x", x));
        var forward = Forward.Grad(graph, at)["x"];
        var reverse = Reverse.Grad(graph, at)["x"];
        Assert.True(BitConverter.DoubleToInt64Bits(forward) == BitConverter.DoubleToInt64Bits(reverse)
                    || (double.IsNaN(forward) && double.IsNaN(reverse)),
            $"forward {forward:R} but reverse {reverse:R}");
        return forward;
    }

    private static (double Dx, double Dy) Partials(Expr graph, double x, double y)
    {
        var at = Bindings.Of(("x", x), ("y", y));
        var reverse = Reverse.Grad(graph, at);
        var forward = Forward.Grad(graph, at);
        Assert.Equal(reverse, forward); // bit equality, NaN included
        return (reverse["x"], reverse["y"]);
    }

    [Fact]
    public void ReluAtTheKinkIsOneHalfLikeMaxWithZero()
    {
        Assert.Equal(0.5, Derivative(Expr.Relu(X), 0.0));
        Assert.Equal(0.5, Derivative(Expr.Relu(X), -0.0));
        Assert.Equal(0.5, Derivative(Expr.Max(X, 0.0), 0.0));
        Assert.Equal(1.0, Derivative(Expr.Relu(X), 1e-300));
        Assert.Equal(0.0, Derivative(Expr.Relu(X), -1e-300));
        Assert.Equal(0.5, Forward.Derivative(Dual.Relu, 0.0));
        Assert.Equal(0.5, Reverse.GradOf(v => ReverseNumber.Relu(v[0]), [0.0])[0]);
        Assert.Equal(0.5, Reverse.GradOf(v => ReverseNumber.Max(v[0], 0.0), [0.0])[0]);
    }

    [Fact]
    public void AbsAtTheKinkIsZero()
    {
        Close.Bits(0.0, Derivative(Expr.Abs(X), 0.0));
        Close.Bits(0.0, Derivative(Expr.Abs(X), -0.0));
        Assert.Equal(1.0, Derivative(Expr.Abs(X), 2.0));
        Assert.Equal(-1.0, Derivative(Expr.Abs(X), -2.0));
        Assert.Equal(0.0, Forward.Derivative(Dual.Abs, 0.0));
    }

    [Fact]
    public void MaxAndMinSplitATieHalfAndHalf()
    {
        Assert.Equal((0.5, 0.5), Partials(Expr.Max(X, Y), 2.0, 2.0));
        Assert.Equal((0.5, 0.5), Partials(Expr.Min(X, Y), 2.0, 2.0));
        Assert.Equal((1.0, 0.0), Partials(Expr.Max(X, Y), 3.0, 2.0));
        Assert.Equal((0.0, 1.0), Partials(Expr.Min(X, Y), 3.0, 2.0));
        Assert.Equal((0.0, 1.0), Partials(Expr.Max(X, Y), -3.0, 2.0));
        Assert.Equal((1.0, 0.0), Partials(Expr.Min(X, Y), -3.0, 2.0));
    }

    [Fact]
    public void MaxOrMinOfXWithItselfHasTheTrueDerivativeOne()
    {
        Assert.Equal(1.0, Derivative(Expr.Max(X, X), 1.5));
        Assert.Equal(1.0, Derivative(Expr.Min(X, X), -1.5));
        Assert.Equal(1.0, Forward.Derivative(t => Dual.Max(t, t), 1.5));
        Assert.Equal(1.0, Reverse.GradOf(v => ReverseNumber.Min(v[0], v[0]), [1.5])[0]);
    }

    [Fact]
    public void SqrtAtZeroHasDerivativePlusInfinity()
    {
        Assert.Equal(double.PositiveInfinity, Derivative(Expr.Sqrt(X), 0.0));
        Assert.Equal(double.PositiveInfinity, Derivative(Expr.Sqrt(X), -0.0)); // √−0 is −0, yet the derivative is +∞
        Assert.Equal(0.25, Derivative(Expr.Sqrt(X), 4.0));
        Assert.True(double.IsNaN(Graph.Evaluate(Expr.Sqrt(X), Bindings.Of(("x", -1.0)))));
        Assert.True(double.IsNaN(Derivative(Expr.Sqrt(X), -1.0)));
        Assert.Equal(double.PositiveInfinity, Forward.Derivative(Dual.Sqrt, 0.0));
    }

    [Fact]
    public void PowersAtZero()
    {
        // x ^ 0 is 1 everywhere, 0 ^ 0 included, so its derivative is 0 everywhere.
        Assert.Equal(1.0, Graph.Evaluate(Expr.Pow(X, 0.0), Bindings.Of(("x", 0.0))).ToScalar());
        Close.Bits(0.0, Derivative(Expr.Pow(X, 0.0), 0.0));
        Assert.Equal((0.0, double.NegativeInfinity), Partials(Expr.Pow(X, Y), 0.0, 0.0)); // ∂/∂y = 0^0·ln 0
        Assert.Equal(1.0, Graph.Evaluate(Expr.Pow(X, Y), Bindings.Of(("x", 0.0), ("y", 0.0))).ToScalar());

        // x ^ 2 at 0: derivative 0; x ^ y at (0, 2): ∂/∂y is the limit 0, not 0·(−∞) = NaN.
        Assert.Equal(0.0, Derivative(Expr.Pow(X, 2.0), 0.0));
        Assert.Equal((0.0, 0.0), Partials(Expr.Pow(X, Y), 0.0, 2.0));
        Assert.Equal(1.0, Derivative(Expr.Pow(X, 1.0), 0.0)); // 1·0^0
        Assert.Equal(double.PositiveInfinity, Derivative(Expr.Pow(X, 0.5), 0.0));

        // A negative base: the value of an integer power is real, but ∂/∂y involves ln x = NaN.
        var (dx, dy) = Partials(Expr.Pow(X, Y), -2.0, 2.0);
        Assert.Equal(-4.0, dx);
        Assert.True(double.IsNaN(dy));
        Assert.Equal(-4.0, Derivative(Expr.Pow(X, 2.0), -2.0));
    }

    [Fact]
    public void PowWithANegativeBase()
    {
        // An integer exponent: the value and ∂/∂x are real, ∂/∂y = x^y·ln x is NaN (ln of a negative number).
        var at = Bindings.Of(("x", -2.0), ("y", 3.0));
        Assert.Equal(-8.0, Graph.Evaluate(Expr.Pow(X, Y), at).ToScalar());
        var (dx, dy) = Partials(Expr.Pow(X, Y), -2.0, 3.0);
        Assert.Equal(12.0, dx);                                      // 3·(−2)²
        Assert.True(double.IsNaN(dy));
        Assert.Equal(12.0, Derivative(Expr.Pow(X, 3.0), -2.0));      // powc has no ∂/∂p, so no NaN
        Assert.Equal(-8.0, Graph.Evaluate(Expr.Pow(X, 3.0), Bindings.Of(("x", -2.0))).ToScalar());

        // A non-integer exponent: no real value, so the value and both partials are NaN — in powc too.
        Assert.True(double.IsNaN(Graph.Evaluate(Expr.Pow(X, Y), Bindings.Of(("x", -2.0), ("y", 0.5)))));
        var (dxHalf, dyHalf) = Partials(Expr.Pow(X, Y), -2.0, 0.5);
        Assert.True(double.IsNaN(dxHalf) && double.IsNaN(dyHalf));
        Assert.True(double.IsNaN(Graph.Evaluate(Expr.Pow(X, 1.0 / 3), Bindings.Of(("x", -8.0))))); // no real cube root
        Assert.True(double.IsNaN(Derivative(Expr.Pow(X, 1.0 / 3), -8.0)));
    }

    [Fact]
    public void ZeroToTheZeroAndToANegativePower()
    {
        // 0⁰ = 1 for pow as for powc; ∂/∂x = y·x^(y−1) is 0 at y = 0 (the rule's strong zero), ∂/∂y = 1·ln 0 = −∞.
        Assert.Equal(1.0, Graph.Evaluate(Expr.Pow(X, Y), Bindings.Of(("x", 0.0), ("y", 0.0))).ToScalar());
        Assert.Equal((0.0, double.NegativeInfinity), Partials(Expr.Pow(X, Y), 0.0, 0.0));
        // 0⁻¹ = +∞ with ∂/∂x = −1·0⁻² = −∞ and ∂/∂y = ∞·ln 0 = −∞, per IEEE 754.
        Assert.Equal(double.PositiveInfinity, Graph.Evaluate(Expr.Pow(X, Y), Bindings.Of(("x", 0.0), ("y", -1.0))).ToScalar());
        Assert.Equal((double.NegativeInfinity, double.NegativeInfinity), Partials(Expr.Pow(X, Y), 0.0, -1.0));
        Assert.Equal(double.NegativeInfinity, Derivative(Expr.Pow(X, -1.0), 0.0));
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void SigmoidAndSoftplusSaturateEvenAtInfinity(double x)
    {
        var at = Bindings.Of(("x", x));
        var positive = x > 0;
        Assert.Equal(positive ? 1.0 : 0.0, Graph.Evaluate(Expr.Sigmoid(X), at).ToScalar());
        Close.Bits(0.0, Derivative(Expr.Sigmoid(X), x));
        Assert.Equal(positive ? double.PositiveInfinity : 0.0, Graph.Evaluate(Expr.Softplus(X), at).ToScalar());
        Assert.Equal(positive ? 1.0 : 0.0, Derivative(Expr.Softplus(X), x));
        Close.Bits(0.0, Forward.Derivative(Dual.Sigmoid, x));
    }

    [Fact]
    public void ExpOverflowMakesARatioNaNWhereTheStableFormStaysFinite()
    {
        // eˣ / (1 + eˣ) written by hand overflows to ∞/∞ = NaN at x = 710; sigmoid is the same function, computed stably.
        var naive = Expr.Exp(X) / (1.0 + Expr.Exp(X));
        Assert.True(double.IsNaN(Graph.Evaluate(naive, Bindings.Of(("x", 710.0)))));
        Assert.True(double.IsNaN(Derivative(naive, 710.0)));
        Assert.Equal(1.0, Graph.Evaluate(Expr.Sigmoid(X), Bindings.Of(("x", 710.0))).ToScalar());
        Close.Bits(0.0, Derivative(Expr.Sigmoid(X), 710.0));
    }

    [Fact]
    public void EverySpellingOfReluHasDerivativeOneHalfAtZero()
    {
        // relu(x) = max(x, 0) = max(0, x) = (x + |x|) / 2 = −min(−x, 0): the kink convention (the mean of the
        // one-sided derivatives) makes all five agree at 0, in both modes.
        var spellings = new[] { Expr.Relu(X), Expr.Max(X, 0.0), Expr.Max(0.0, X), (X + Expr.Abs(X)) / 2.0, -Expr.Min(-X, 0.0) };
        foreach (var spelling in spellings)
        {
            Assert.Equal(0.0, Graph.Evaluate(spelling, Bindings.Of(("x", 0.0))).ToScalar());
            Assert.True(Derivative(spelling, 0.0) == 0.5, $"{spelling} has derivative {Derivative(spelling, 0.0)} at 0");
            Assert.Equal(1.0, Derivative(spelling, 0.5));
            Assert.Equal(0.0, Derivative(spelling, -0.5));
        }
        Assert.Equal(0.5, Forward.Derivative(t => Dual.Max(0.0, t), 0.0));
        Assert.Equal(0.5, Reverse.GradOf(v => -ReverseNumber.Min(-v[0], 0.0), [0.0])[0]);
    }

    [Theory]
    [InlineData(1000.0)]
    [InlineData(-1000.0)]
    [InlineData(710.0)]
    [InlineData(-800.0)]
    public void SoftplusAndSigmoidDoNotOverflow(double x)
    {
        var at = Bindings.Of(("x", x));
        var positive = x > 0;
        Assert.Equal(positive ? x : 0.0, Graph.Evaluate(Expr.Softplus(X), at).ToScalar()); // ln(1 + eˣ) ≈ max(x, 0)
        Assert.Equal(positive ? 1.0 : 0.0, Derivative(Expr.Softplus(X), x));  // σ(x)
        Assert.Equal(positive ? 1.0 : 0.0, Graph.Evaluate(Expr.Sigmoid(X), at).ToScalar());
        Close.Bits(0.0, Derivative(Expr.Sigmoid(X), x));                      // σ(1 − σ)
    }

    [Fact]
    public void SoftplusAndSigmoidAtZero()
    {
        Assert.Equal(Math.Log(2), Graph.Evaluate(Expr.Softplus(X), Bindings.Of(("x", 0.0))), 1e-15);
        Assert.Equal(0.5, Derivative(Expr.Softplus(X), 0.0));
        Assert.Equal(0.5, Graph.Evaluate(Expr.Sigmoid(X), Bindings.Of(("x", 0.0))).ToScalar());
        Assert.Equal(0.25, Derivative(Expr.Sigmoid(X), 0.0));
    }

    [Theory]
    [InlineData(20.0)]
    [InlineData(1000.0)]
    [InlineData(double.PositiveInfinity)]
    public void TanhSaturatesWithDerivativeZero(double x)
    {
        Assert.Equal(1.0, Graph.Evaluate(Expr.Tanh(X), Bindings.Of(("x", x))).ToScalar());
        Assert.Equal(-1.0, Graph.Evaluate(Expr.Tanh(X), Bindings.Of(("x", -x))).ToScalar());
        Close.Bits(0.0, Derivative(Expr.Tanh(X), x));
        Close.Bits(0.0, Derivative(Expr.Tanh(X), -x));
    }

    [Fact]
    public void LogAtZeroIsMinusInfinityWithDerivativePlusInfinity()
    {
        Assert.Equal(double.NegativeInfinity, Graph.Evaluate(Expr.Log(X), Bindings.Of(("x", 0.0))).ToScalar());
        Assert.Equal(double.PositiveInfinity, Derivative(Expr.Log(X), 0.0));
        Assert.Equal(double.PositiveInfinity, Derivative(Expr.Log(X), -0.0));
        // A negative argument: the value is NaN, but the rule 1/x still gives a number.
        Assert.True(double.IsNaN(Graph.Evaluate(Expr.Log(X), Bindings.Of(("x", -1.0)))));
        Assert.Equal(-1.0, Derivative(Expr.Log(X), -1.0));
    }

    [Fact]
    public void ExpOverflowsToInfinity()
    {
        Assert.Equal(double.PositiveInfinity, Graph.Evaluate(Expr.Exp(X), Bindings.Of(("x", 710.0))).ToScalar());
        Assert.Equal(double.PositiveInfinity, Derivative(Expr.Exp(X), 710.0));
        Close.Bits(0.0, Derivative(Expr.Exp(X), -1000.0));
    }

    [Fact]
    public void DivisionByZeroFollowsIeee()
    {
        var q = X / Y;
        Assert.Equal(double.PositiveInfinity, Graph.Evaluate(q, Bindings.Of(("x", 1.0), ("y", 0.0))).ToScalar());
        Assert.Equal((double.PositiveInfinity, double.NegativeInfinity), Partials(q, 1.0, 0.0)); // 1/y, −(x/y)/y
        Assert.Equal(double.NegativeInfinity, Graph.Evaluate(q, Bindings.Of(("x", 1.0), ("y", -0.0))).ToScalar());
        Assert.Equal((double.NegativeInfinity, double.NegativeInfinity), Partials(q, 1.0, -0.0));
        Assert.True(double.IsNaN(Graph.Evaluate(q, Bindings.Of(("x", 0.0), ("y", 0.0)))));
        var (dx, dy) = Partials(q, 0.0, 0.0);
        Assert.Equal(double.PositiveInfinity, dx);
        Assert.True(double.IsNaN(dy));
    }

    [Fact]
    public void NaNAndInfinityAtAnInputReachOnlyThePartialsThatUseIt()
    {
        // y = w·x + b: ∂y/∂w = x, ∂y/∂x = w, ∂y/∂b = 1. A NaN x poisons the value and ∂y/∂w only.
        var w = Expr.Input("w");
        var b = Expr.Input("b");
        var y = w * X + b;
        foreach (var x in new[] { double.NaN, double.PositiveInfinity })
        {
            var at = Bindings.Of(("x", x), ("w", 2.0), ("b", 1.0));
            foreach (var gradient in new[] { Reverse.Grad(y, at), Forward.Grad(y, at) })
            {
                Assert.Equal(x, gradient["w"].ToScalar());
                Assert.Equal(2.0, gradient["x"].ToScalar());
                Assert.Equal(1.0, gradient["b"].ToScalar());
            }
            Assert.Equal(x, Graph.Evaluate(y, at).ToScalar());
        }
    }

    [Fact]
    public void NaNPropagatesThroughRulesAndDirections()
    {
        Assert.True(double.IsNaN(Derivative(Expr.Sin(X) * Expr.Exp(X), double.NaN)));
        var (dx, dy) = Partials(Expr.Max(X, Y), double.NaN, 1.0);
        Assert.True(double.IsNaN(dx) && double.IsNaN(dy));
        Assert.True(double.IsNaN(Derivative(Expr.Relu(X), double.NaN)));
        Assert.True(double.IsNaN(Derivative(Expr.Abs(X), double.NaN)));
        // A NaN tangent or cotangent is not zero, so it is multiplied in and comes out NaN.
        Assert.True(double.IsNaN(Forward.Jvp(X * X, Bindings.Of(("x", 1.0)), Bindings.Of(("x", double.NaN))).Tangent));
        Assert.True(double.IsNaN(Reverse.Vjp(X * X, Bindings.Of(("x", 1.0))).Pullback(double.NaN)["x"]));
    }

    [Fact]
    public void AZeroCotangentIsNeverMultipliedIntoAPullback()
    {
        // 0·√x at x = 0: the product sends cotangent 0·1 = 0 to √x, whose +∞ derivative is then never
        // asked for, so reverse mode gives 0 where the chain rule taken literally gives 0·∞ = NaN.
        Close.Bits(0.0, Reverse.Grad(0.0 * Expr.Sqrt(X), Bindings.Of(("x", 0.0)))["x"]);
        Close.Bits(0.0, Reverse.GradOf(v => 0.0 * ReverseNumber.Sqrt(v[0]), [0.0])[0]);

        // min(−1, √x) at 0: the branch not taken gets cotangent 0.
        Close.Bits(0.0, Reverse.Grad(Expr.Min(-1.0, Expr.Sqrt(X)), Bindings.Of(("x", 0.0)))["x"]);

        // relu(g)·√x with the gate g closed: neither factor receives a cotangent.
        var g = Expr.Input("g");
        var gated = Reverse.Grad(Expr.Relu(g) * Expr.Sqrt(X), Bindings.Of(("g", -1.0), ("x", 0.0)));
        Close.Bits(0.0, gated["x"]);
        Close.Bits(0.0, gated["g"]);

        // A pullback called with cotangent 0 returns exact zeros, whatever the derivatives.
        var pullback = Reverse.Vjp(Expr.Sqrt(X) + Expr.Log(X), Bindings.Of(("x", 0.0))).Pullback;
        Close.Bits(0.0, pullback(0)["x"]);
        Assert.Equal(double.PositiveInfinity, pullback(1)["x"].ToScalar());
    }

    [Fact]
    public void AZeroTangentIsNeverMultipliedIntoAJvp()
    {
        // x + √z at z = 0, along x only: √z gets tangent 0, so its +∞ derivative is never asked for.
        var z = Expr.Input("z");
        var y = X + Expr.Sqrt(z);
        var at = Bindings.Of(("x", 1.0), ("z", 0.0));
        Assert.Equal(1.0, (Forward.Jvp(y, at, Bindings.Of(("x", 1.0))).Tangent).ToScalar());
        Assert.Equal(1.0, Forward.Grad(y, at)["x"].ToScalar());
        Assert.Equal(double.PositiveInfinity, Forward.Grad(y, at)["z"].ToScalar());

        // x·√0 with a constant 0 under the root: the constant never moves.
        Close.Bits(0.0, Derivative(X * Expr.Sqrt(0.0), 3.0));
        Close.Bits(0.0, Forward.Derivative(t => t * Dual<double>.Sqrt(0.0), 3.0));
    }

    [Fact]
    public void AZeroPartialIsAStrongZeroSoBothModesAgree()
    {
        // An exact zero — tangent, cotangent or local partial — annihilates ∞ and NaN, so the two modes make
        // the same choice where a zero partial meets an infinite derivative further along the chain:
        //   0·√x at 0:   the product's partial for √x is 0, so √x's tangent +∞ is not multiplied in.
        //   √(0·x) at 1: the product's partial for x is 0, so the cotangent +∞ coming back from √ stops there.
        // Both functions are constant (0) near those points, so 0 is also the true derivative.
        var at0 = Bindings.Of(("x", 0.0));
        Close.Bits(0.0, Derivative(0.0 * Expr.Sqrt(X), 0.0));
        Close.Bits(0.0, Forward.Derivative(t => 0.0 * Dual.Sqrt(t), 0.0));
        Close.Bits(0.0, Reverse.Grad(0.0 * Expr.Sqrt(X), at0)["x"]);

        Close.Bits(0.0, Derivative(Expr.Sqrt(0.0 * X), 1.0));
        Close.Bits(0.0, Reverse.GradOf(v => ReverseNumber.Sqrt(0.0 * v[0]), [1.0])[0]);
    }

    /// <summary>d/dx by forward, reverse and the gradient graph (all bit for bit), and by Dual and ReverseNumber members.</summary>
    private static double EveryWay(Expr graph, double x)
    {
        var d = Derivative(graph, x);
        var symbolic = Graph.Evaluate(Reverse.GradGraph(graph)["x"], Bindings.Of(("x", x)));
        Assert.True(BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits(symbolic) || (double.IsNaN(d) && double.IsNaN(symbolic)),
            $"modes {d:R} but gradient graph {symbolic:R}");
        return d;
    }

    [Fact]
    public void InverseTrigonometricDomainEdges()
    {
        Assert.Equal(double.PositiveInfinity, EveryWay(Expr.Asin(X), 1.0));
        Assert.Equal(double.PositiveInfinity, EveryWay(Expr.Asin(X), -1.0));
        Assert.Equal(double.NegativeInfinity, EveryWay(Expr.Acos(X), 1.0));
        Assert.True(double.IsNaN(EveryWay(Expr.Asin(X), 1.5)));
        Assert.True(double.IsNaN(Graph.Evaluate(Expr.Asin(X), Bindings.Of(("x", 1.5)))));
        Assert.Equal(1.0, EveryWay(Expr.Atan(X), 0.0));
        Assert.Equal(0.0, EveryWay(Expr.Atan(X), double.PositiveInfinity));
        Assert.Equal(double.PositiveInfinity, Forward.Derivative(Dual.Asin, 1.0));
        Assert.Equal(double.PositiveInfinity, Reverse.GradOf(v => ReverseNumber.Asin(v[0]), [1.0])[0]);
    }

    [Fact]
    public void Atan2AndHypotAtTheOriginHavePartialsZero()
    {
        Assert.Equal((0.0, 0.0), Partials(Expr.Atan2(X, Y), 0.0, 0.0));
        Assert.Equal((0.0, 0.0), Partials(Expr.Hypot(X, Y), 0.0, 0.0));
        // Away from it: ∂atan2(y, x)/∂y = x/r², ∂/∂x = −y/r²; ∂hypot/∂x = x/h.
        var (dy, dx) = Partials(Expr.Atan2(X, Y), 1.0, 2.0);
        Assert.Equal(2.0 / 5, dy, 1e-15);
        Assert.Equal(-1.0 / 5, dx, 1e-15);
        var (hx, hy) = Partials(Expr.Hypot(X, Y), 3.0, 4.0);
        Assert.Equal(0.6, hx, 1e-15);
        Assert.Equal(0.8, hy, 1e-15);
        Assert.Equal(0.0, Forward.Derivative(x => Dual.Hypot(x, x * 0.0), 0.0));
    }

    [Fact]
    public void HyperbolicAndLogarithmicDomainEdges()
    {
        Assert.Equal(double.PositiveInfinity, EveryWay(Expr.Acosh(X), 1.0));
        Assert.True(double.IsNaN(Graph.Evaluate(Expr.Acosh(X), Bindings.Of(("x", 0.5)))));
        Assert.True(double.IsNaN(EveryWay(Expr.Acosh(X), 0.5)));
        Assert.Equal(double.PositiveInfinity, EveryWay(Expr.Atanh(X), 1.0));
        Assert.Equal(double.PositiveInfinity, EveryWay(Expr.Atanh(X), -1.0));
        Assert.Equal(double.PositiveInfinity, EveryWay(Expr.LogP1(X), -1.0));
        Assert.Equal(double.NegativeInfinity, Graph.Evaluate(Expr.LogP1(X), Bindings.Of(("x", -1.0))).ToScalar());
        Assert.Equal(double.PositiveInfinity, EveryWay(Expr.Log2(X), 0.0));
        Assert.Equal(double.PositiveInfinity, EveryWay(Expr.Log2(X), -0.0));
        Assert.Equal(double.PositiveInfinity, EveryWay(Expr.Cbrt(X), 0.0));
        Assert.Equal(double.PositiveInfinity, EveryWay(Expr.Cbrt(X), -0.0));
        Assert.Equal(1.0 / 12, EveryWay(Expr.Cbrt(X), -8.0), 1e-15); // the real cube root, also of negatives
        Assert.Equal(Math.Log(2), EveryWay(Expr.Exp2(X), 0.0));
        Assert.Equal(1.0, EveryWay(Expr.ExpM1(X), 0.0));
        Assert.Equal(Math.Cosh(0.3), EveryWay(Expr.Sinh(X), 0.3));
    }

    [Fact]
    public void ErfAndGeluDerivatives()
    {
        Assert.Equal(2 / Math.Sqrt(Math.PI), EveryWay(Expr.Erf(X), 0.0), 1e-15);
        Assert.Equal(0.5, EveryWay(Expr.Gelu(X), 0.0)); // Φ(0) + 0·φ(0)
        Assert.Equal(0.0, Graph.Evaluate(Expr.Gelu(X), Bindings.Of(("x", double.NegativeInfinity))).ToScalar());
        Assert.Equal(0.8413447460685429, Graph.Evaluate(Expr.Gelu(X), Bindings.Of(("x", 1.0))), 1e-15); // 1·Φ(1)
        // Second derivative through nested duals: erf″(x) = −2x·erf′(x).
        var second = Forward.Derivative<Dual<double>>(x => Dual.Erf(x), Dual.Variable(0.5)).Tangent;
        Assert.Equal(-2 * 0.5 * 2 / Math.Sqrt(Math.PI) * Math.Exp(-0.25), second, 1e-14);
    }

    [Fact]
    public void EluAndLeakyReluAtTheKinkAreTheMeanOfTheSides()
    {
        Assert.Equal(1.0, EveryWay(Expr.Elu(X, 1), 0.0));
        Assert.Equal(0.75, EveryWay(Expr.Elu(X, 0.5), 0.0));
        Assert.Equal(0.5 * Math.Exp(-2), EveryWay(Expr.Elu(X, 0.5), -2.0), 1e-15);
        Assert.Equal(1.0, EveryWay(Expr.Elu(X, 0.5), 800.0)); // the e^x branch, ∞ there, is not taken
        Assert.Equal(0.505, EveryWay(Expr.LeakyRelu(X, 0.01), 0.0));
        Assert.Equal(0.01, EveryWay(Expr.LeakyRelu(X, 0.01), -3.0));
        Assert.Equal(0.5, EveryWay(Expr.LeakyRelu(X, 0), 0.0)); // slope 0 is relu
        Assert.Equal(0.505, Forward.Derivative(x => Dual.LeakyRelu(x, 0.01), 0.0));
        Assert.Equal(0.75, Reverse.GradOf(v => ReverseNumber.Elu(v[0], 0.5), [0.0])[0]);
    }

    [Fact]
    public void SignFloorAndRoundHaveDerivativeZeroAlsoAtTheirJumps()
    {
        foreach (var x in new[] { 0.0, -0.0, 1.0, 2.5, -1.5, 0.3 })
        {
            Close.Bits(0.0, EveryWay(Expr.Sign(X), x));
            Close.Bits(0.0, EveryWay(Expr.Floor(X), x));
            Close.Bits(0.0, EveryWay(Expr.Round(X), x));
        }
        Assert.Equal(2.0, Graph.Evaluate(Expr.Round(X), Bindings.Of(("x", 2.5))).ToScalar()); // ties to even
        Assert.Equal(4.0, Graph.Evaluate(Expr.Round(X), Bindings.Of(("x", 3.5))).ToScalar());
        Close.Bits(-0.0, Graph.Evaluate(Expr.Sign(X), Bindings.Of(("x", -0.0))));
        Assert.Equal(-1.0, Graph.Evaluate(Expr.Sign(X), Bindings.Of(("x", -3.0))).ToScalar());
        Assert.Equal(0.0, Forward.Derivative(x => Dual.Floor(x), 1.0));
    }

    [Fact]
    public void ClampPassesTheDerivativeInsideAndHalfAtTheEdges()
    {
        Assert.Equal(1.0, EveryWay(Expr.Clamp(X, -1, 1), 0.3));
        Assert.Equal(0.0, EveryWay(Expr.Clamp(X, -1, 1), 1.5));
        Assert.Equal(0.0, EveryWay(Expr.Clamp(X, -1, 1), -1.5));
        Assert.Equal(0.5, EveryWay(Expr.Clamp(X, -1, 1), 1.0));
        Assert.Equal(0.5, EveryWay(Expr.Clamp(X, -1, 1), -1.0));
        Assert.Equal(0.0, EveryWay(Expr.Clamp(X, 2, 2), 2.0)); // a point interval: constant, derivative 0
        Assert.True(double.IsNaN(EveryWay(Expr.Clamp(X, -1, 1), double.NaN)));
        Assert.Equal(0.5, Forward.Derivative(x => Dual.Clamp(x, -1, 1), 1.0));
        Assert.Contains("lower bound", Assert.Throws<ArgumentException>(() => Primitives.ClampOf(1, -1)).Message);
    }
}
