using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// How one input column of a <see cref="SavedModel"/> becomes features: a number column gives its number (before
/// standardisation), a word column one 0-or-1 feature per word it was trained on; a missing cell gets
/// <paramref name="NumberFill"/> or the word <paramref name="WordFill"/>.
/// </summary>
internal sealed record ColumnEncoding(string Name, ImmutableArray<string>? Words, double NumberFill, int WordFill)
{
    /// <summary>The features of <paramref name="cell"/>, written at <paramref name="at"/>; returns the position after them.</summary>
    public int Write(string cell, double[] values, int at, int row)
    {
        var missing = SavedModel.IsMissing(cell);
        if (Words is not { } words)
        {
            if (missing)
            {
                values[at] = NumberFill;
            }
            else if (!double.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[at]) || !double.IsFinite(values[at]))
            {
                throw new ArgumentException($"Row {row}, column '{Name}': '{cell}' is not a finite number.", "rows");
            }
            return at + 1;
        }
        var word = missing ? WordFill : words.IndexOf(cell.Trim(), StringComparer.Ordinal);
        if (word < 0 && double.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            word = words.IndexOf(number.ToString("R", CultureInfo.InvariantCulture), StringComparer.Ordinal);
        if (word < 0)
            throw new ArgumentException(
                $"Row {row}, column '{Name}': '{cell}' is not a word the model was trained on; it knows {string.Join(", ", words)}.", "rows");
        for (var w = 0; w < words.Length; w++) values[at + w] = w == word ? 1 : 0;
        return at + words.Length;
    }
}
