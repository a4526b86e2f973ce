using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace FunctionalAD;

/// <summary>
/// A trained model read back from the parameters file that <c>fad train</c> writes (format
/// <see cref="FormatName"/>, described in docs/cli.md): the network and its parameters, and everything that turns a
/// table of raw cells into its inputs — the columns it reads and in what order, the words of each word column
/// (one-hot features <c>column=word</c>), the standardisation of each number column, the value a missing cell
/// gets — and its outputs into answers: class names, or numbers in the target's units. An immutable value.
/// </summary>
/// <example>
/// <code>
/// var model = SavedModel.Load("parameters.json");
/// var answers = model.Predict(["sepal_length", "sepal_width", "petal_length", "petal_width"], [["5.1", "3.5", "1.4", "0.2"]]);
/// // answers[0] == "setosa"
/// </code>
/// </example>
public sealed class SavedModel
{
    /// <summary>The format this version reads and <c>fad train</c> writes.</summary>
    public const string FormatName = "functionalad-parameters/2";

    private readonly ImmutableArray<ColumnEncoding> encodings;
    private readonly ImmutableArray<double> means;
    private readonly ImmutableArray<double> scales;
    private readonly double targetMean;
    private readonly double targetScale;

    private SavedModel(
        Model model, Bindings parameters, string target, bool classification, ImmutableArray<string> features,
        ImmutableArray<string> classes, ImmutableArray<ColumnEncoding> encodings, ImmutableArray<double> means,
        ImmutableArray<double> scales, double targetMean, double targetScale)
    {
        (Model, Parameters, Target, IsClassification, Features, Classes) = (model, parameters, target, classification, features, classes);
        (this.encodings, this.means, this.scales, this.targetMean, this.targetScale) = (encodings, means, scales, targetMean, targetScale);
    }

    /// <summary>
    /// The cells that count as missing, compared ignoring case and surrounding spaces: an empty cell, <c>NA</c>,
    /// <c>N/A</c>, <c>NaN</c> and <c>?</c>.
    /// </summary>
    public static ImmutableArray<string> MissingMarkers { get; } = ["", "NA", "N/A", "NaN", "?"];

    /// <summary>The network.</summary>
    public Model Model { get; }

    /// <summary>Its trained parameters.</summary>
    public Bindings Parameters { get; }

    /// <summary>The name of the column the model predicts.</summary>
    public string Target { get; }

    /// <summary>True for a classifier (answers are class names), false for a regression (answers are numbers).</summary>
    public bool IsClassification { get; }

    /// <summary>The input columns the model reads, in the order it was trained on them.</summary>
    public ImmutableArray<string> Columns => [.. encodings.Select(e => e.Name)];

    /// <summary>The model's features in order: a number column's name, or <c>column=word</c> for each word of a word column.</summary>
    public ImmutableArray<string> Features { get; }

    /// <summary>The class names of a classifier, in the order of the model's outputs; empty for a regression.</summary>
    public ImmutableArray<string> Classes { get; }

    /// <summary>Whether <paramref name="cell"/> is one of the <see cref="MissingMarkers"/>.</summary>
    public static bool IsMissing(ReadOnlySpan<char> cell)
    {
        var trimmed = cell.Trim();
        foreach (var marker in MissingMarkers)
        {
            if (trimmed.Equals(marker, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Reads a parameters file.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a parameters file of format <see cref="FormatName"/>.</exception>
    public static SavedModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Reads the text of a parameters file; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InvalidDataException">The text is not a parameters file of format <see cref="FormatName"/>.</exception>
    public static SavedModel Parse(string json, string source = "the parameters")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return SavedModelReader.Read(document.RootElement, source, (model, parameters, target, classification, features, classes, encodings, means, scales, targetMean, targetScale) =>
                new SavedModel(model, parameters, target, classification, features, classes, encodings, means, scales, targetMean, targetScale));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} is not JSON ({e.Message})", e);
        }
    }

    /// <summary>
    /// The model's inputs for <paramref name="rows"/> of raw cells whose columns are named by <paramref name="header"/>
    /// (in any order; other columns are ignored): a matrix of rows × <see cref="Features"/>, standardised and one-hot
    /// as in training, with a missing cell given its column's training mean or most frequent word.
    /// </summary>
    /// <param name="header">The names of the cells of each row.</param>
    /// <param name="rows">The rows, each with one cell per name of <paramref name="header"/>.</param>
    /// <param name="firstRow">What the first row is called in messages (rows are counted from it).</param>
    /// <exception cref="ArgumentException">A column the model reads is not in the header, a row has the wrong number of cells, a number cell is not a finite number, or a word is not one the model was trained on.</exception>
    public Tensor Encode(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, int firstRow = 1)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("There are no rows to encode.", nameof(rows));
        var positions = encodings.Select(e =>
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (header[i] == e.Name) return i;
            }
            throw new ArgumentException($"The column '{e.Name}' is missing: the model reads {string.Join(", ", encodings.Select(c => c.Name))}.", nameof(header));
        }).ToArray();
        var values = new double[rows.Count * Features.Length];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r] ?? throw new ArgumentException($"Row {firstRow + r} is null.", nameof(rows));
            if (row.Count != header.Count)
                throw new ArgumentException($"Row {firstRow + r} has {row.Count} cells, but the header has {header.Count}.", nameof(rows));
            var at = r * Features.Length;
            for (var c = 0; c < encodings.Length; c++) at = encodings[c].Write(row[positions[c]], values, at, firstRow + r);
        }
        // Standardisation of the number features, as in training; a word's features are 0 and 1 (mean 0, scale 1).
        return Tensor.Create(Shape.Matrix(rows.Count, Features.Length), (row, column) =>
            (values[row * Features.Length + column] - means[column]) / scales[column]);
    }

    /// <summary>
    /// The answer for each of <paramref name="rows"/> (see <see cref="Encode"/>): the class name of a classifier, or the
    /// predicted number in the target's units, as the shortest text that reads back as the same double.
    /// </summary>
    /// <exception cref="ArgumentException">The rows do not fit the model (see <see cref="Encode"/>).</exception>
    public ImmutableArray<string> Predict(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, int firstRow = 1)
    {
        var features = Encode(header, rows, firstRow);
        if (IsClassification) return [.. Model.Classify(Parameters, features).Select(k => Classes[k])];
        var outputs = Model.Predict(Parameters, features).ToArray();
        return [.. outputs.Select(v => (v * targetScale + targetMean).ToString("R", CultureInfo.InvariantCulture))];
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Model}: {(IsClassification ? $"classifies '{Target}' into {string.Join(", ", Classes)}" : $"predicts '{Target}'")} from {string.Join(", ", Columns)}";
}
