using System.Globalization;
using FunctionalAD.Cli.Data;
using FunctionalAD.Cli.Files;
using FunctionalAD.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FunctionalAD.Cli.Commands;

/// <summary>
/// <c>fad train --csv data.csv --target y --model mlp:16,16</c>: trains a linear model or a perceptron on the
/// standardised columns of a CSV file with Adam — softmax cross-entropy for classes, words or a few integer labels
/// (reporting accuracy and the confusion matrix), mean squared error otherwise (reporting R²) — and writes what
/// <c>fad predict</c> needs as JSON.
/// </summary>
internal sealed class TrainCommand(IAnsiConsole console) : Command<TrainSettings>
{
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        // The output is checked before anything else, so that a run is never lost to an output it cannot write.
        var output = OutputFile.Check(settings.Out, "--out", (settings.Csv!, "--csv"));
        var hidden = ModelSpec.HiddenLayers(settings.Model);
        var activation = ModelSpec.ActivationOf(settings.Activation);
        CsvTable? table = CsvTable.Read(settings.Csv!);
        var file = table.File;
        var task = settings.Task switch { "classification" => LearningTask.Classification, "regression" => LearningTask.Regression, _ => (LearningTask?)null };
        var data = Dataset.From(table, settings.Target!, task, settings.Missing == "mean" ? MissingCells.Mean : MissingCells.Drop);
        table = null; // the features tensor is the data from here on
        var classification = data.LearningTask == LearningTask.Classification;
        var outputs = classification ? data.ClassNames.Count : 1;
        var model = Model.Perceptron(data.FeatureNames.Count, hidden, outputs, activation);

        if (data.RowsDropped > 0 || data.CellsFilled > 0) console.WriteLine(MissingReport(data));
        console.MarkupLine($"[bold]{Markup.Escape(UserText.Shown(file))}[/]: {data.Rows} rows, {data.FeatureNames.Count} features ({Markup.Escape(string.Join(", ", data.FeatureNames.Select(UserText.Shown)))}), target '{Markup.Escape(UserText.Shown(data.TargetName))}'.");
        console.WriteLine(classification
            ? $"Classification into {outputs} classes ({string.Join(", ", data.ClassNames.Select(UserText.Shown))}): softmax cross-entropy."
            : "Regression: mean squared error on the standardised target.");
        console.WriteLine($"Model: {model}, {model.Parameters.Sum(p => p.Shape.Count)} parameters; Adam, learning rate {Numbers.Format(settings.LearningRate)}, batches of {settings.BatchSize}, seed {settings.Seed}.");
        console.WriteLine($"Linear algebra: {Backend()} ({LinearAlgebra.EnvironmentVariable} chooses).");

        var training = Train.Model(model)
            .StartingFrom(model.Initialize(settings.Seed))
            .Minimizing(classification ? Loss.SoftmaxCrossEntropy : Loss.MeanSquaredError)
            .With(Optimizer.Adam(settings.LearningRate))
            .InBatchesOf(settings.BatchSize)
            .ShuffledWithSeed(settings.Seed)
            .For(settings.Epochs);
        training = classification ? training.On(data.Features, data.Labels) : training.On(data.Features, Tensor.Vector(data.Targets));
        if (settings.Patience > 0) training = training.StopEarly(settings.Patience);
        using var watch = new DivergenceWatch(classification ? Math.Log(outputs) : 1, cancellationToken);
        ModelTrainingResult? fit = null;
        try
        {
            fit = TrainingProgressBar.Run(console, settings.Epochs, progress => training.Run(watch.Watching(progress), watch.Token));
        }
        catch (OperationCanceledException) when (watch.Diverged is not null && !cancellationToken.IsCancellationRequested)
        {
        }
        catch (OperationCanceledException)
        {
            console.WriteLine($"cancelled: nothing was saved{(File.Exists(output) ? $"; {UserText.Shown(settings.Out)} is as it was" : "")}.");
            throw;
        }
        // The façade stops by itself at a non-finite loss; the watch stops an exploding one.
        if ((watch.Diverged ?? (fit!.StopReason == StopReason.Diverged ? (fit.Epochs, fit.FinalLoss) : null)) is { } diverged)
        {
            console.WriteLine($"epochs: {diverged.Epoch} (stopped: the loss diverged)");
            throw new CliException(
                $"the training diverged (loss {Numbers.Short(diverged.Loss)} after epoch {diverged.Epoch}), so nothing was saved; try a smaller --learning-rate, such as {Numbers.Format(settings.LearningRate / 10)}.");
        }

        var features = data.Features;
        var stop = fit!.StopReason == StopReason.EarlyStopping ? $" (stopped early: no lower loss for {settings.Patience} epochs)" : "";
        console.WriteLine($"epochs: {fit.Epochs}{stop}");
        console.WriteLine($"final loss: {Numbers.Format(fit.FinalLoss)}");
        if (classification)
        {
            var predicted = fit.Classify(features);
            console.WriteLine($"accuracy: {(fit.Accuracy(features, data.Labels) * 100).ToString("F2", CultureInfo.InvariantCulture)} %");
            console.Write(ConfusionMatrix.Of(data.ClassNames, data.Labels, predicted));
        }
        else
            console.WriteLine($"R²: {RSquared(fit, features, data)}");

        ParametersFile.Of(model, hidden, activation, fit.Parameters, data).Save(output, "--out");
        console.WriteLine($"parameters: {UserText.Shown(output)}");
        return FadApp.Success;
    }

    /// <summary>R², or why it is undefined: a constant target has no variance for the model to explain.</summary>
    private static string RSquared(ModelTrainingResult fit, Tensor features, Dataset data)
    {
        if (data.Targets.All(t => t == data.Targets[0])) return $"undefined: the target '{UserText.Shown(data.TargetName)}' is constant, so there is no variance to explain";
        var r2 = fit.RSquared(features, Tensor.Vector(data.Targets));
        return double.IsFinite(r2) ? Numbers.Format(r2) : "undefined";
    }

    /// <summary>"missing cells: 3 rows dropped (--missing drop)": what was done about missing cells.</summary>
    private static string MissingReport(Dataset data)
    {
        static string Count(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";
        var parts = new List<string>();
        if (data.RowsDropped > 0) parts.Add($"{Count(data.RowsDropped, "row")} dropped");
        if (data.CellsFilled > 0) parts.Add($"{Count(data.CellsFilled, "cell")} filled with the column's mean or most frequent word");
        return $"missing cells: {string.Join(", ", parts)} (--missing {(data.Missing == MissingCells.Drop ? "drop" : "mean")}).";
    }

    /// <summary>What the matrix products run on; a bad FUNCTIONALAD_BLAS is the user's error, reported as such.</summary>
    private static string Backend()
    {
        try
        {
            return LinearAlgebra.Backend;
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message);
        }
    }
}
