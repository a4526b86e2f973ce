using System.Globalization;
using FunctionalAD.Cli.Data;
using FunctionalAD.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FunctionalAD.Cli.Commands;

/// <summary>
/// <c>fad train --csv data.csv --target y --model mlp:16,16</c>: trains a linear model or a perceptron on the
/// standardised columns of a CSV file with Adam — softmax cross-entropy for a few integer labels (reporting
/// accuracy), mean squared error otherwise (reporting R²) — holding out a share of the rows to report the same
/// scores on data it was not trained on, and writes the parameters as JSON.
/// </summary>
internal sealed class TrainCommand(IAnsiConsole console) : Command<TrainSettings>
{
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        var hidden = ModelSpec.HiddenLayers(settings.Model);
        var activation = ModelSpec.ActivationOf(settings.Activation);
        var table = CsvTable.Read(settings.Csv!);
        var task = settings.Task switch { "classification" => LearningTask.Classification, "regression" => LearningTask.Regression, _ => (LearningTask?)null };
        var data = Dataset.From(table, settings.Target!, task);
        var classification = data.LearningTask == LearningTask.Classification;
        var outputs = classification ? data.Classes.Count : 1;
        var model = Model.Perceptron(data.FeatureNames.Count, hidden, outputs, activation);
        var split = HoldOut.Split(data.Rows, classification ? data.Labels : null, settings.Validation, settings.Seed);
        if (split.Problem(settings.Validation, classification ? data.Labels : null, c => Numbers.Format(data.Classes[c])) is { } problem)
            throw new CliException(problem);

        console.MarkupLine($"[bold]{Markup.Escape(table.File)}[/]: {data.Rows} rows, {data.FeatureNames.Count} features ({Markup.Escape(string.Join(", ", data.FeatureNames))}), target '{Markup.Escape(data.TargetName)}'.");
        console.WriteLine(classification
            ? $"Classification into {outputs} classes ({string.Join(", ", data.Classes.Select(Numbers.Format))}): softmax cross-entropy."
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
        var (trainingFeatures, validationFeatures) = (HoldOut.Rows(data.Features, split.Training), HoldOut.Rows(data.Features, split.Validation));
        training = classification
            ? training.On(trainingFeatures, HoldOut.Rows(data.Labels, split.Training))
            : training.On(trainingFeatures, HoldOut.Rows(data.Targets, split.Training));
        if (split.Validation.Length > 0)
        {
            training = classification
                ? training.ValidatingOn(validationFeatures, HoldOut.Rows(data.Labels, split.Validation))
                : training.ValidatingOn(validationFeatures, HoldOut.Rows(data.Targets, split.Validation));
        }
        if (settings.Patience > 0) training = training.StopEarly(settings.Patience);
        var fit = TrainingProgressBar.Run(console, settings.Epochs, progress => training.Run(progress, cancellationToken));

        var stop = fit.StopReason switch
        {
            StopReason.EarlyStopping => $" (stopped early: no lower loss for {settings.Patience} epochs)",
            StopReason.Diverged => " (stopped: the loss is no longer finite; try a smaller --learning-rate)",
            _ => "",
        };
        console.WriteLine($"epochs: {fit.Epochs}{stop}");
        string Score(int[] rows, double loss, string label)
        {
            var features = Tensor.Matrix(HoldOut.Rows(data.Features, rows));
            var score = classification
                ? $"accuracy {(fit.Accuracy(features, HoldOut.Rows(data.Labels, rows)) * 100).ToString("F2", CultureInfo.InvariantCulture)} %"
                : $"R² {Numbers.Format(fit.RSquared(features, Tensor.Vector(HoldOut.Rows(data.Targets, rows))))}";
            return $"{label} loss {Numbers.Short(loss)}, {score} on {rows.Length} rows";
        }
        console.WriteLine(Score(split.Training, fit.FinalLoss, "training:  "));
        if (fit.FinalValidationLoss is { } validationLoss) console.WriteLine(Score(split.Validation, validationLoss, "validation:"));

        ParametersFile.Of(model, fit.Parameters, data).Save(settings.Out);
        console.WriteLine($"parameters: {settings.Out}");
        if (settings.Plot is { } plot)
        {
            LossPlot.Save(plot, $"{model} on {table.File}", classification ? "softmax cross-entropy" : "mean squared error (standardised)",
            [
                new LossPlot.Curve("training", fit.InitialLoss, fit.Losses),
                .. fit.InitialValidationLoss is { } initial ? [new LossPlot.Curve("validation", initial, fit.ValidationLosses)] : Array.Empty<LossPlot.Curve>(),
            ]);
            console.WriteLine($"plot: {plot}");
        }
        return fit.StopReason == StopReason.Diverged ? FadApp.InputError : FadApp.Success;
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
