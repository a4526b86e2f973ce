using System.Diagnostics;
using FunctionalAD.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FunctionalAD.Cli.Commands;

/// <summary>
/// <c>fad demo</c>: the walkthrough of y = w·x + b — its graph, its partial derivatives by forward mode,
/// reverse mode and central differences, a fit of w and b to a seeded data set, and the pictures as files.
/// </summary>
internal sealed class DemoCommand(IAnsiConsole console) : Command<DemoSettings>
{
    private const int Epochs = 60, BatchSize = 10, ShuffleSeed = 7;
    private const double LearningRate = 0.1;

    public override int Execute(CommandContext context, DemoSettings settings, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(settings.Out);
        var (w, x, b) = (Expr.Input("w"), Expr.Input("x"), Expr.Input("b"));
        Expr y = w * x + b;

        console.Write(new Rule("[bold]1. The model is a graph[/]").LeftJustified());
        console.WriteLine($"y = {y}: a multiply feeding an add, {Graph.NodeCount(y)} nodes.");
        console.Write(GraphTree.Of(y, "y"));
        console.WriteLine();

        var at = Bindings.Of(("w", 2.0), ("x", 3.0), ("b", 1.0));
        console.Write(new Rule("[bold]2. Its derivatives, three ways[/]").LeftJustified());
        console.WriteLine($"At w = 2, x = 3, b = 1 the value is y = {Numbers.Format(Graph.Evaluate(y, at))}.");
        console.Write(DerivativeTable.Of(y, at, "y", new Dictionary<string, string> { ["b"] = "1", ["w"] = "x = 3", ["x"] = "w = 2" }));
        console.WriteLine("Forward mode: one dual-number sweep per input. Reverse mode: one backward sweep for all.");
        console.WriteLine("Central difference: (y(v + h) - y(v - h)) / 2h, from values alone.");
        console.WriteLine();

        var rows = DemoData.Rows();
        console.Write(new Rule("[bold]3. Learning w and b from data[/]").LeftJustified());
        console.WriteLine(
            $"{rows.Length} points of y = {Numbers.Format(DemoData.TrueW)}x + {Numbers.Format(DemoData.TrueB)} plus noise (sd {Numbers.Format(DemoData.Noise)}, seed {DemoData.Seed}); " +
            $"start at w = 0, b = 0; Adam, learning rate {Numbers.Format(LearningRate)}, batches of {BatchSize}, {Epochs} epochs.");
        var training = Train.Model(y)
            .StartingFrom(("w", 0.0), ("b", 0.0))
            .On(rows, target: "y")
            .Minimizing(Loss.MeanSquaredError)
            .With(Optimizer.Adam(learningRate: LearningRate))
            .InBatchesOf(BatchSize)
            .ShuffledWithSeed(ShuffleSeed)
            .For(Epochs);
        var fit = RunWithProgressBar(training, cancellationToken);
        console.Write(ResultTable(fit));
        console.MarkupLine($"[bold]Learned: w = {Numbers.Short(fit.Parameters["w"])}, b = {Numbers.Short(fit.Parameters["b"])}[/] after {fit.Epochs} epochs.");
        console.WriteLine();

        console.Write(new Rule("[bold]4. Pictures[/]").LeftJustified());
        console.WriteLine($"Writing into {folder}");
        console.Write(FilesTable(WriteFiles(folder, y, fit)));
        return FadApp.Success;
    }

    private TrainingResult RunWithProgressBar(Training training, CancellationToken cancellationToken)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            // Redirected output (a file, a pipe, CI) cannot redraw a bar: print a line every tenth of the run instead.
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
            });
        return fit!;
    }

    private static Table ResultTable(TrainingResult fit)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("parameter");
        table.AddColumn(new TableColumn("learned").RightAligned());
        table.AddColumn(new TableColumn("generating").RightAligned());
        table.AddRow("w", Numbers.Short(fit.Parameters["w"]), Numbers.Format(DemoData.TrueW));
        table.AddRow("b", Numbers.Short(fit.Parameters["b"]), Numbers.Format(DemoData.TrueB));
        table.AddRow("loss (MSE)", $"{Numbers.Short(fit.InitialLoss)} -> {Numbers.Short(fit.FinalLoss)}", $"noise variance {Numbers.Format(DemoData.Noise * DemoData.Noise)}");
        return table;
    }

    private static List<(string Path, string What)> WriteFiles(string folder, Expr y, TrainingResult fit)
    {
        Directory.CreateDirectory(folder);
        var written = new List<(string, string)>();
        var dot = Path.Combine(folder, "graph.dot");
        File.WriteAllText(dot, Export.ToDot(y, "y"));
        written.Add((dot, "the graph for Graphviz"));
        var mermaid = Path.Combine(folder, "graph.mmd");
        File.WriteAllText(mermaid, Export.ToMermaid(y, "y"));
        written.Add((mermaid, "the graph for Mermaid"));
        var png = Path.Combine(folder, "loss.png");
        LossPlot.Save(png, fit.InitialLoss, fit.Losses, "mean squared error");
        written.Add((png, "the loss curve"));
        var svg = Path.Combine(folder, "graph.svg");
        if (TryGraphviz(dot, svg)) written.Add((svg, "the graph drawn by Graphviz"));
        return written;
    }

    /// <summary>Draws the graph with Graphviz when <c>dot</c> is installed; without it the demo simply skips the SVG.</summary>
    private static bool TryGraphviz(string dot, string svg)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (!path.Split(Path.PathSeparator).Any(dir => dir.Length > 0 && (File.Exists(Path.Combine(dir, "dot")) || File.Exists(Path.Combine(dir, "dot.exe")))))
            return false;
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dot", ["-Tsvg", dot, "-o", svg])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            });
            if (process is null) return false;
            if (!process.WaitForExit(TimeSpan.FromSeconds(20))) { process.Kill(); return false; }
            return process.ExitCode == 0 && File.Exists(svg);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static Table FilesTable(IEnumerable<(string Path, string What)> files)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("file");
        table.AddColumn("what");
        table.AddColumn(new TableColumn("bytes").RightAligned());
        foreach (var (path, what) in files)
            table.AddRow(Markup.Escape(Path.GetFileName(path)), what, new FileInfo(path).Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return table;
    }

    /// <summary>Reports synchronously on the training thread (unlike <see cref="Progress{T}"/>, which posts to a context).</summary>
    private sealed class EpochReporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
