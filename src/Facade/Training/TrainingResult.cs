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

/// <summary>
/// The outcome of <see cref="Training.Run"/>, for a graph model or a network alike: the trained parameters and the
/// loss history, as immutable values.
/// </summary>
/// <param name="Parameters">The parameters after the last epoch (a graph model's as scalar tensors).</param>
/// <param name="InitialLoss">The loss over all rows before the first step.</param>
/// <param name="Losses">The loss over all rows after each epoch; its length is the number of epochs made.</param>
/// <param name="StopReason">Why the run ended.</param>
/// <param name="Elapsed">How long the run took.</param>
public sealed record TrainingResult(
    Bindings Parameters, double InitialLoss, ImmutableArray<double> Losses, StopReason StopReason, TimeSpan Elapsed)
{
    /// <summary>The network that was trained, or null when a graph model was.</summary>
    public Model? Model { get; init; }

    /// <summary>The number of epochs made.</summary>
    public int Epochs => Losses.Length;

    /// <summary>The loss after the last epoch (the initial loss when no epoch was made).</summary>
    public double FinalLoss => Losses.IsEmpty ? InitialLoss : Losses[^1];

    /// <summary>The loss over the held-out rows before the first step, or null when none were held out.</summary>
    public double? InitialValidationLoss { get; init; }

    /// <summary>
    /// The loss over the held-out rows after each epoch, as long as <see cref="Losses"/>; empty when none were held
    /// out (see <see cref="Training.ValidatingOn(Tensor, Tensor)"/>).
    /// </summary>
    public ImmutableArray<double> ValidationLosses { get; init; } = [];

    /// <summary>The held-out loss after the last epoch (before training when no epoch was made), or null when none were held out.</summary>
    public double? FinalValidationLoss => ValidationLosses.IsDefaultOrEmpty ? InitialValidationLoss : ValidationLosses[^1];

    /// <summary>The trained network's outputs for each row of <paramref name="features"/> (see <see cref="Model.Predict"/>).</summary>
    /// <exception cref="ShapeMismatchException">The features are not n × <see cref="Model.Inputs"/>.</exception>
    /// <exception cref="InvalidOperationException">A graph model was trained, not a network.</exception>
    public Tensor Predict(Tensor features) => Network(nameof(Predict)).Predict(Parameters, features);

    /// <summary>The trained network's class for each row of <paramref name="features"/> (see <see cref="Model.Classify"/>).</summary>
    /// <exception cref="ShapeMismatchException">The features are not n × <see cref="Model.Inputs"/>.</exception>
    /// <exception cref="InvalidOperationException">A graph model was trained, not a network.</exception>
    public ImmutableArray<int> Classify(Tensor features) => Network(nameof(Classify)).Classify(Parameters, features);

    /// <summary>The fraction of rows the trained network classifies as labelled (see <see cref="Model.Accuracy"/>).</summary>
    /// <exception cref="ArgumentException">The number of labels is not the number of rows.</exception>
    /// <exception cref="InvalidOperationException">A graph model was trained, not a network.</exception>
    public double Accuracy(Tensor features, IReadOnlyList<int> labels) => Network(nameof(Accuracy)).Accuracy(Parameters, features, labels);

    /// <summary>The trained network's R² against <paramref name="targets"/> (see <see cref="Model.RSquared"/>).</summary>
    /// <exception cref="ArgumentException">The targets' shape does not fit the predictions.</exception>
    /// <exception cref="InvalidOperationException">A graph model was trained, not a network.</exception>
    public double RSquared(Tensor features, Tensor targets) => Network(nameof(RSquared)).RSquared(Parameters, features, targets);

    private Model Network(string call) => Model ?? throw new InvalidOperationException(
        $"{call} scores a trained network on a features matrix, but this result is of a graph model; evaluate the graph at the result's parameters with Graph.Evaluate.");
}
