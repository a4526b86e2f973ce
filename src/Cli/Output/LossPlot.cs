using ScottPlot;

namespace FunctionalAD.Cli.Output;

/// <summary>
/// Loss curves as a PNG: loss against epoch on a logarithmic axis, epoch 0 being the loss before training. Several
/// curves (training and validation) get a legend naming each.
/// </summary>
internal static class LossPlot
{
    /// <summary>One curve: its name in the legend, the loss before training, and the loss after each epoch.</summary>
    public sealed record Curve(string Name, double InitialLoss, IReadOnlyList<double> Losses);

    /// <summary>Draws the one loss curve of <c>fad demo</c> into <paramref name="path"/>, an output checked beforehand.</summary>
    public static void Save(string path, double initialLoss, IReadOnlyList<double> losses, string lossName) =>
        Save(path, "--out", "Fitting y = w*x + b", lossName, [new Curve("loss", initialLoss, losses)]);

    /// <summary>
    /// Draws <paramref name="curves"/> into <paramref name="path"/> whole or not at all (an output checked beforehand with
    /// <see cref="Files.OutputFile.Check"/>); <paramref name="option"/> names it in an error.
    /// </summary>
    public static void Save(string path, string option, string title, string lossName, IReadOnlyList<Curve> curves)
    {
        var plot = new Plot();
        foreach (var curve in curves)
        {
            var epochs = Enumerable.Range(0, curve.Losses.Count + 1).Select(e => (double)e).ToArray();
            // ScottPlot draws a log axis as log10 of the data with tick labels mapped back; a loss of 0 or one that
            // is not finite has no place on it and leaves a gap.
            var logLosses = curve.Losses.Prepend(curve.InitialLoss).Select(l => l > 0 && double.IsFinite(l) ? Math.Log10(l) : double.NaN).ToArray();
            var line = plot.Add.Scatter(epochs, logLosses);
            line.MarkerSize = 0;
            line.LineWidth = 2;
            if (curves.Count > 1) line.LegendText = curve.Name;
        }
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Numbers.Short(Math.Pow(10, y)),
        };
        plot.Axes.Left.TickGenerator = ticks;
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(lossName);
        if (curves.Count > 1) plot.ShowLegend(Alignment.UpperRight);
        Files.OutputFile.Write(path, option, stream =>
        {
            using var image = plot.GetImage(640, 400);
            stream.Write(image.GetImageBytes(ImageFormat.Png));
        });
    }
}
