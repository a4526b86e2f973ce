using System.Diagnostics;
using FunctionalAD.Cli.Files;
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
        // Checked before the walkthrough, so that its fit is never lost to a folder it cannot write.
        var folder = OutputFile.CheckFolder(settings.Out, "--out", Files);
        var (w, x, b) = (Expr.Input("w"), Expr.Input("x"), Expr.Input("b"));
        Expr y = w * x + b;

        console.Write(new Heading("[bold]1. The model is a graph[/]"));
        console.WriteLine($"y = {y}: a multiply feeding an add, {Graph.NodeCount(y)} nodes.");
        console.Write(GraphTree.Of(y, "y"));
        console.WriteLine();

        var at = Bindings.Of(("w", 2.0), ("x", 3.0), ("b", 1.0));
        console.Write(new Heading("[bold]2. Its derivatives, three ways[/]"));
        console.WriteLine($"At w = 2, x = 3, b = 1 the value is y = {Numbers.Format(Graph.Evaluate(y, at))}.");
        console.Write(DerivativeTable.Of(y, at, "y", new Dictionary<string, string> { ["b"] = "1", ["w"] = "x = 3", ["x"] = "w = 2" }));
        console.WriteLine("forward mode:       one dual-number sweep per input");
        console.WriteLine("reverse mode:       one backward sweep gives every partial");
        console.WriteLine("central difference: (y(v + h) - y(v - h)) / 2h, from values alone");
        console.WriteLine();

        var rows = DemoData.Rows();
        console.Write(new Heading("[bold]3. Learning w and b from data[/]"));
        console.WriteLine(
            $"data:     {rows.Length} points of y = {Numbers.Format(DemoData.TrueW)}x + {Numbers.Format(DemoData.TrueB)} plus noise (sd {Numbers.Format(DemoData.Noise)}, seed {DemoData.Seed})");
        console.WriteLine(
            $"training: from w = 0, b = 0; Adam, learning rate {Numbers.Format(LearningRate)}, batches of {BatchSize}, {Epochs} epochs");
        var training = Train.Model(y)
            .StartingFrom(("w", 0.0), ("b", 0.0))
            .On(rows, target: "y")
            .Minimizing(Loss.MeanSquaredError)
            .With(Optimizer.Adam(learningRate: LearningRate))
            .InBatchesOf(BatchSize)
            .ShuffledWithSeed(ShuffleSeed)
            .For(Epochs);
        TrainingResult fit;
        try
        {
            fit = TrainingView.Run(console, training, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            console.WriteLine($"cancelled: nothing was written into {Shown(folder)}.");
            throw;
        }
        console.Write(ResultTable(fit));
        console.MarkupLine($"[bold]Learned: w = {Numbers.Short(fit.Parameters["w"])}, b = {Numbers.Short(fit.Parameters["b"])}[/] after {fit.Epochs} epochs.");
        console.WriteLine();

        console.Write(new Heading("[bold]4. Pictures[/]"));
        console.WriteLine($"Writing into {Shown(folder)}");
        console.Write(FilesTable(WriteFiles(folder, y, fit)));
        return FadApp.Success;
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

    /// <summary>The files the demo writes into its folder (graph.svg only where Graphviz is installed).</summary>
    private static readonly string[] Files = ["graph.dot", "graph.mmd", "loss.png", "graph.svg"];

    private static List<(string Path, string What)> WriteFiles(string folder, Expr y, TrainingResult fit)
    {
        var written = new List<(string, string)>();
        var dot = Path.Combine(folder, "graph.dot");
        OutputFile.Write(dot, "--out", stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(Export.ToDot(y, "y"))));
        written.Add((dot, "the graph for Graphviz"));
        var mermaid = Path.Combine(folder, "graph.mmd");
        OutputFile.Write(mermaid, "--out", stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(Export.ToMermaid(y, "y"))));
        written.Add((mermaid, "the graph for Mermaid"));
        var png = Path.Combine(folder, "loss.png");
        LossPlot.Save(png, fit.InitialLoss, fit.Losses, "mean squared error");
        written.Add((png, "the loss curve"));
        var svg = Path.Combine(folder, "graph.svg");
        if (TryGraphviz(dot) is { } drawing)
        {
            OutputFile.Write(svg, "--out", stream => stream.Write(drawing));
            written.Add((svg, "the graph drawn by Graphviz"));
        }
        return written;
    }

    /// <summary>The graph drawn by Graphviz when <c>dot</c> is installed; without it the demo simply skips the SVG.</summary>
    private static byte[]? TryGraphviz(string dot)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (!path.Split(Path.PathSeparator).Any(dir => dir.Length > 0 && (File.Exists(Path.Combine(dir, "dot")) || File.Exists(Path.Combine(dir, "dot.exe")))))
            return null;
        try
        {
            // The drawing comes back on standard output, so that the SVG is saved like every other file.
            using var process = Process.Start(new ProcessStartInfo("dot", ["-Tsvg", dot])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            });
            if (process is null) return null;
            var drawing = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(drawing);
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20))) { process.Kill(); return null; }
            copy.Wait();
            errors.Wait();
            return process.ExitCode == 0 && drawing.Length > 0 ? drawing.ToArray() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>A folder under the current directory by its relative path (as the user typed it, usually), any other by its full path.</summary>
    private static string Shown(string folder)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), folder);
        return UserText.Shown(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? folder : relative);
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
}
