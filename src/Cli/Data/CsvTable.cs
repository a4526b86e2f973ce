using System.Globalization;
using FunctionalAD.Cli.Output;

namespace FunctionalAD.Cli.Data;

/// <summary>
/// A CSV file read whole into one block of doubles, 8 bytes a cell: a number cell holds its value, a missing cell
/// (<see cref="SavedModel.IsMissing"/>) NaN, and a cell of a word column the index of its word among the column's
/// words (sorted). A column is a word column when any of its cells is neither a number nor missing; its number cells
/// then count as words too, as written by <see cref="Numbers.Format"/>. Rows are stored in blocks of
/// <see cref="BlockRows"/>, so that growing the table never copies it. Cells are parsed from the reader's buffer
/// without a string each; only words are kept as strings, once per distinct word.
/// </summary>
internal sealed class CsvTable
{
    /// <summary>Rows per block of storage.</summary>
    public const int BlockRows = 4096;

    private readonly List<double[]> blocks;
    private readonly string[]?[] words;

    private CsvTable(string file, IReadOnlyList<string> columns, List<double[]> blocks, int rows, string[]?[] words)
    {
        (File, Columns, this.blocks, Rows, this.words) = (file, columns, blocks, rows, words);
    }

    /// <summary>The file's name, as given (messages show it through <see cref="UserText.Shown"/>).</summary>
    public string File { get; }

    /// <summary>The header's column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The number of data rows.</summary>
    public int Rows { get; }

    /// <summary>The cell at (<paramref name="row"/>, <paramref name="column"/>): a number, NaN for a missing cell, or a word's index.</summary>
    public double this[int row, int column] => blocks[row / BlockRows][(row % BlockRows) * Columns.Count + column];

    /// <summary>The words of a word column, sorted (ordinal); null for a number column.</summary>
    public IReadOnlyList<string>? Words(int column) => words[column];

    public static CsvTable Read(string path)
    {
        using var source = CsvSource.Open(path);
        var width = source.Columns.Count;
        var blocks = new List<double[]>();
        var found = new Dictionary<string, int>?[width];
        var rows = 0;
        while (source.Read())
        {
            if (rows % BlockRows == 0) blocks.Add(new double[BlockRows * width]);
            var block = blocks[^1];
            var offset = (rows % BlockRows) * width;
            for (var c = 0; c < width; c++)
            {
                var cell = source.Cell(c).Trim();
                double value;
                if (SavedModel.IsMissing(cell))
                {
                    value = double.NaN;
                }
                else if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                {
                    if (!double.IsFinite(value))
                        throw new CliException($"{source.Where}, column '{UserText.Shown(source.Columns[c])}': '{UserText.Shown(cell.ToString())}' is not a finite number.");
                    if (found[c] is { } known) value = Code(known, Numbers.Format(value));
                }
                else
                {
                    found[c] ??= BecomeWords(blocks, rows, width, c);
                    value = Code(found[c]!, cell.ToString());
                }
                block[offset + c] = value;
            }
            rows++;
        }
        if (rows == 0) throw new CliException($"{UserText.Shown(source.Name)} has a header but no data rows.");
        var words = new string[]?[width];
        for (var c = 0; c < width; c++)
        {
            if (found[c] is { } known) words[c] = Sort(known, blocks, rows, width, c);
        }
        return new CsvTable(source.Name, source.Columns, blocks, rows, words);
    }

    /// <summary>The index of the column named <paramref name="column"/>.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column) return i;
        }
        throw new CliException($"{UserText.Shown(File)}: no column named '{UserText.Shown(column)}'; its columns are: {string.Join(", ", Columns.Select(UserText.Shown))}.");
    }

    private static int Code(Dictionary<string, int> known, string word)
    {
        if (!known.TryGetValue(word, out var code)) known[word] = code = known.Count;
        return code;
    }

    /// <summary>A number column met its first word: the numbers read so far become words, in the same order of codes.</summary>
    private static Dictionary<string, int> BecomeWords(List<double[]> blocks, int rows, int width, int column)
    {
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < rows; r++)
        {
            ref var cell = ref blocks[r / BlockRows][(r % BlockRows) * width + column];
            if (!double.IsNaN(cell)) cell = Code(known, Numbers.Format(cell));
        }
        return known;
    }

    /// <summary>The words in ordinal order, with the column's codes renumbered to match.</summary>
    private static string[] Sort(Dictionary<string, int> known, List<double[]> blocks, int rows, int width, int column)
    {
        var sorted = known.Keys.Order(StringComparer.Ordinal).ToArray();
        var renumber = new double[known.Count];
        for (var i = 0; i < sorted.Length; i++) renumber[known[sorted[i]]] = i;
        for (var r = 0; r < rows; r++)
        {
            ref var cell = ref blocks[r / BlockRows][(r % BlockRows) * width + column];
            if (!double.IsNaN(cell)) cell = renumber[(int)cell];
        }
        return sorted;
    }
}
