using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionalAD.Cli.Data;

namespace FunctionalAD.Cli.Output;

/// <summary>
/// The JSON file <c>fad train --out</c> writes and <c>fad predict</c> (through <see cref="SavedModel"/>) reads: all that
/// prediction needs. Version 2 holds the model's description and architecture, the task, the target, the input columns
/// (with the words of a word column and the value a missing cell gets), the features, the standardisation of each
/// feature (and of a regression target), the classes (numbers or names, as in the file), how missing cells were
/// handled, and each parameter with its shape and its values in row-major order. docs/cli.md describes the format.
/// </summary>
internal sealed record ParametersFile(
    string Format,
    string Model,
    string Task,
    string Target,
    IReadOnlyList<ParametersFile.Column> Columns,
    IReadOnlyList<string> Features,
    IReadOnlyList<object>? Classes,
    [property: JsonPropertyName("architecture")] ParametersFile.Architecture Network,
    ParametersFile.Standardization Standardize,
    ParametersFile.MissingCells Missing,
    IReadOnlyList<ParametersFile.Parameter> Parameters)
{
    public const string FormatName = SavedModel.FormatName;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>One input column: its name, its words (a word column) and the value a missing cell gets (a number, or a word).</summary>
    internal sealed record Column(string Name, IReadOnlyList<string>? Words, object Fill);

    /// <summary>The network: hidden layer sizes, their activation, the outputs; the inputs are the features.</summary>
    internal sealed record Architecture(int Inputs, IReadOnlyList<int> Hidden, string Activation, int Outputs);

    /// <summary>How each feature was standardised: x' = (x − mean) / scale (0 and 1 for a word's feature); a regression target likewise.</summary>
    internal sealed record Standardization(IReadOnlyList<double> Means, IReadOnlyList<double> Scales, double? TargetMean, double? TargetScale);

    /// <summary>What training did with missing cells: drop or mean, and how many rows it dropped and cells it filled.</summary>
    internal sealed record MissingCells(string Policy, int RowsDropped, int CellsFilled);

    /// <summary>One parameter: its name (W1, b1, …), its shape ([rows, columns] or [length]) and its values, row by row.</summary>
    internal sealed record Parameter(string Name, IReadOnlyList<int> Shape, IReadOnlyList<double> Values);

    public static ParametersFile Of(Model model, IReadOnlyList<int> hidden, Activation activation, Bindings parameters, Dataset data) => new(
        FormatName,
        model.ToString(),
        data.LearningTask == LearningTask.Classification ? "classification" : "regression",
        data.TargetName,
        [.. data.Inputs.Select(c => new Column(c.Name, c.Words, c.Words is null ? c.NumberFill : c.WordFill!))],
        data.FeatureNames,
        data.LearningTask == LearningTask.Classification ? (data.NumericClasses is { } numbers ? [.. numbers.Cast<object>()] : [.. data.ClassNames]) : null,
        new Architecture(model.Inputs, hidden, activation.Name, model.Outputs),
        new Standardization(data.Means, data.Scales,
            data.LearningTask == LearningTask.Regression ? data.TargetMean : null, data.LearningTask == LearningTask.Regression ? data.TargetScale : null),
        new MissingCells(data.Missing == Data.MissingCells.Drop ? "drop" : "mean", data.RowsDropped, data.CellsFilled),
        [.. model.Parameters.Select(p => new Parameter(
            p.Name, p.Shape.Rank == 2 ? [p.Shape[0], p.Shape[1]] : [p.Shape.Count], parameters[p.Name].ToArray()))]);

    /// <summary>
    /// Writes the file atomically (see <see cref="Files.OutputFile"/>). Every number must be finite: JSON has no
    /// infinity or NaN, and a parameter that is not finite is a diverged fit, not a model.
    /// </summary>
    /// <exception cref="CliException">A number is not finite, or the file cannot be written.</exception>
    public void Save(string path, string option)
    {
        // Classes and fills are numbers or words; only the numbers among them are checked.
        var numbers = Parameters.SelectMany(p => p.Values).Concat(Standardize.Means).Concat(Standardize.Scales)
            .Concat((Classes ?? []).OfType<double>()).Concat(Columns.Select(c => c.Fill).OfType<double>())
            .Append(Standardize.TargetMean ?? 0).Append(Standardize.TargetScale ?? 1);
        if (!numbers.All(double.IsFinite))
            throw new CliException($"the parameters are not all finite numbers, so {UserText.Shown(path)} was not written; try a smaller --learning-rate.");
        Files.OutputFile.Write(path, option, stream => JsonSerializer.Serialize(stream, this, Options));
    }
}
