using System.Globalization;
using Sylvan.Data.Csv;

namespace FunctionalAD.Cli.Commands;

/// <summary>A CSV file of numbers with a header row, read whole; every problem names the line and column.</summary>
internal sealed record CsvData(IReadOnlyList<string> Columns, IReadOnlyList<double[]> Rows)
{
    public static CsvData Read(string path)
    {
        if (!File.Exists(path)) throw new CliException($"--csv: the file '{path}' does not exist.");
        try
        {
            return ReadExisting(path);
        }
        catch (CsvMissingHeadersException)
        {
            throw new CliException($"--csv: '{path}' is empty; it needs a header row of column names and rows of numbers.");
        }
        catch (Exception e) when (e.GetType().Namespace == typeof(CsvDataReader).Namespace)
        {
            throw new CliException($"--csv: '{path}' is not CSV that can be read: {e.Message}");
        }
    }

    private static CsvData ReadExisting(string path)
    {
        using var reader = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true });
        var columns = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).Trim()).ToArray();
        if (columns.Length == 0 || columns.All(c => c.Length == 0))
            throw new CliException($"--csv: '{path}' is empty; it needs a header row of column names and rows of numbers.");
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i].Length == 0) throw new CliException($"--csv: column {i + 1} of the header has no name.");
            if (Array.IndexOf(columns, columns[i]) != i) throw new CliException($"--csv: the column name '{columns[i]}' appears twice in the header.");
        }
        var rows = new List<double[]>();
        var line = 1;
        while (reader.Read())
        {
            line++;
            if (reader.RowFieldCount != columns.Length)
                throw new CliException($"--csv: line {line} has {reader.RowFieldCount} fields, but the header has {columns.Length}.");
            var row = new double[columns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                var text = reader.GetString(i).Trim();
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out row[i]))
                    throw new CliException($"--csv: line {line}, column '{columns[i]}': '{text}' is not a number.");
            }
            rows.Add(row);
        }
        if (rows.Count == 0) throw new CliException($"--csv: '{path}' has a header but no rows of data.");
        return new CsvData(columns, rows);
    }
}
