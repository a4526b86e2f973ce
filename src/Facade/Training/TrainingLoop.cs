using System.Collections.Immutable;
using System.Diagnostics;

namespace FunctionalAD;

/// <summary>
/// The epoch loop of every <see cref="Training"/>: mini-batches of a seeded shuffle, one optimizer step per batch,
/// the loss over all rows after each epoch, progress, divergence and early stopping. The
/// <see cref="TrainingProblem"/> supplies what depends on the kind of model — how the losses are measured and how a
/// batch's gradient is computed.
/// </summary>
internal static class TrainingLoop
{
    /// <summary>
    /// What a run leaves: the last parameters, the loss before training, the loss after each epoch, why it ended, and
    /// the held-out loss before training and after each epoch (null and empty without held-out rows).
    /// </summary>
    internal readonly record struct Outcome(
        Bindings Parameters, double InitialLoss, ImmutableArray<double> Losses, StopReason Reason,
        double? InitialValidationLoss, ImmutableArray<double> ValidationLosses);

    /// <summary>
    /// Runs up to <see cref="Training.Epochs"/> epochs over the problem's rows from <see cref="Training.InitialParameters"/>.
    /// The row order is shuffled in place before each epoch by one generator seeded once, so the same seed gives the
    /// same batches.
    /// </summary>
    internal static Outcome Run(
        Training training, TrainingProblem problem, Stopwatch clock, IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        var (rows, batchSize, epochs, patience, minImprovement) =
            (problem.Rows, training.BatchSize, training.Epochs, training.Patience, training.MinImprovement);
        var (parameters, state) = (training.InitialParameters, OptimizerState.Initial);
        var initialLoss = problem.Loss(parameters);
        var losses = ImmutableArray.CreateBuilder<double>(epochs);
        var initialValidationLoss = problem.ValidationLoss?.Invoke(parameters);
        var validationLosses = ImmutableArray.CreateBuilder<double>(problem.ValidationLoss is null ? 0 : epochs);
        var order = Enumerable.Range(0, rows).ToArray();
        var random = training.ShuffleSeed is { } seed ? new Random(seed) : null;
        var (best, sinceBest, reason) = (initialLoss, 0, StopReason.Completed);
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            random?.Shuffle(order);
            for (var start = 0; start < rows; start += batchSize)
            {
                var batch = new ArraySegment<int>(order, start, Math.Min(batchSize, rows - start));
                (parameters, state) = training.Optimizer.Step(parameters, problem.Gradient(parameters, batch), state);
            }
            var loss = problem.Loss(parameters);
            losses.Add(loss);
            var heldOut = problem.ValidationLoss?.Invoke(parameters);
            if (heldOut is { } v) validationLosses.Add(v);
            progress?.Report(new TrainingProgress(epoch, epochs, loss, clock.Elapsed) { ValidationLoss = heldOut });
            if (!double.IsFinite(loss)) { reason = StopReason.Diverged; break; }
            if (loss < best - minImprovement) (best, sinceBest) = (loss, 0);
            else if (patience is { } p && ++sinceBest >= p) { reason = StopReason.EarlyStopping; break; }
        }
        return new Outcome(parameters, initialLoss, losses.ToImmutable(), reason, initialValidationLoss, validationLosses.ToImmutable());
    }
}
