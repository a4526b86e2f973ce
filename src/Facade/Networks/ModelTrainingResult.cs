using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>The outcome of <see cref="ModelTraining.Run"/>: the trained parameters and the loss history, as immutable values.</summary>
/// <param name="Model">The model that was trained.</param>
/// <param name="Parameters">The parameters after the last epoch.</param>
/// <param name="InitialLoss">The loss over all rows before the first step.</param>
/// <param name="Losses">The loss over all rows after each epoch; its length is the number of epochs made.</param>
/// <param name="StopReason">Why the run ended.</param>
/// <param name="Elapsed">How long the run took.</param>
public sealed record ModelTrainingResult(
    Model Model, Bindings Parameters, double InitialLoss, ImmutableArray<double> Losses, StopReason StopReason, TimeSpan Elapsed)
{
    /// <summary>The number of epochs made.</summary>
    public int Epochs => Losses.Length;

    /// <summary>The loss after the last epoch (the initial loss when no epoch was made).</summary>
    public double FinalLoss => Losses.IsEmpty ? InitialLoss : Losses[^1];

    /// <summary>The loss over the held-out rows before the first step, or null when none were held out.</summary>
    public double? InitialValidationLoss { get; init; }

    /// <summary>
    /// The loss over the held-out rows after each epoch, as long as <see cref="Losses"/>; empty when none were held
    /// out (see <see cref="ModelTraining.ValidatingOn(Tensor, Tensor)"/>).
    /// </summary>
    public ImmutableArray<double> ValidationLosses { get; init; } = [];

    /// <summary>The held-out loss after the last epoch (before training when no epoch was made), or null when none were held out.</summary>
    public double? FinalValidationLoss => ValidationLosses.IsDefaultOrEmpty ? InitialValidationLoss : ValidationLosses[^1];

    /// <summary>The trained model's outputs for each row of <paramref name="features"/> (see <see cref="Model.Predict"/>).</summary>
    /// <exception cref="ShapeMismatchException">The features are not n × <see cref="Model.Inputs"/>.</exception>
    public Tensor Predict(Tensor features) => Model.Predict(Parameters, features);

    /// <summary>The trained model's class for each row of <paramref name="features"/> (see <see cref="Model.Classify"/>).</summary>
    /// <exception cref="ShapeMismatchException">The features are not n × <see cref="Model.Inputs"/>.</exception>
    public ImmutableArray<int> Classify(Tensor features) => Model.Classify(Parameters, features);

    /// <summary>The fraction of rows the trained model classifies as labelled (see <see cref="Model.Accuracy"/>).</summary>
    /// <exception cref="ArgumentException">The number of labels is not the number of rows.</exception>
    public double Accuracy(Tensor features, IReadOnlyList<int> labels) => Model.Accuracy(Parameters, features, labels);

    /// <summary>The trained model's R² against <paramref name="targets"/> (see <see cref="Model.RSquared"/>).</summary>
    /// <exception cref="ArgumentException">The targets' shape does not fit the predictions.</exception>
    public double RSquared(Tensor features, Tensor targets) => Model.RSquared(Parameters, features, targets);
}
