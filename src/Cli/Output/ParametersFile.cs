using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionalAD.Cli.Data;

namespace FunctionalAD.Cli.Output;

/// <summary>
/// The JSON file <c>fad train --out</c> writes: enough to make predictions without the tool. Version 1 holds the
/// model, the columns, the standardisation of the features (and of a regression target), the classes, and each
/// parameter with its shape and its values in row-major order. docs/tutorial.md describes the format.
/// </summary>
internal sealed record ParametersFile(
    string Format,
    string Model,
    string Task,
    IReadOnlyList<string> Features,
    string Target,
    IReadOnlyList<double>? Classes,
    ParametersFile.Standardization Standardize,
    IReadOnlyList<ParametersFile.Parameter> Parameters)
{
    public const string FormatName = "functionalad-parameters/1";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>How each column was standardised: x' = (x − mean) / scale; a regression target likewise.</summary>
    internal sealed record Standardization(IReadOnlyList<double> Means, IReadOnlyList<double> Scales, double? TargetMean, double? TargetScale);

    /// <summary>One parameter: its name (W1, b1, …), its shape ([rows, columns] or [length]) and its values, row by row.</summary>
    internal sealed record Parameter(string Name, IReadOnlyList<int> Shape, IReadOnlyList<double> Values);

    public static ParametersFile Of(Model model, TensorBindings parameters, Dataset data) => new(
        FormatName,
        model.ToString(),
        data.LearningTask == LearningTask.Classification ? "classification" : "regression",
        data.FeatureNames,
        data.TargetName,
        data.LearningTask == LearningTask.Classification ? data.Classes : null,
        new Standardization(data.Means, data.Scales,
            data.LearningTask == LearningTask.Regression ? data.TargetMean : null, data.LearningTask == LearningTask.Regression ? data.TargetScale : null),
        [.. model.Parameters.Select(p => new Parameter(
            p.Name, p.Shape.Rank == 2 ? [p.Shape[0], p.Shape[1]] : [p.Shape.Count], parameters[p.Name].ToArray()))]);

    /// <summary>
    /// Writes the file atomically (see <see cref="Files.OutputFile"/>). Every number must be finite: JSON has no
    /// infinity or NaN, and a parameter that is not finite is a diverged fit, not a model.
    /// </summary>
    /// <exception cref="CliException">A number is not finite, or the file cannot be written.</exception>
    public void Save(string path, string option)
    {
        var numbers = Parameters.SelectMany(p => p.Values).Concat(Standardize.Means).Concat(Standardize.Scales)
            .Concat(Classes ?? []).Append(Standardize.TargetMean ?? 0).Append(Standardize.TargetScale ?? 1);
        if (!numbers.All(double.IsFinite))
            throw new CliException($"the parameters are not all finite numbers, so {UserText.Shown(path)} was not written; try a smaller --learning-rate.");
        Files.OutputFile.Write(path, option, stream => JsonSerializer.Serialize(stream, this, Options));
    }
}
