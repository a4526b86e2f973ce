using System.Globalization;
using System.Text;
using FunctionalAD.Cli.Data;

namespace FunctionalAD.Cli.Tests;

/// <summary>
/// Reading real CSV files: wide rows and large cells are read, rows beyond the documented limit and malformed or binary
/// input are one line naming the line and column (exit 1, never an internal error), and a table is held as doubles,
/// 8 bytes a cell, not as objects per row.
/// </summary>
public sealed class CsvReadingTests() : TemporaryFolder("fad-csv-")
{
    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public void Rows_of_a_thousand_full_precision_columns_are_read()
    {
        var random = new Random(3);
        var csv = new StringBuilder(string.Join(",", Enumerable.Range(0, 1000).Select(i => $"x{i}")) + ",y\n");
        for (var r = 0; r < 20; r++)
            csv.AppendLine(string.Join(",", Enumerable.Range(0, 1000).Select(_ => Invariant(random.NextDouble() * Math.PI))) + $",{r % 2}");
        Assert.True(csv.Length / 21 > 16 * 1024, "each row is longer than 16 KB");
        var run = Fad.Run("train", "--csv", Write("wide.csv", csv.ToString()), "--target", "y", "--model", "linear", "--epochs", "1",
            "--out", Path.Combine(folder, "wide.json"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("20 rows, 1000 features", run.Output);
    }

    [Fact]
    public void A_single_cell_of_a_megabyte_is_read()
    {
        var big = new string('w', 1 << 20);
        var csv = $"a,word,y\n1,{big},0\n2,small,1\n3,small,0\n4,{big},1\n";
        var run = Fad.Run("train", "--csv", Write("cell.csv", csv), "--target", "y", "--epochs", "1", "--out", Path.Combine(folder, "cell.json"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("4 rows, 3 features", run.Output);
    }

    [Fact]
    public void A_row_longer_than_the_limit_is_refused_naming_its_line()
    {
        var path = Path.Combine(folder, "huge.csv");
        using (var writer = new StreamWriter(path))
        {
            writer.Write("a,y\n1,0\n2,1\n");
            writer.Write(new string('9', CsvSource.MaxRecordCharacters + 10));
            writer.Write(",0\n");
        }
        GradCommandTests.AssertOneLineError(Fad.Run("train", "--csv", path, "--target", "y"), 1,
            $"huge.csv, line 4: the row is longer than {CsvSource.MaxRecordCharacters:N0} characters");
    }

    [Theory]
    [InlineData("a,y\n1,0\n\"2,1\n3,0\n", "bad.csv, line 3, column 'a': a quoted cell has no closing quote")]
    [InlineData("a,y\n1,0\n2,\u00001\n", "bad.csv, line 3, character 3: a NUL character; this looks like binary data")]
    [InlineData("\u0000\u0000\u0000\u0000", "bad.csv, line 1, character 1: a NUL character")]
    public void Malformed_or_binary_input_is_one_line_with_line_and_column(string content, string message) =>
        GradCommandTests.AssertOneLineError(Fad.Run("train", "--csv", Write("bad.csv", content), "--target", "y"), 1, message);

    [Fact]
    public void Dev_zero_is_refused_as_binary_data()
    {
        if (!File.Exists("/dev/zero")) return; // a Unix device
        GradCommandTests.AssertOneLineError(Fad.Run("train", "--csv", "/dev/zero", "--target", "y"), 1, "zero, line 1, character 1: a NUL character");
    }

    [Fact]
    public void A_trailing_blank_line_and_blank_lines_between_rows_are_not_rows()
    {
        var run = Fad.Run("train", "--csv", Write("blank.csv", "a,y\n1,0\n\n2,1\n3,0\n4,1\n\n\n"), "--target", "y", "--epochs", "1",
            "--out", Path.Combine(folder, "blank.json"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("4 rows, 1 features", run.Output);
    }

    [Fact]
    public void A_table_is_held_as_eight_bytes_a_cell()
    {
        // 20,000 rows × 10 columns of full-precision numbers: the file is about 3.8 MB of text, the cells 1.6 MB as doubles.
        const int rows = 20_000, columns = 10;
        var random = new Random(5);
        var csv = new StringBuilder(string.Join(",", Enumerable.Range(0, columns - 1).Select(i => $"x{i}")) + ",y\n");
        for (var r = 0; r < rows; r++)
            csv.AppendLine(string.Join(",", Enumerable.Range(0, columns).Select(_ => Invariant(random.NextDouble()))));
        var path = Write("many.csv", csv.ToString());
        CsvTable.Read(path); // warm up: the reader's own buffers and code paths are not the data

        var before = GC.GetAllocatedBytesForCurrentThread();
        var table = CsvTable.Read(path);
        var read = GC.GetAllocatedBytesForCurrentThread() - before;
        var data = Dataset.From(table, "y", null);
        var total = GC.GetAllocatedBytesForCurrentThread() - before;

        const long cells = (long)rows * columns * sizeof(double);
        Assert.Equal(rows, data.Rows);
        // Reading: the blocks of doubles (rounded up to a block), the reader's buffer and small change; no string per cell.
        Assert.True(read < cells * 1.5 + (1 << 20), $"reading allocated {read:N0} bytes for {cells:N0} bytes of cells");
        // Reading and the features: the table, one rows × features tensor and the rows kept, not an object per row.
        Assert.True(total < cells * 3 + (1 << 20), $"reading and standardising allocated {total:N0} bytes for {cells:N0} bytes of cells");
    }
}
