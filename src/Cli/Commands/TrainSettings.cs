using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FunctionalAD.Cli.Commands;

/// <summary>The options of <c>fad train</c>.</summary>
internal sealed class TrainSettings : CommandSettings
{
    [CommandOption("--csv <FILE>")]
    [Description("The data: a CSV file with a header row of column names; cells hold numbers or words (a word column becomes one feature per word).")]
    public string? Csv { get; init; }

    [CommandOption("-t|--target <COLUMN>")]
    [Description("The column to predict; every other column is a feature.")]
    public string? Target { get; init; }

    [CommandOption("-m|--model <MODEL>")]
    [Description("linear, or mlp:16,16 for a perceptron with hidden layers of those sizes.")]
    [DefaultValue("mlp:16")]
    public string Model { get; init; } = "mlp:16";

    [CommandOption("--activation <NAME>")]
    [Description("The activation of the hidden layers: tanh, relu or sigmoid.")]
    [DefaultValue("tanh")]
    public string Activation { get; init; } = "tanh";

    [CommandOption("--task <TASK>")]
    [Description("auto, classification or regression. auto: classification when the target holds 2 to 10 integer labels.")]
    [DefaultValue("auto")]
    public string Task { get; init; } = "auto";

    [CommandOption("--missing <POLICY>")]
    [Description("What to do with a row that has a missing cell (empty, NA, N/A, NaN or ?): drop the row, or mean: fill the cell with its column's mean (a word column: its most frequent word).")]
    [DefaultValue("drop")]
    public string Missing { get; init; } = "drop";

    [CommandOption("-e|--epochs <N>")]
    [Description("The most passes over the data.")]
    [DefaultValue(100)]
    public int Epochs { get; init; } = 100;

    [CommandOption("-l|--learning-rate <RATE>")]
    [Description("Adam's learning rate.")]
    [DefaultValue(0.01)]
    public double LearningRate { get; init; } = 0.01;

    [CommandOption("-b|--batch-size <N>")]
    [Description("Rows per mini-batch.")]
    [DefaultValue(32)]
    public int BatchSize { get; init; } = 32;

    [CommandOption("--patience <N>")]
    [Description("Stop after this many epochs without a lower loss (0: never stop early).")]
    [DefaultValue(0)]
    public int Patience { get; init; }

    [CommandOption("-s|--seed <N>")]
    [Description("The seed of the initial weights, of the shuffle and of the validation rows: the same seed gives the same run.")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--validation <FRACTION>")]
    [Description("The fraction of rows held out to measure the fit on data it was not trained on (by class for a classification, chosen with --seed); 0 trains on every row.")]
    [DefaultValue(0.2)]
    public double Validation { get; init; } = 0.2;

    [CommandOption("--plot <FILE>")]
    [Description("Also draw the training and validation loss after each epoch into this PNG file.")]
    public string? Plot { get; init; }

    [CommandOption("-o|--out <FILE>")]
    [Description("Where to write the trained parameters as JSON.")]
    [DefaultValue("parameters.json")]
    public string Out { get; init; } = "parameters.json";

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Csv)) return ValidationResult.Error("--csv <FILE> is required: the CSV file to train on.");
        if (string.IsNullOrWhiteSpace(Target)) return ValidationResult.Error("--target <COLUMN> is required: the column to predict.");
        if (Epochs < 1) return ValidationResult.Error($"--epochs must be at least 1, not {Epochs}.");
        if (BatchSize < 1) return ValidationResult.Error($"--batch-size must be at least 1, not {BatchSize}.");
        if (Patience < 0) return ValidationResult.Error($"--patience must be 0 or more, not {Patience}.");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) return ValidationResult.Error($"--learning-rate must be a positive number, not {LearningRate}.");
        if (Missing is not ("drop" or "mean")) return ValidationResult.Error($"--missing must be drop or mean, not '{Output.UserText.Shown(Missing)}'.");
        if (!(Validation is >= 0 and < 1))
            return ValidationResult.Error($"--validation must be at least 0 and less than 1 (the fraction of rows held out), not {Validation.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        if (Plot is not null && string.IsNullOrWhiteSpace(Plot)) return ValidationResult.Error("--plot needs a file name, such as loss.png.");
        if (Task is not ("auto" or "classification" or "regression")) return ValidationResult.Error($"--task must be auto, classification or regression, not '{Output.UserText.Shown(Task)}'.");
        return ValidationResult.Success();
    }
}
