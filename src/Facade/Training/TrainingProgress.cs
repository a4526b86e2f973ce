namespace FunctionalAD;

/// <summary>What a training run reports after each epoch through <see cref="IProgress{T}"/>.</summary>
/// <param name="Epoch">The epoch just finished, from 1.</param>
/// <param name="Epochs">The most epochs the run will make.</param>
/// <param name="Loss">The loss over the whole data set after this epoch.</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, double Loss, TimeSpan Elapsed)
{
    /// <summary>
    /// The loss over the held-out rows after this epoch, or null when none are held out (see
    /// <see cref="Training.ValidatingOn(Tensor, Tensor)"/>).
    /// </summary>
    public double? ValidationLoss { get; init; }
}
