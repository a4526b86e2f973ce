using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A rule that moves parameters against their gradient. An optimizer is an immutable value; its memory
/// between steps (momentum, running averages) is an explicit <see cref="OptimizerState"/> that
/// <see cref="Step(Bindings, NamedValues, OptimizerState)"/> takes and returns, so a step never changes what the caller holds.
/// </summary>
/// <example>
/// <code>
/// var adam = Optimizer.Adam(learningRate: 0.1);
/// var state = OptimizerState.Initial;
/// var step = adam.Step(parameters, Reverse.Grad(loss, parameters), state);   // step.Parameters, step.State
/// </code>
/// </example>
public abstract partial record Optimizer
{
    private protected Optimizer(double learningRate)
    {
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate,
                $"The learning rate must be a positive finite number, not {learningRate}.");
        LearningRate = learningRate;
    }

    /// <summary>The step size: how far one step moves along the (scaled) negative gradient.</summary>
    public double LearningRate { get; }

    /// <summary>Plain gradient descent: p ← p − η·g.</summary>
    /// <param name="learningRate">η, a positive number such as 0.01.</param>
    /// <example><code>Optimizer.Sgd(learningRate: 0.05)</code></example>
    /// <exception cref="ArgumentOutOfRangeException">The learning rate is not positive and finite.</exception>
    public static Optimizer Sgd(double learningRate) => new SgdOptimizer(learningRate);

    /// <summary>Gradient descent with momentum (as PyTorch's SGD): v ← β·v + g, p ← p − η·v.</summary>
    /// <param name="learningRate">η, a positive number such as 0.01.</param>
    /// <param name="beta">β in [0, 1): how much of the previous velocity each step keeps.</param>
    /// <example><code>Optimizer.Momentum(learningRate: 0.01, beta: 0.9)</code></example>
    /// <exception cref="ArgumentOutOfRangeException">The learning rate is not positive and finite, or β is outside [0, 1).</exception>
    public static Optimizer Momentum(double learningRate, double beta = 0.9) => new MomentumOptimizer(learningRate, beta);

    /// <summary>
    /// Adam (Kingma and Ba, 2015): running averages m of the gradient and v of its square, bias-corrected,
    /// give p ← p − η·m̂ / (√v̂ + ε).
    /// </summary>
    /// <param name="learningRate">η, a positive number; 0.001 is the usual default, 0.01–0.1 for small models.</param>
    /// <param name="beta1">Decay of the gradient average, in [0, 1).</param>
    /// <param name="beta2">Decay of the squared-gradient average, in [0, 1).</param>
    /// <param name="epsilon">A small positive number that keeps the division finite.</param>
    /// <example><code>Optimizer.Adam(learningRate: 0.1)</code></example>
    /// <exception cref="ArgumentOutOfRangeException">A rate is not positive and finite, or a β is outside [0, 1).</exception>
    public static Optimizer Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) =>
        new AdamOptimizer(learningRate, beta1, beta2, epsilon);

    /// <summary>
    /// One step: new parameters and a new state from the current parameters, their gradient and the state
    /// the previous step returned (start with <see cref="OptimizerState.Initial"/>). A parameter the
    /// gradient lacks has gradient zero; a gradient entry that is not a parameter is ignored.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public OptimizerStep Step(Bindings parameters, NamedValues gradient, OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(state);
        var names = parameters.Names;
        var p = names.Select(parameters.Scalar).ToArray();
        var g = names.Select(n => gradient.GetOrDefault(n, 0).ToScalar()).ToArray();
        var m = names.Select(n => state.FirstMoment.GetOrDefault(n, 0).ToScalar()).ToArray();
        var v = names.Select(n => state.SecondMoment.GetOrDefault(n, 0).ToScalar()).ToArray();
        var steps = state.Steps + 1;
        Update(p, g, m, v, steps);
        return new OptimizerStep(
            Zip(names, p),
            new OptimizerState(steps, Zip(names, m), Zip(names, v)));
    }

    /// <summary>Updates, in place, the arrays this call owns: parameters <paramref name="p"/> and moments <paramref name="m"/>, <paramref name="v"/>.</summary>
    private protected abstract void Update(double[] p, double[] g, double[] m, double[] v, long step);

    private protected static double CheckBeta(double beta, string name) =>
        beta is >= 0 and < 1
            ? beta
            : throw new ArgumentOutOfRangeException(name, beta, $"{name} must be in [0, 1), not {beta}.");

    private static Bindings Zip(ImmutableArray<string> names, double[] values) =>
        Bindings.Of([.. names.Select((n, i) => (n, values[i]))]);
}
