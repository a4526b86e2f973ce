namespace FunctionalAD.Cli.Output;

/// <summary>Writes CSV records: a cell is quoted (with its quotes doubled) when it holds a comma, a quote, a line break or edge spaces.</summary>
internal static class CsvText
{
    public static void WriteRecord(TextWriter writer, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) writer.Write(',');
            first = false;
            var quote = cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (cell.Length > 0 && (char.IsWhiteSpace(cell[0]) || char.IsWhiteSpace(cell[^1])));
            writer.Write(quote ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell);
        }
        writer.Write('\n');
    }
}
