using System.Collections.Immutable;
using System.Diagnostics;

namespace FunctionalAD;

/// <summary>
/// The epoch loop that <see cref="Training"/> and <see cref="ModelTraining"/> share: mini-batches of a seeded
/// shuffle, one optimizer step per batch, the loss over all rows after each epoch, progress, divergence and early
/// stopping. The callers supply what differs — how the whole loss is measured and how a batch makes a step — and,
/// when rows are held out, how the loss on them is measured, which is reported beside the training loss.
/// </summary>
internal static class TrainingLoop
{
    /// <summary>
    /// What a run leaves: the last parameters, the loss before training, the loss after each epoch, why it ended, and
    /// the held-out loss before training and after each epoch (null and empty without held-out rows).
    /// </summary>
    internal readonly record struct Outcome<TParameters>(
        TParameters Parameters, double InitialLoss, ImmutableArray<double> Losses, StopReason Reason,
        double? InitialValidationLoss, ImmutableArray<double> ValidationLosses);

    /// <summary>
    /// Runs up to <see cref="TrainingSchedule.Epochs"/> epochs over <paramref name="rows"/> rows. The row order is shuffled in
    /// place before each epoch by one generator seeded once, so the same seed gives the same batches.
    /// </summary>
    internal static Outcome<TParameters> Run<TParameters, TState>(
        TParameters parameters,
        TState state,
        int rows,
        Func<TParameters, double> wholeLoss,
        Func<TParameters, TState, ArraySegment<int>, (TParameters Parameters, TState State)> step,
        TrainingSchedule schedule,
        Stopwatch clock,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellation,
        Func<TParameters, double>? validationLoss = null)
    {
        var (batchSize, epochs, patience, minImprovement) = (schedule.BatchSize, schedule.Epochs, schedule.Patience, schedule.MinImprovement);
        var initialLoss = wholeLoss(parameters);
        var losses = ImmutableArray.CreateBuilder<double>(epochs);
        var initialValidationLoss = validationLoss?.Invoke(parameters);
        var validationLosses = ImmutableArray.CreateBuilder<double>(validationLoss is null ? 0 : epochs);
        var order = Enumerable.Range(0, rows).ToArray();
        var random = schedule.ShuffleSeed is { } seed ? new Random(seed) : null;
        var (best, sinceBest, reason) = (initialLoss, 0, StopReason.Completed);
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            random?.Shuffle(order);
            for (var start = 0; start < rows; start += batchSize)
                (parameters, state) = step(parameters, state, new ArraySegment<int>(order, start, Math.Min(batchSize, rows - start)));
            var loss = wholeLoss(parameters);
            losses.Add(loss);
            var heldOut = validationLoss?.Invoke(parameters);
            if (heldOut is { } v) validationLosses.Add(v);
            progress?.Report(new TrainingProgress(epoch, epochs, loss, clock.Elapsed) { ValidationLoss = heldOut });
            if (!double.IsFinite(loss)) { reason = StopReason.Diverged; break; }
            if (loss < best - minImprovement) (best, sinceBest) = (loss, 0);
            else if (patience is { } p && ++sinceBest >= p) { reason = StopReason.EarlyStopping; break; }
        }
        return new Outcome<TParameters>(
            parameters, initialLoss, losses.ToImmutable(), reason, initialValidationLoss, validationLosses.ToImmutable());
    }
}
