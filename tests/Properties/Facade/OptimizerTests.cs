namespace FunctionalAD.Properties.Facade;

/// <summary>One optimizer step against the update written out by hand, and the purity of steps.</summary>
public class OptimizerTests
{
    private static readonly Bindings Parameters = Bindings.Of(("w", 1.0), ("b", -2.0));
    private static readonly Bindings Gradient = Bindings.Of(("w", 0.5), ("b", -4.0));

    [Fact]
    public void SgdStepsAgainstTheGradient()
    {
        var step = Optimizer.Sgd(0.1).Step(Parameters, Gradient, OptimizerState.Initial);
        Assert.Equal(1.0 - 0.1 * 0.5, step.Parameters["w"].ToScalar());
        Assert.Equal(-2.0 - 0.1 * -4.0, step.Parameters["b"].ToScalar());
        Assert.Equal(1, step.State.Steps);
    }

    [Fact]
    public void MomentumAccumulatesVelocity()
    {
        var momentum = Optimizer.Momentum(0.1, beta: 0.5);
        var first = momentum.Step(Parameters, Gradient, OptimizerState.Initial);
        var second = momentum.Step(first.Parameters, Gradient, first.State);
        // v1 = g, v2 = 0.5·g + g; p2 = p − 0.1·(v1 + v2)
        Assert.Equal(1.0 - 0.1 * (0.5 + 0.75), second.Parameters["w"].ToScalar(), 15);
        Assert.Equal(-2.0 - 0.1 * (-4.0 + -6.0), second.Parameters["b"].ToScalar(), 15);
        Assert.Equal(0.75, second.State.FirstMoment["w"].ToScalar(), 15);
    }

    [Fact]
    public void AdamsFirstStepHasTheLearningRateAsItsSize()
    {
        // With bias correction, m̂ = g and v̂ = g² after one step: the step is η·g/(|g| + ε) ≈ η·sign(g).
        var step = Optimizer.Adam(learningRate: 0.01).Step(Parameters, Gradient, OptimizerState.Initial);
        Assert.Equal(1.0 - 0.01, step.Parameters["w"].ToScalar(), 9);
        Assert.Equal(-2.0 + 0.01, step.Parameters["b"].ToScalar(), 9);
    }

    [Fact]
    public void AStepChangesNothingItIsGiven()
    {
        var state = Optimizer.Adam(0.1).Step(Parameters, Gradient, OptimizerState.Initial).State;
        var stateBefore = state with { };
        var parametersBefore = Bindings.Of(("w", 1.0), ("b", -2.0));
        var next = Optimizer.Adam(0.1).Step(Parameters, Gradient, state);
        Assert.Equal(parametersBefore, Parameters);
        Assert.Equal(stateBefore, state);
        Assert.NotEqual(state, next.State);
        Assert.Equal(next, Optimizer.Adam(0.1).Step(Parameters, Gradient, state)); // and it is repeatable
    }

    [Fact]
    public void AMissingGradientEntryIsZero()
    {
        var step = Optimizer.Sgd(0.1).Step(Parameters, Bindings.Of(("w", 1.0), ("other", 5.0)), OptimizerState.Initial);
        Assert.Equal(-2.0, step.Parameters["b"].ToScalar());
        Assert.Equal(new[] { "b", "w" }, step.Parameters.Names);
    }

    public static TheoryData<string, Func<Optimizer>> BadSettings => new()
    {
        { "learningRate", () => Optimizer.Sgd(0) },
        { "learningRate", () => Optimizer.Sgd(-0.1) },
        { "learningRate", () => Optimizer.Momentum(double.NaN) },
        { "learningRate", () => Optimizer.Adam(double.PositiveInfinity) },
        { "beta", () => Optimizer.Momentum(0.1, beta: 1.0) },
        { "beta1", () => Optimizer.Adam(0.1, beta1: -0.1) },
        { "beta2", () => Optimizer.Adam(0.1, beta2: 1.5) },
        { "epsilon", () => Optimizer.Adam(0.1, epsilon: 0) },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void BadSettingsAreNamed(string parameter, Func<Optimizer> make)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => make());
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(parameter.StartsWith("learning") ? "learning rate" : parameter, e.Message);
    }
}
