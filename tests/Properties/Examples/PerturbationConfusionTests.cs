using System.Numerics;

namespace FunctionalAD.Properties.Examples;

/// <summary>
/// The classic perturbation-confusion cases (Siskind and Pearlmutter, "Perturbation confusion and referential
/// transparency", 2005; "Nesting forward-mode AD in a functional framework", 2008) get the right answers,
/// because nesting is by type: the inner transformation runs one level up (<c>Dual&lt;Dual&lt;double&gt;&gt;</c>,
/// <c>ReverseNumber&lt;ReverseNumber&lt;double&gt;&gt;</c>, or a mix), so an outer variable enters the inner
/// computation as a constant of the inner level and its own perturbation stays in the outer one. Every expected
/// value is worked out by hand in the comment next to it.
/// </summary>
public class PerturbationConfusionTests
{
    // d/dx [ x · (d/dy (x + y))(y = 1) ] at x = 1: the inner derivative is 1 whatever x is, so this is d/dx x = 1.
    // A confused implementation, which lets the inner derivative see x's perturbation, gets 2.
    [Fact]
    public void TheClassicCaseInForwardMode() =>
        Assert.Equal(1.0, Forward.Derivative(x => x * Forward.Derivative<Dual<double>>(y => x + y, 1.0), 1.0));

