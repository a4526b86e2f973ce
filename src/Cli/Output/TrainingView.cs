using Spectre.Console;

namespace FunctionalAD.Cli.Output;

/// <summary>
/// Runs a training with its progress on the console: a live bar in a terminal, and a line every tenth of the
/// run where output is redirected (a file, a pipe, CI), which cannot redraw a bar.
/// </summary>
internal static class TrainingView
{
    public static TrainingResult Run(IAnsiConsole console, Training training, CancellationToken cancellationToken)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            var every = Math.Max(1, training.Epochs / 10);
            return training.Run(new EpochReporter(report =>
            {
                if (report.Epoch % every == 0 || report.Epoch == report.Epochs)
                    console.WriteLine($"  epoch {report.Epoch,3}/{report.Epochs}  loss {Numbers.Short(report.Loss)}");
            }), cancellationToken);
        }
        TrainingResult? fit = null;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("training", maxValue: training.Epochs);
                fit = training.Run(new EpochReporter(report =>
                {
                    task.Value = report.Epoch;
                    task.Description = $"epoch {report.Epoch,3}/{report.Epochs}  loss {Numbers.Short(report.Loss),-9}";
                }), cancellationToken);
                task.Value = training.Epochs; // an early stop completes the bar too
            });
        return fit!;
    }

    /// <summary>Reports synchronously on the training thread (unlike <see cref="Progress{T}"/>, which posts to a context).</summary>
    private sealed class EpochReporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
