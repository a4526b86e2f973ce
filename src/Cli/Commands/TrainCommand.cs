using System.Globalization;
using FunctionalAD.Cli.Data;
using FunctionalAD.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FunctionalAD.Cli.Commands;

/// <summary>
/// <c>fad train --csv data.csv --target y --model mlp:16,16</c>: trains a linear model or a perceptron on the
/// standardised columns of a CSV file with Adam — softmax cross-entropy for a few integer labels (reporting
/// accuracy), mean squared error otherwise (reporting R²) — and writes the parameters as JSON.
/// </summary>
internal sealed class TrainCommand(IAnsiConsole console) : Command<TrainSettings>
{
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
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
        console.MarkupLine($"[bold]{Markup.Escape(file)}[/]: {data.Rows} rows, {data.FeatureNames.Count} features ({Markup.Escape(string.Join(", ", data.FeatureNames))}), target '{Markup.Escape(data.TargetName)}'.");
        console.WriteLine(classification
            ? $"Classification into {outputs} classes ({string.Join(", ", data.ClassNames)}): softmax cross-entropy."
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
        var fit = TrainingProgressBar.Run(console, settings.Epochs, progress => training.Run(progress, cancellationToken));

        var features = data.Features;
        var stop = fit.StopReason switch
        {
            StopReason.EarlyStopping => $" (stopped early: no lower loss for {settings.Patience} epochs)",
            StopReason.Diverged => " (stopped: the loss is no longer finite; try a smaller --learning-rate)",
            _ => "",
        };
        console.WriteLine($"epochs: {fit.Epochs}{stop}");
        console.WriteLine($"final loss: {Numbers.Format(fit.FinalLoss)}");
        if (classification)
        {
            var predicted = fit.Classify(features);
            console.WriteLine($"accuracy: {(fit.Accuracy(features, data.Labels) * 100).ToString("F2", CultureInfo.InvariantCulture)} %");
            console.Write(ConfusionMatrix.Of(data.ClassNames, data.Labels, predicted));
        }
        else
            console.WriteLine($"R²: {Numbers.Format(fit.RSquared(features, Tensor.Vector(data.Targets)))}");

        ParametersFile.Of(model, hidden, activation, fit.Parameters, data).Save(settings.Out);
        console.WriteLine($"parameters: {Path.GetFullPath(settings.Out)}");
        return fit.StopReason == StopReason.Diverged ? FadApp.InputError : FadApp.Success;
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
