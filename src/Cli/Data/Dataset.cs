using FunctionalAD.Cli.Output;

namespace FunctionalAD.Cli.Data;

/// <summary>What <c>fad train</c> learns: classes (words, or a few integer labels) or values.</summary>
internal enum LearningTask { Classification, Regression }

/// <summary>
/// One input column of the file as the model reads it: a number column (one feature) or a word column (one feature
/// per word, <c>column=word</c>, 1 for the row's word and 0 for the others), with the value a missing cell gets.
/// </summary>
internal sealed record InputColumn(string Name, IReadOnlyList<string>? Words, double NumberFill, string? WordFill);

/// <summary>
/// A CSV table split into standardised features and a target, held as one rows × features tensor (8 bytes a cell).
/// Each number column is shifted by its mean and divided by its standard deviation (1 for a constant column), so that
/// one learning rate suits every column, by <see cref="ColumnScale"/>, which cannot overflow; a word column becomes one-hot features, left as 0 and 1. A regression target
/// is standardised the same way; a classification target becomes class indices 0 … k − 1 of its sorted classes.
/// </summary>
internal sealed record Dataset(
    IReadOnlyList<string> FeatureNames, string TargetName, LearningTask LearningTask, Tensor Features, double[] Targets, int[] Labels,
    IReadOnlyList<string> ClassNames, IReadOnlyList<double>? NumericClasses, IReadOnlyList<double> Means, IReadOnlyList<double> Scales,
    double TargetMean, double TargetScale, IReadOnlyList<InputColumn> Inputs, MissingCells Missing, int RowsDropped, int CellsFilled)
{
    /// <summary>The most distinct integer values a number target may have to count as class labels.</summary>
    public const int MaxClasses = 10;

    /// <summary>The most classes a word target, and the most words a word feature column, may have.</summary>
    public const int MaxWords = 100;

    public int Rows => Features.Shape[0];

    public static Dataset From(CsvTable table, string target, LearningTask? task, MissingCells missing = MissingCells.Drop)
    {
        var t = table.IndexOf(target);
        var featureColumns = Enumerable.Range(0, table.Columns.Count).Where(c => c != t).ToArray();
        if (featureColumns.Length == 0)
            throw new CliException($"{UserText.Shown(table.File)}: the target '{UserText.Shown(target)}' is its only column; add at least one feature column.");
        foreach (var c in featureColumns)
        {
            if (table.Words(c) is { Count: > MaxWords } many)
                throw new CliException(
                    $"{UserText.Shown(table.File)}: the column '{UserText.Shown(table.Columns[c])}' holds {many.Count} different words; a word column becomes one feature per word, at most {MaxWords}, so remove the column or give it as numbers.");
        }

        // Rows kept: a missing target always drops its row; a missing feature drops it only with --missing drop.
        var kept = new List<int>(table.Rows);
        var (dropped, filled) = (0, 0);
        for (var r = 0; r < table.Rows; r++)
        {
            var gaps = 0;
            foreach (var c in featureColumns) gaps += double.IsNaN(table[r, c]) ? 1 : 0;
            if (double.IsNaN(table[r, t]) || (missing == MissingCells.Drop && gaps > 0))
            {
                dropped++;
                continue;
            }
            filled += gaps;
            kept.Add(r);
        }
        if (kept.Count == 0)
            throw new CliException(
                $"{UserText.Shown(table.File)}: every row has a missing cell{(missing == MissingCells.Drop ? ", so --missing drop leaves no row; try --missing mean" : " in the target")}.");

        var (kind, classNames, numericClasses, labels) = Target(table, t, kept, task);
        // Number columns are standardised over their kept rows' present cells; word columns are left as 0 and 1.
        var columnScales = featureColumns.Select(c => table.Words(c) is null ? ColumnScale.Of(Present(table, kept, c)) : ColumnScale.Identity).ToArray();
        var inputs = featureColumns.Select((c, j) => Input(table, c, kept, columnScales[j])).ToArray();
        var names = new List<string>();
        var (means, scales) = (new List<double>(), new List<double>());
        var sources = new List<(int Column, int Word, double Fill, ColumnScale Scale)>();
        for (var j = 0; j < inputs.Length; j++)
        {
            if (inputs[j].Words is { } words)
            {
                for (var w = 0; w < words.Count; w++)
                {
                    names.Add($"{inputs[j].Name}={words[w]}");
                    means.Add(0);
                    scales.Add(1);
                    sources.Add((featureColumns[j], w, words.ToList().IndexOf(inputs[j].WordFill!), ColumnScale.Identity));
                }
                continue;
            }
            names.Add(inputs[j].Name);
            means.Add(columnScales[j].Mean);
            scales.Add(columnScales[j].Scale);
            sources.Add((featureColumns[j], -1, inputs[j].NumberFill, columnScales[j]));
        }
        // Filled column by column straight from the table: the only copy of the data is this tensor.
        var features = Tensor.Create(Shape.Matrix(kept.Count, names.Count), (i, j) =>
        {
            var (column, word, fill, scale) = sources[j];
            var value = table[kept[i], column];
            if (double.IsNaN(value)) value = fill;
            return word >= 0 ? (value == word ? 1 : 0) : scale.Apply(value);
        });

        var raw = kind == LearningTask.Regression ? kept.Select(r => table[r, t]).ToArray() : [];
        var targetScale = kind == LearningTask.Regression ? ColumnScale.Of(raw) : ColumnScale.Identity;
        return new Dataset(
            names, target, kind, features, [.. raw.Select(targetScale.Apply)], labels,
            classNames, numericClasses, means, scales, targetScale.Mean, targetScale.Scale, inputs, missing, dropped, filled);
    }

    /// <summary>The task and, for classification, the class names, the numbers they stand for (a number target) and each kept row's class.</summary>
    private static (LearningTask, IReadOnlyList<string>, IReadOnlyList<double>?, int[]) Target(CsvTable table, int t, List<int> kept, LearningTask? task)
    {
        var name = table.Columns[t];
        if (table.Words(t) is { } words)
        {
            if (task == LearningTask.Regression)
                throw new CliException($"{UserText.Shown(table.File)}: the target '{UserText.Shown(name)}' holds words ('{UserText.Shown(words[0])}', …); regression needs numbers.");
            if (words.Count is < 2 or > MaxWords)
                throw new CliException($"{UserText.Shown(table.File)}: the target '{UserText.Shown(name)}' holds {words.Count} different word{(words.Count == 1 ? "" : "s")}; classification needs 2 to {MaxWords} classes.");
            return (LearningTask.Classification, words, null, [.. kept.Select(r => (int)table[r, t])]);
        }
        var raw = kept.Select(r => table[r, t]).ToArray();
        var classes = raw.Distinct().Order().ToArray();
        var integers = raw.All(v => v == Math.Floor(v));
        var looksLikeLabels = integers && classes.Length is >= 2 and <= MaxClasses;
        var kind = task ?? (looksLikeLabels ? LearningTask.Classification : LearningTask.Regression);
        if (kind == LearningTask.Classification && !looksLikeLabels)
            throw new CliException(
                $"{UserText.Shown(table.File)}: the target '{UserText.Shown(name)}' holds {classes.Length} distinct values{(integers ? "" : ", not all integers")}; classification needs 2 to {MaxClasses} integer labels.");
        return kind == LearningTask.Classification
            ? (kind, [.. classes.Select(Numbers.Format)], classes, [.. raw.Select(v => Array.BinarySearch(classes, v))])
            : (kind, [], null, []);
    }

    /// <summary>
    /// A feature column with its words and the fill of a missing cell: the mean of its numbers (from
    /// <paramref name="scale"/>), or its most frequent word.
    /// </summary>
    private static InputColumn Input(CsvTable table, int column, List<int> kept, ColumnScale scale)
    {
        var name = table.Columns[column];
        if (table.Words(column) is not { } words)
        {
            return new InputColumn(name, null, scale.Mean, null);
        }
        var counts = new int[words.Count];
        foreach (var r in kept)
        {
            if (!double.IsNaN(table[r, column])) counts[(int)table[r, column]]++;
        }
        return new InputColumn(name, words, double.NaN, words[Array.IndexOf(counts, counts.Max())]);
    }

    /// <summary>The kept rows' cells of a column, missing cells left out: read from the table, not copied.</summary>
    private static IEnumerable<double> Present(CsvTable table, List<int> kept, int column)
    {
        foreach (var r in kept)
        {
            var value = table[r, column];
            if (!double.IsNaN(value)) yield return value;
        }
    }
}
