using System.Globalization;
using FunctionalAD.Cli.Output;
using Sylvan.Data.Csv;

namespace FunctionalAD.Cli.Data;

/// <summary>
/// A CSV file of numbers read whole: the header's column names and one row of doubles per data row. Any cell that
/// is not a finite number, a row with more or fewer fields than the header, or a file without a header or data is
/// refused with a message naming the file, the line, the row and the column.
/// </summary>
internal sealed record CsvTable(string File, IReadOnlyList<string> Columns, IReadOnlyList<double[]> Rows)
{
    public static CsvTable Read(string path)
    {
        // Names, cells and the file name are echoed through UserText: escaped, and cut when long.
        var name = UserText.Shown(Path.GetFileName(path));
        if (!System.IO.File.Exists(path)) throw new CliException($"{UserText.Shown(path)}: no such file.");
        var empty = new CliException($"{name} is empty: it needs a header row of column names and at least one data row.");
        using var text = new StreamReader(path);
        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true });
        }
        catch (CsvMissingHeadersException)
        {
            throw empty;
        }
        using var _ = csv;
        if (csv.FieldCount == 0 || (csv.FieldCount == 1 && csv.GetName(0).Trim().Length == 0)) throw empty;
        var columns = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).ToArray();
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i].Length == 0) throw new CliException($"{name}, line 1: column {i + 1} of the header has no name.");
            var first = Array.IndexOf(columns, columns[i]);
            if (first < i) throw new CliException($"{name}, line 1: the column name '{UserText.Shown(columns[i])}' appears twice (columns {first + 1} and {i + 1}).");
        }
        var rows = new List<double[]>();
        while (csv.Read())
        {
            // Lines are counted from the header, line 1; rows from the first data row, row 1.
            var row = rows.Count + 1;
            var where = $"{name}, line {row + 1} (row {row})";
            if (csv.RowFieldCount != columns.Length)
                throw new CliException($"{where}: {csv.RowFieldCount} field{(csv.RowFieldCount == 1 ? "" : "s")}, but the header has {columns.Length} columns.");
            var values = new double[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                var cell = csv.GetString(c);
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[c]) || !double.IsFinite(values[c]))
                    throw new CliException($"{where}, column '{UserText.Shown(columns[c])}': {(cell.Trim().Length == 0 ? "the cell is empty" : $"'{UserText.Shown(cell)}' is not a number")}; every cell must be a finite number.");
            }
            rows.Add(values);
        }
        if (rows.Count == 0) throw new CliException($"{name} has a header but no data rows.");
        return new CsvTable(Path.GetFileName(path), columns, rows);
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
}
