using Spectre.Console;

namespace FunctionalAD.Cli.Output;

/// <summary>
/// Runs a training with a live progress bar on a terminal, or, when the output is redirected (a file, a pipe, CI),
/// a plain line every tenth of the run, since redirected output cannot redraw a bar. Both show the loss on the
/// held-out rows beside the training loss when rows are held out.
/// </summary>
internal static class TrainingProgressBar
{
    public static T Run<T>(IAnsiConsole console, int epochs, Func<IProgress<TrainingProgress>, T> train)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            var every = Math.Max(1, epochs / 10);
            return train(new Reporter(report =>
            {
                if (report.Epoch % every == 0 || report.Epoch == report.Epochs)
                    console.WriteLine($"  epoch {report.Epoch,4}/{report.Epochs}  loss {Numbers.Short(report.Loss),-9}{Validation(report)}  {report.Elapsed.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)} s");
            }));
        }
        T result = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("training", maxValue: epochs);
                result = train(new Reporter(report =>
                {
                    task.Value = report.Epoch;
                    task.Description = $"epoch {report.Epoch,4}/{report.Epochs}  loss {Numbers.Short(report.Loss),-9}{Validation(report)}";
                }));
                task.Value = epochs; // an early stop fills the bar too
            });
        return result;
    }

    private static string Validation(TrainingProgress report) =>
        report.ValidationLoss is { } loss ? $"  validation {Numbers.Short(loss),-9}" : "";

    private sealed class Reporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
