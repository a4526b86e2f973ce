using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>Why a training run ended.</summary>
public enum StopReason
{
    /// <summary>It made every epoch it was asked for.</summary>
    Completed,
    /// <summary>The loss stopped improving for the patience given to <see cref="Training.StopEarly"/>.</summary>
    EarlyStopping,
    /// <summary>The loss became NaN or infinite (often a learning rate that is too large).</summary>
    Diverged,
}

/// <summary>The outcome of <see cref="Training.Run"/>: new parameters and the loss history, as immutable values.</summary>
/// <param name="Parameters">The parameters after the last epoch.</param>
/// <param name="InitialLoss">The loss over the whole data set before the first step.</param>
/// <param name="Losses">The loss over the whole data set after each epoch; its length is the number of epochs made.</param>
/// <param name="StopReason">Why the run ended.</param>
/// <param name="Elapsed">How long the run took.</param>
public sealed record TrainingResult(
    Bindings Parameters, double InitialLoss, ImmutableArray<double> Losses, StopReason StopReason, TimeSpan Elapsed)
{
    /// <summary>The number of epochs made.</summary>
    public int Epochs => Losses.Length;

    /// <summary>The loss after the last epoch (the initial loss when no epoch was made).</summary>
    public double FinalLoss => Losses.IsEmpty ? InitialLoss : Losses[^1];
}
