using ScottPlot;

namespace FunctionalAD.Cli.Output;

/// <summary>The loss curve as a PNG: loss against epoch on a logarithmic axis, epoch 0 being the loss before training.</summary>
internal static class LossPlot
{
    public static void Save(string path, double initialLoss, IReadOnlyList<double> losses, string lossName)
    {
        var epochs = Enumerable.Range(0, losses.Count + 1).Select(e => (double)e).ToArray();
        // ScottPlot draws a log axis as log10 of the data with tick labels mapped back.
        var logLosses = losses.Prepend(initialLoss).Select(Math.Log10).ToArray();
        var plot = new Plot();
        var line = plot.Add.Scatter(epochs, logLosses);
        line.MarkerSize = 0;
        line.LineWidth = 2;
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Numbers.Short(Math.Pow(10, y)),
        };
        plot.Axes.Left.TickGenerator = ticks;
        plot.Title("Fitting y = w*x + b");
        plot.XLabel("epoch");
        plot.YLabel(lossName);
        Files.OutputFile.Write(path, "--out", stream =>
        {
            using var image = plot.GetImage(640, 400);
            stream.Write(image.GetImageBytes(ImageFormat.Png));
        });
    }
}
