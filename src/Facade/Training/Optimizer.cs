namespace FunctionalAD;

/// <summary>
/// A rule that moves parameters against their gradient. An optimizer is an immutable value; its memory
/// between steps (momentum, running averages) is an explicit <see cref="OptimizerState"/> that
/// <see cref="Step"/> takes and returns, so a step never changes what the caller holds.
/// </summary>
/// <example>
/// <code>
/// var adam = Optimizer.Adam(learningRate: 0.1);
/// var state = OptimizerState.Initial;
/// var step = adam.Step(parameters, Reverse.Grad(loss, parameters), state);   // step.Parameters, step.State
/// </code>
/// </example>
public abstract record Optimizer
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
    /// One step: new parameters and a new state from the current parameters (scalars or tensors, such as a
    /// <see cref="Model"/>'s), their gradient and the state the previous step returned (start with
    /// <see cref="OptimizerState.Initial"/>). A parameter the gradient lacks has gradient zero; a gradient entry
    /// that is not a parameter is ignored. Nothing given is changed.
    /// </summary>
    /// <remarks>
    /// Every tensor is laid end to end in one flat array (row-major, in name order), so each optimizer states its
    /// update once, over doubles, for scalars and tensors alike.
    /// </remarks>
    /// <exception cref="ArgumentException">A gradient or moment does not have its parameter's shape.</exception>
    public OptimizerStep Step(Bindings parameters, IReadOnlyDictionary<string, Tensor> gradient, OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(state);
        var names = parameters.Names;
        var shapes = parameters.Values.Select(t => t.Shape).ToArray();
        var p = Flatten(parameters, names, shapes, null, "parameters");
        var g = Flatten(gradient, names, shapes, "gradient", nameof(gradient));
        var m = Flatten(state.FirstMoment, names, shapes, "first moment", nameof(state));
        var v = Flatten(state.SecondMoment, names, shapes, "second moment", nameof(state));
        var steps = state.Steps + 1;
        Update(p, g, m, v, steps);
        return new OptimizerStep(
            Unflatten(names, shapes, p),
            new OptimizerState(steps, Unflatten(names, shapes, m), Unflatten(names, shapes, v)));
    }

    /// <summary>The tensors for <paramref name="names"/>, end to end; a missing name (when <paramref name="what"/> is given) is zeros.</summary>
    private static double[] Flatten(IReadOnlyDictionary<string, Tensor> source, IReadOnlyList<string> names, Shape[] shapes, string? what, string argument)
    {
        var flat = new double[shapes.Sum(s => s.Count)];
        var offset = 0;
        for (var i = 0; i < names.Count; i++)
        {
            if (source.TryGetValue(names[i], out var tensor))
            {
                if (tensor.Shape != shapes[i])
                    throw new ArgumentException(
                        $"The {what} of '{names[i]}' has shape {tensor.Shape}, but the parameter has shape {shapes[i]}.", argument);
                tensor.CopyTo(flat.AsSpan(offset));
            }
            offset += shapes[i].Count;
        }
        return flat;
    }

    private static Bindings Unflatten(IReadOnlyList<string> names, Shape[] shapes, double[] flat)
    {
        var pairs = new (string, Tensor)[names.Count];
        var offset = 0;
        for (var i = 0; i < names.Count; i++)
        {
            pairs[i] = (names[i], Tensor.Of(flat.AsSpan(offset, shapes[i].Count), shapes[i]));
            offset += shapes[i].Count;
        }
        return Bindings.Of(pairs);
    }

    /// <summary>Updates, in place, the arrays this call owns: parameters <paramref name="p"/> and moments <paramref name="m"/>, <paramref name="v"/>.</summary>
    private protected abstract void Update(double[] p, double[] g, double[] m, double[] v, long step);

    private protected static double CheckBeta(double beta, string name) =>
        beta is >= 0 and < 1
            ? beta
            : throw new ArgumentOutOfRangeException(name, beta, $"{name} must be in [0, 1), not {beta}.");
}