    // Written with the inner call at the outer level — C# infers double from the literal — the two
    // perturbations would meet at one level; that is reported instead of summed into the wrong answer 2.
    [Fact]
    public void TheClassicCaseAtTheWrongLevelIsReportedNotMiscomputed()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Forward.Derivative(x => x * Forward.Derivative(y => x + y, 1.0), 1.0));
        Assert.Contains("Perturbation confusion", e.Message);
        Assert.Contains("Forward.Derivative<Dual<double>>", e.Message);
    }

    // An inner derivative at the same level that does not touch the outer variable is not confusion: d/dx [x · (d/dy y²)(1)] = 2.
    [Fact]
    public void AnIndependentInnerDerivativeAtTheSameLevelIsFine() =>
        Assert.Equal(2.0, Forward.Derivative(x => x * Forward.Derivative(y => y * y, 1.0), 5.0));

    [Fact]
    public void TheClassicCaseInReverseMode() =>
        Assert.Equal(1.0, Reverse.GradOf(x => x[0] * Reverse.GradOf<ReverseNumber<double>>(y => x[0] + y[0], [1.0])[0], [1.0])[0]);

    // The same case with the inner reverse call at the outer level: the outer variable would enter the inner call as a
    // constant and the inner result, a plain double, would drop its dependence on x. Reported, as forward mode reports it.
    [Fact]
    public void TheClassicCaseInReverseModeAtTheWrongLevelIsReportedNotMiscomputed()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Reverse.GradOf(x => x[0] * Reverse.GradOf(y => x[0] + y[0], [1.0])[0], [1.0]));
        Assert.Contains("Perturbation confusion", e.Message);
        Assert.Contains("Reverse.GradOf<ReverseNumber<double>>", e.Message);
        // d/dx [x · (d/dy (x·y))(2)] = 2x would come out as x: the wrong level is an error here too.
        Assert.Throws<InvalidOperationException>(() => Reverse.GradOf(x => x[0] * Reverse.GradOf(y => x[0] * y[0], [2.0])[0], [3.0]));
    }

    // An inner reverse call at the same level that does not touch the outer variable is fine: d/dx [x · (d/dy y²)(1)] = 2;
    // and so is a number of a call that has ended, which is a constant: d/dx [x · c] = c.
    [Fact]
    public void AnIndependentInnerReverseCallOrAnEndedCallsNumberIsFine()
    {
        Assert.Equal(2.0, Reverse.GradOf(x => x[0] * Reverse.GradOf(y => y[0] * y[0], [1.0])[0], [5.0])[0]);
        ReverseNumber<double> ended = default;
        Reverse.GradOf(v => ended = v[0] * 4, [1.0]);
        Assert.Equal(4.0, Reverse.GradOf(x => x[0] * ended, [7.0])[0]);
    }

    // The classic case with the modes mixed, each at the right level: forward over reverse and reverse over forward.
    [Fact]
    public void TheClassicCaseWithTheModesMixed()
    {
        Assert.Equal(1.0, Forward.Derivative(x => x * Reverse.GradOf<Dual<double>>(y => x + y[0], [1.0])[0], 1.0));
        Assert.Equal(1.0, Reverse.GradOf(x => x[0] * Forward.Derivative<ReverseNumber<double>>(y => x[0] + y, 1.0), [1.0])[0]);
    }

    [Fact]
    public void TheClassicCaseWrittenOnceGenerically() =>
        Assert.Equal(1.0, Transform.Derivative(new ClassicCase(), 1.0));

    /// <summary>x · (d/dy (x + y))(1), generic: inside Invoke&lt;T&gt; the inner derivative can only be taken one level up.</summary>
    private sealed class ClassicCase : IRealFunction
    {
        public T Invoke<T>(T x) where T : IFloatingPointIeee754<T> => x * Forward.Derivative<T>(y => x + y, T.One);
    }

    // The inner function closes over the outer variable and its derivative depends on it:
    // d/dx [ (d/dy (x·y))(y = 2) ] = d/dx x = 1, and d/dx [ x · (d/dy (x·y))(y = 2) ] = d/dx x² = 2x = 6 at x = 3.
    [Fact]
    public void AnInnerDerivativeThatDependsOnTheOuterVariable()
    {
        Assert.Equal(1.0, Forward.Derivative(x => Forward.Derivative<Dual<double>>(y => x * y, 2.0), 3.0));
        Assert.Equal(6.0, Forward.Derivative(x => x * Forward.Derivative<Dual<double>>(y => x * y, 2.0), 3.0));
        Assert.Equal(6.0, Reverse.GradOf(x => x[0] * Reverse.GradOf<ReverseNumber<double>>(y => x[0] * y[0], [2.0])[0], [3.0])[0]);
    }

    // Mixed nestings. f(x) = ∂/∂w [x·w²] at w = x = 2x² (the inner call is at the outer variable), so f′(x) = 4x = 8 at x = 2.
    [Fact]
    public void ForwardOverReverseAndReverseOverForward()
    {
        Assert.Equal(8.0, Forward.Derivative(x => Reverse.GradOf<Dual<double>>(w => x * w[0] * w[0], [x])[0], 2.0));
        Assert.Equal(8.0, Reverse.GradOf(x => Forward.Derivative<ReverseNumber<double>>(w => x[0] * w * w, x[0]), [2.0])[0]);
    }

    // Three levels: d/dx [ x · d/dy [ y · d/dz (x·y·z) ] ] with every inner call at 1.
    // Innermost: d/dz (x·y·z) = x·y. Middle: d/dy [y·x·y] = 2xy = 2x at y = 1. Outer: d/dx [x · 2x] = 4x = 4 at x = 1.
    [Fact]
    public void ThreeLevelsEachClosingOverTheOnesOutside() =>
        Assert.Equal(4.0, Forward.Derivative(
            x => x * Forward.Derivative<Dual<double>>(
                y => y * Forward.Derivative<Dual<Dual<double>>>(z => x * y * z, Dual<Dual<double>>.One), 1.0), 1.0));

    // Higher derivatives by repeated nesting: (x³)‴ = 6 and sin⁗ = sin.
    [Fact]
    public void DerivativesOfDerivatives()
    {
        Assert.Equal(6.0, Transform.NthDerivative(new Cube(), 3).Invoke(0.7), 14);
        Assert.Equal(Math.Sin(0.7), Transform.NthDerivative(new Sine(), 4).Invoke(0.7), 15);
        Assert.Equal(Math.Cos(0.7), Transform.Derivative(Transform.Derivative(Transform.Derivative(Transform.Derivative(Transform.Derivative(new Sine()))))).Invoke(0.7), 15);
    }

    private sealed class Cube : IRealFunction
    {
        public T Invoke<T>(T x) where T : IFloatingPointIeee754<T> => x * x * x;
    }

    private sealed class Sine : IRealFunction
    {
        public T Invoke<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x);
    }
}
