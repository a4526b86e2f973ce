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
/// (reporting accuracy and the confusion matrix), mean squared error otherwise (reporting R²) — holding out a share of
/// the rows to report the same scores on data it was not trained on, and writes what <c>fad predict</c> needs as JSON.
/// </summary>
internal sealed class TrainCommand(IAnsiConsole console) : Command<TrainSettings>
{
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        // The output is checked before anything else, so that a run is never lost to an output it cannot write.
        var output = OutputFile.Check(settings.Out, "--out", (settings.Csv!, "--csv"));
        var plot = settings.Plot is null ? null : OutputFile.Check(settings.Plot, "--plot", (settings.Csv!, "--csv"));
        if (plot is not null && RealPaths.Same(RealPaths.Resolve(plot), RealPaths.Resolve(output)))
            throw new CliException($"--plot {UserText.Shown(settings.Plot)} is the file --out writes; give the plot another name, such as loss.png.");
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
        var split = HoldOut.Split(data.Rows, classification ? data.Labels : null, settings.Validation, settings.Seed);
        if (split.Problem(settings.Validation, classification ? data.Labels : null, c => UserText.Shown(data.ClassNames[c])) is { } problem)
            throw new CliException(problem);

        if (data.RowsDropped > 0 || data.CellsFilled > 0) console.WriteLine(MissingReport(data));
        console.MarkupLine($"[bold]{Markup.Escape(UserText.Shown(file))}[/]: {data.Rows} rows, {data.FeatureNames.Count} features ({Markup.Escape(string.Join(", ", data.FeatureNames.Select(UserText.Shown)))}), target '{Markup.Escape(UserText.Shown(data.TargetName))}'.");
        console.WriteLine(classification
            ? $"Classification into {outputs} classes ({string.Join(", ", data.ClassNames.Select(UserText.Shown))}): softmax cross-entropy."
            : "Regression: mean squared error on the standardised target.");
        console.WriteLine(split.Validation.Length == 0
            ? $"Validation: none (--validation 0); training on all {data.Rows} rows."
            : $"Validation: {split.Validation.Length} of {data.Rows} rows held out{(classification ? " (stratified by class)" : "")}, {split.Training.Length} for training.");
        console.WriteLine($"Model: {model}, {model.Parameters.Sum(p => p.Shape.Count)} parameters; Adam, learning rate {Numbers.Format(settings.LearningRate)}, batches of {settings.BatchSize}, seed {settings.Seed}.");
        console.WriteLine($"Linear algebra: {Backend()} ({LinearAlgebra.EnvironmentVariable} chooses).");

        var training = Train.Model(model)
            .StartingFrom(model.Initialize(settings.Seed))
            .Minimizing(classification ? Loss.SoftmaxCrossEntropy : Loss.MeanSquaredError)
            .With(Optimizer.Adam(settings.LearningRate))
            .InBatchesOf(settings.BatchSize)
            .ShuffledWithSeed(settings.Seed)
            .For(settings.Epochs);
        // The held-out rows are drawn from the rows Dataset kept after --missing, stratified by class index.
        var trainingFeatures = split.Validation.Length == 0 ? data.Features : HoldOut.Rows(data.Features, split.Training);
        Tensor? validationFeatures = split.Validation.Length == 0 ? null : HoldOut.Rows(data.Features, split.Validation);
        training = classification
            ? training.On(trainingFeatures, HoldOut.Rows(data.Labels, split.Training))
            : training.On(trainingFeatures, Tensor.Vector(HoldOut.Rows(data.Targets, split.Training)));
        if (validationFeatures is { } heldOut)
        {
            training = classification
                ? training.ValidatingOn(heldOut, HoldOut.Rows(data.Labels, split.Validation))
                : training.ValidatingOn(heldOut, Tensor.Vector(HoldOut.Rows(data.Targets, split.Validation)));
        }
        if (settings.Patience > 0) training = training.StopEarly(settings.Patience);
        using var watch = new DivergenceWatch(classification ? Math.Log(outputs) : 1, cancellationToken);
        TrainingResult? fit = null;
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

        var stop = fit!.StopReason == StopReason.EarlyStopping ? $" (stopped early: no lower loss for {settings.Patience} epochs)" : "";
        console.WriteLine($"epochs: {fit.Epochs}{stop}");
        string Score(string label, int[] rows, Tensor features, double loss)
        {
            var score = classification
                ? (Value: $"accuracy {(fit.Accuracy(features, HoldOut.Rows(data.Labels, rows)) * 100).ToString("F2", CultureInfo.InvariantCulture)} %", Why: "")
                : RSquared(fit, features, rows, data);
            return $"{label} loss {Numbers.Short(loss)}, {score.Value} on {rows.Length} row{(rows.Length == 1 ? "" : "s")}{score.Why}";
        }
        console.WriteLine(Score("training:  ", split.Training, trainingFeatures, fit.FinalLoss));
        if (validationFeatures is { } validation && fit.FinalValidationLoss is { } validationLoss)
            console.WriteLine(Score("validation:", split.Validation, validation, validationLoss));
        if (classification)
        {
            // The matrix of the rows the model did not learn from, when there are any.
            (int[] rows, Tensor features, string which) = validationFeatures is null
                ? (split.Training, trainingFeatures, $"the {split.Training.Length} training rows, as --validation 0 holds none out")
                : (split.Validation, validationFeatures.Value, $"the {split.Validation.Length} validation rows");
            console.WriteLine($"confusion matrix of {which}:");
            console.Write(ConfusionMatrix.Of(data.ClassNames, HoldOut.Rows(data.Labels, rows), fit.Classify(features)));
        }

        ParametersFile.Of(model, hidden, activation, fit.Parameters, data).Save(output, "--out");
        console.WriteLine($"parameters: {UserText.Shown(output)}");
        if (plot is not null)
        {
            LossPlot.Save(plot, "--plot", $"{model} on {file}", classification ? "softmax cross-entropy" : "mean squared error (standardised)",
            [
                new LossPlot.Curve("training", fit.InitialLoss, fit.Losses),
                .. fit.InitialValidationLoss is { } initial ? [new LossPlot.Curve("validation", initial, fit.ValidationLosses)] : Array.Empty<LossPlot.Curve>(),
            ]);
            console.WriteLine($"plot: {UserText.Shown(plot)}");
        }
        return FadApp.Success;
    }

    /// <summary>
    /// R² on the given rows, or "undefined" and why: a target constant on those rows has no variance for the model to
    /// explain.
    /// </summary>
    private static (string Value, string Why) RSquared(TrainingResult fit, Tensor features, int[] rows, Dataset data)
    {
        var targets = HoldOut.Rows(data.Targets, rows);
        if (targets.All(t => t == targets[0]))
        {
            var where = data.Targets.All(t => t == data.Targets[0]) ? "" : " on these rows";
            return ("R² undefined", $" (the target '{UserText.Shown(data.TargetName)}' is constant{where}, so there is no variance to explain)");
        }
        var r2 = fit.RSquared(features, Tensor.Vector(targets));
        return ($"R² {(double.IsFinite(r2) ? Numbers.Format(r2) : "undefined")}", "");
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
