using FunctionalAD.Cli.Output;

namespace FunctionalAD.Cli.Data;

/// <summary>What <c>fad train</c> learns: classes (a few integer labels) or values.</summary>
internal enum LearningTask { Classification, Regression }

/// <summary>
/// A CSV table split into standardised features and a target. Each feature column is shifted by its mean and
/// divided by its standard deviation (1 for a constant column), so that one learning rate suits every column, by
/// <see cref="ColumnScale"/>, which cannot overflow; a regression target is standardised the same way, a
/// classification target becomes class indices 0 … k − 1.
/// </summary>
internal sealed record Dataset(
    IReadOnlyList<string> FeatureNames, string TargetName, LearningTask LearningTask, double[,] Features, double[] Targets, int[] Labels,
    IReadOnlyList<double> Classes, IReadOnlyList<double> Means, IReadOnlyList<double> Scales, double TargetMean, double TargetScale)
{
    /// <summary>The most distinct integer values a target may have to count as class labels.</summary>
    public const int MaxClasses = 10;

    public int Rows => Features.GetLength(0);

    public static Dataset From(CsvTable table, string target, LearningTask? task)
    {
        var t = table.IndexOf(target);
        var featureColumns = Enumerable.Range(0, table.Columns.Count).Where(c => c != t).ToArray();
        if (featureColumns.Length == 0)
            throw new CliException($"{UserText.Shown(table.File)}: the target '{UserText.Shown(target)}' is its only column; add at least one feature column.");
        var raw = table.Rows.Select(r => r[t]).ToArray();
        var classes = raw.Distinct().Order().ToArray();
        var looksLikeLabels = raw.All(v => v == Math.Floor(v)) && classes.Length is >= 2 and <= MaxClasses;
        var kind = task ?? (looksLikeLabels ? LearningTask.Classification : LearningTask.Regression);
        if (kind == LearningTask.Classification && !looksLikeLabels)
            throw new CliException(
                $"{UserText.Shown(table.File)}: the target '{UserText.Shown(target)}' holds {classes.Length} distinct values{(raw.All(v => v == Math.Floor(v)) ? "" : ", not all integers")}; classification needs 2 to {MaxClasses} integer labels.");

        var rows = table.Rows.Count;
        var features = new double[rows, featureColumns.Length];
        var (means, scales) = (new double[featureColumns.Length], new double[featureColumns.Length]);
        for (var j = 0; j < featureColumns.Length; j++)
        {
            var column = table.Rows.Select(r => r[featureColumns[j]]).ToArray();
            var scale = ColumnScale.Of(column);
            (means[j], scales[j]) = (scale.Mean, scale.Scale);
            for (var i = 0; i < rows; i++) features[i, j] = scale.Apply(column[i]);
        }
        var targetColumn = kind == LearningTask.Regression ? ColumnScale.Of(raw) : ColumnScale.Identity;
        return new Dataset(
            [.. featureColumns.Select(c => table.Columns[c])], target, kind, features,
            [.. raw.Select(targetColumn.Apply)],
            kind == LearningTask.Classification ? [.. raw.Select(v => Array.BinarySearch(classes, v))] : [],
            kind == LearningTask.Classification ? classes : [], means, scales, targetColumn.Mean, targetColumn.Scale);
    }
}
