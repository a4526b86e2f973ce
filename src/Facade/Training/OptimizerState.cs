namespace FunctionalAD;

/// <summary>
/// What an <see cref="Optimizer"/> remembers between steps, as an immutable value: the number of steps taken and
/// two running averages per parameter (the velocity of momentum, Adam's first and second moments), each of the
/// parameter's shape. A name missing from a moment counts as zeros.
/// </summary>
/// <param name="Steps">Steps taken so far.</param>
/// <param name="FirstMoment">Momentum's velocity, or Adam's average gradient.</param>
/// <param name="SecondMoment">Adam's average squared gradient.</param>
public sealed record OptimizerState(long Steps, Bindings FirstMoment, Bindings SecondMoment)
{
    /// <summary>The state before the first step: no steps, zero moments.</summary>
    public static OptimizerState Initial { get; } = new(0, Bindings.Empty, Bindings.Empty);
}

/// <summary>The result of one <see cref="Optimizer.Step"/>: the new parameters and the state for the next step.</summary>
/// <param name="Parameters">The parameters after the step.</param>
/// <param name="State">The state to pass to the next step.</param>
public sealed record OptimizerStep(Bindings Parameters, OptimizerState State);
