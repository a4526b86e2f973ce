namespace FunctionalAD.Cli.Output;

/// <summary>
/// Watches the loss after each epoch and stops a training that diverges: a loss that is infinite or NaN, or that
/// exceeds <see cref="Factor"/> times the loss of the constant prediction (1 for the mean squared error of a
/// standardised target, ln k for k classes), since steps that overshoot that far only grow. It stops the run by
/// cancelling the token the training is given, linked to the user's own cancellation.
/// </summary>
internal sealed class DivergenceWatch : IDisposable
{
    /// <summary>How many times the constant prediction's loss counts as exploding.</summary>
    public const double Factor = 1e6;

    private readonly CancellationTokenSource source;
    private readonly double limit;

    public DivergenceWatch(double constantPredictionLoss, CancellationToken cancellation)
    {
        limit = Factor * Math.Max(1, constantPredictionLoss);
        source = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
    }

    /// <summary>The token to train with: cancelled by the user or on divergence.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>The epoch and loss at which the training diverged, or null.</summary>
    public (int Epoch, double Loss)? Diverged { get; private set; }

    /// <summary><paramref name="progress"/>, watched.</summary>
    public IProgress<TrainingProgress> Watching(IProgress<TrainingProgress> progress) => new Reporter(report =>
    {
        progress.Report(report);
        if (Diverged is null && !(report.Loss <= limit))
        {
            Diverged = (report.Epoch, report.Loss);
            source.Cancel();
        }
    });

    public void Dispose() => source.Dispose();

    private sealed class Reporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
