namespace FunctionalAD.Properties.Examples;

/// <summary>
/// At the tag-free single level, <c>Dual&lt;double&gt;</c>, a derivative call nested in another on the same thread
/// probes its function with a zero seed: every lambda entry point reports an outer perturbation leaking in, and lets
/// an inner function that ignores the outer numbers (or takes their values on purpose) run.
/// </summary>
public class SingleLevelConfusionTests
{
    [Fact]
    public void EveryForwardEntryPointReportsTheOuterPerturbation()
    {
        AssertConfusion(() => Forward.Derivative(x => x * Forward.GradOf(v => v[0] * x, [2.0])[0], 1.0));
        AssertConfusion(() => Forward.Derivative(x => x * Forward.JvpOf(v => v[0] * x, [2.0], [1.0]).Tangent, 1.0));
        AssertConfusion(() => Forward.Derivative(x => x * Forward.JacobianOf(v => [v[0] * x], [2.0])[0, 0], 1.0));
        AssertConfusion(() => Forward.Derivative(x => x * Transform.HessianVectorProductOf<double>(w => x * w[0] * w[0], [1.0], [1.0])[0], 1.0));
    }

    // d/dx [x · (d/dy x)] = d/dx [x · 0] = 0: the inner function returns the outer x untouched, whose tangent would
    // otherwise come back as the inner derivative (1, and 2x overall).
    [Fact]
    public void AnInnerFunctionReturningTheOuterVariableIsReported() =>
        AssertConfusion(() => Forward.Derivative(x => x * Forward.Derivative(y => x, 1.0), 1.0));

    // Inner calls that ignore the outer numbers, or take their values on purpose, give the constant reading:
    // d/dx [x · ∂/∂v (v·x.Value)] = d/dx [x · x.Value] read as x·c, c = 3: the derivative is c = 3.
    [Fact]
    public void InnerCallsThatUseOnlyValuesRun()
    {
        Assert.Equal(3.0, Forward.Derivative(x => x * Forward.GradOf(v => v[0] * x.Value, [2.0])[0], 3.0));
        Assert.Equal(3.0, Forward.Derivative(x => x * Forward.JvpOf(v => v[0] * x.Value, [2.0], [1.0], new Dual<double>[1]).Tangent, 3.0));
        Assert.Equal(3.0, Forward.Derivative(x => x * Forward.JacobianOf(v => [v[0] * x.Value], [2.0])[0, 0], 3.0));
        Assert.Equal(6.0, Forward.Derivative(x => x * Transform.HessianVectorProductOf<double>(w => x.Value * w[0] * w[0], [1.0], [1.0])[0], 3.0));
    }

    private static void AssertConfusion(Action call) =>
        Assert.Contains("Perturbation confusion", Assert.Throws<InvalidOperationException>(call).Message);
}
