using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FunctionalAD.Cli.Commands;

/// <summary>The options of <c>fad predict</c>.</summary>
internal sealed class PredictSettings : CommandSettings
{
    [CommandOption("-m|--model <FILE>")]
    [Description("The parameters file fad train wrote (--out of fad train).")]
    public string? Model { get; init; }

    [CommandOption("--csv <FILE>")]
    [Description("The rows to predict: a CSV file with a header that names every column the model reads (other columns are kept as they are).")]
    public string? Csv { get; init; }

    [CommandOption("-o|--out <FILE>")]
    [Description("Where to write the rows with their predictions as CSV; without it they go to the standard output.")]
    public string? Out { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Model)) return ValidationResult.Error("--model <FILE> is required: the parameters file fad train wrote.");
        if (string.IsNullOrWhiteSpace(Csv)) return ValidationResult.Error("--csv <FILE> is required: the rows to predict.");
        if (Out is not null && string.IsNullOrWhiteSpace(Out)) return ValidationResult.Error("--out needs a file name.");
        return ValidationResult.Success();
    }
}
