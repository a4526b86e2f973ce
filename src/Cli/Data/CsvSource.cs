using FunctionalAD.Cli.Output;
using Sylvan.Data.Csv;

namespace FunctionalAD.Cli.Data;

/// <summary>
/// A CSV file read record by record, for <c>fad train</c> and <c>fad predict</c>: the header's column names (checked:
/// present, named, unique) and then each data record, with blank lines skipped. The reader's buffer starts small and
/// grows with the longest record up to <see cref="MaxRecordCharacters"/>; a longer record, an unclosed quote, a NUL
/// character (binary data) or a record with a different number of fields than the header is a <see cref="CliException"/>
/// naming the file, the line and the column. Names from the file, and the file's name, are shown through
/// <see cref="UserText.Shown"/>: escaped, and cut when long.
/// </summary>
internal sealed class CsvSource : IDisposable
{
    /// <summary>The longest record (a header or a row) read: 32 Mi characters, 64 MB of buffer; docs/cli.md states it.</summary>
    public const int MaxRecordCharacters = 32 * 1024 * 1024;

    private const int InitialBuffer = 64 * 1024;
    private readonly CsvDataReader csv;

    private CsvSource(string name, CsvDataReader csv, string[] columns)
    {
        Name = name;
        this.csv = csv;
        Columns = columns;
    }

    /// <summary>The file name, as given (messages show it through <see cref="UserText.Shown"/>).</summary>
    public string Name { get; }

    /// <summary>The header's column names, trimmed.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The line of the current record, counting the header as line 1 (a record with a quoted line break counts once).</summary>
    public int Line { get; private set; } = 1;

    /// <summary>The current data record, counting from 1 and not counting blank lines.</summary>
    public int Row { get; private set; }

    /// <summary>"file, line 3 (row 2)": where the current record is, for messages.</summary>
    public string Where => $"{UserText.Shown(Name)}, line {Line} (row {Row})";

    /// <summary>Cell <paramref name="column"/> of the current record, without allocating; valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<char> Cell(int column) => csv.GetFieldSpan(column);

    /// <summary>Cell <paramref name="column"/> of the current record as a string.</summary>
    public string Text(int column) => csv.GetString(column);

    public static CsvSource Open(string path)
    {
        var shown = UserText.Shown(Path.GetFileName(path));
        if (Directory.Exists(path)) throw new CliException($"{UserText.Shown(path)} is a folder, not a CSV file.");
        if (!File.Exists(path)) throw new CliException($"{UserText.Shown(path)}: no such file.");
        var empty = new CliException($"{shown} is empty: it needs a header row of column names and at least one data row.");
        var text = new NulGuard(new StreamReader(path));
        var options = new CsvDataReaderOptions { HasHeaders = true, BufferSize = InitialBuffer, MaxBufferSize = MaxRecordCharacters };
        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(text, options);
        }
        catch (CsvMissingHeadersException)
        {
            text.Dispose();
            throw empty;
        }
        catch (Exception e) when (e is CsvFormatException or BinaryDataException)
        {
            text.Dispose();
            throw Translate(shown, e);
        }
        if (csv.FieldCount == 0 || (csv.FieldCount == 1 && csv.GetName(0).Trim().Length == 0))
        {
            csv.Dispose();
            throw empty;
        }
        var columns = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).ToArray();
        for (var i = 0; i < columns.Length; i++)
        {
            CliException? problem = null;
            if (columns[i].Length == 0) problem = new CliException($"{shown}, line 1: column {i + 1} of the header has no name.");
            var first = Array.IndexOf(columns, columns[i]);
            if (problem is null && first < i) problem = new CliException($"{shown}, line 1: the column name '{UserText.Shown(columns[i])}' appears twice (columns {first + 1} and {i + 1}).");
            if (problem is not null)
            {
                csv.Dispose();
                throw problem;
            }
        }
        return new CsvSource(Path.GetFileName(path), csv, columns);
    }

    /// <summary>Moves to the next data record, skipping blank lines; false at the end of the file.</summary>
    public bool Read()
    {
        try
        {
            while (csv.Read())
            {
                Line = csv.RowNumber + 1;
                if (csv.RowFieldCount == 1 && csv.GetFieldSpan(0).IsWhiteSpace() && Columns.Count > 1) continue;
                Row++;
                if (csv.RowFieldCount != Columns.Count)
                    throw new CliException($"{Where}: {csv.RowFieldCount} field{(csv.RowFieldCount == 1 ? "" : "s")}, but the header has {Columns.Count} columns.");
                return true;
            }
            return false;
        }
        catch (Exception e) when (e is CsvFormatException or BinaryDataException)
        {
            throw Translate(UserText.Shown(Name), e);
        }
    }

    public void Dispose() => csv.Dispose();

    private CliException Translate(string name, Exception e) => Translate(name, e, Columns);

    /// <summary>The reader's exception as a message naming the file (<paramref name="name"/>, as shown), the line and the column.</summary>
    private static CliException Translate(string name, Exception e, IReadOnlyList<string>? columns = null)
    {
        switch (e)
        {
            case BinaryDataException binary:
                return new CliException($"{name}, line {binary.Line}, character {binary.Column}: a NUL character; this looks like binary data, not a CSV text file.");
            case CsvRecordTooLargeException large:
                return new CliException(
                    $"{name}, line {large.RowNumber + 1}: the {(large.RowNumber == 0 ? "header" : "row")} is longer than {MaxRecordCharacters:N0} characters, the most a row may hold.");
            case CsvInvalidCharacterException { InvalidCharacter: '"' } quote:
                return new CliException($"{name}, line {quote.RowNumber + 1}, {Column(quote.FieldOrdinal, columns)}: a quoted cell has no closing quote.");
            case CsvFormatException format:
                return new CliException($"{name}, line {format.RowNumber + 1}, {Column(format.FieldOrdinal, columns)}: the CSV is malformed ({format.Message.TrimEnd('.')}).");
            default:
                return new CliException($"{name}: {e.Message}");
        }
    }

    private static string Column(int ordinal, IReadOnlyList<string>? columns) =>
        columns is not null && ordinal >= 0 && ordinal < columns.Count ? $"column '{UserText.Shown(columns[ordinal])}'" : $"column {ordinal + 1}";

    /// <summary>A NUL character in the text, at a line and character (both from 1): the file is binary data.</summary>
    private sealed class BinaryDataException(long line, long column) : Exception("binary data")
    {
        public long Line { get; } = line;
        public long Column { get; } = column;
    }

    /// <summary>
    /// Passes the text through, refusing it at its first NUL character: a text file never holds one, and binary data
    /// (or /dev/zero) would otherwise be read as one ever-growing field.
    /// </summary>
    private sealed class NulGuard(TextReader inner) : TextReader
    {
        private long line = 1;
        private long column;

        public override int Peek() => inner.Peek();

        public override int Read()
        {
            var c = inner.Read();
            if (c >= 0) Check(new ReadOnlySpan<char>([(char)c]));
            return c;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var n = inner.Read(buffer);
            Check(buffer[..n]);
            return n;
        }

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer, index, count));

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        private void Check(ReadOnlySpan<char> text)
        {
            var nul = text.IndexOf('\0');
            var seen = nul < 0 ? text : text[..nul];
            var lastBreak = seen.LastIndexOf('\n');
            if (lastBreak >= 0)
            {
                line += seen.Count('\n');
                column = seen.Length - lastBreak - 1;
            }
            else
            {
                column += seen.Length;
            }
            if (nul >= 0) throw new BinaryDataException(line, column + 1);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
