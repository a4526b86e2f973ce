using System.Globalization;

namespace FunctionalAD.Cli.Tests;

/// <summary>
/// <c>fad grad --hessian</c> shows every entry: a table when it fits the width, one line per row when it does not,
/// never a truncated column; a Hessian too large to print is refused with a hint, and <c>--hessian-out</c> writes any
/// Hessian to a CSV file.
/// </summary>
public class GradHessianTests
{
    private static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    // f = Σ c_i x_i x_{i+1} + Σ x_i²: H_ii = 2, H_i,i+1 = H_i+1,i = c_i = i + 1, every other entry 0.
    private static (string Expression, string At, string[] Names) Chain(int n)
    {
        // Names long enough that 20 of them make a table wider than fad ever prints (240 columns), whatever the output's width.
        var names = Enumerable.Range(1, n).Select(i => $"weight_{i}").ToArray();
        var terms = names.Select(x => $"{x}^2").Concat(Enumerable.Range(0, n - 1).Select(i => $"{i + 1} * {names[i]} * {names[i + 1]}"));
        return (string.Join(" + ", terms), string.Join(",", names.Select((x, i) => FormattableString.Invariant($"{x}={i * 0.5}"))), names);
    }

    // Names are listed in ordinal order (weight_1, weight_10, weight_100, …): the entry for two names by their numbers.
    private static double Expected(string row, string column)
    {
        static int Index(string name) => int.Parse(name["weight_".Length..], CultureInfo.InvariantCulture) - 1;
        var (i, j) = (Index(row), Index(column));
        return i == j ? 2 : Math.Abs(i - j) == 1 ? Math.Min(i, j) + 1 : 0;
    }

    [Theory]
    [InlineData(20)]
    [InlineData(30)]
    [InlineData(100)]
    public void AWideHessianPrintsEveryEntryOneRowALine(int n)
    {
        var (expression, at, names) = Chain(n);
        var run = Fad.Run("grad", expression, "--at", at, "--hessian");

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("Hessian", StringComparison.Ordinal));
        Assert.True(start >= 0, run.Output);
        Assert.DoesNotContain("…", string.Join('\n', lines[start..])); // (the echo of a long expression may be cut; the Hessian is not)
        // The first line names the columns in order; then each row: its name, a colon, and n numbers in that order.
        var order = names.Order(StringComparer.Ordinal).ToArray();
        Assert.EndsWith($"the columns are in the order {string.Join(", ", order)}.", lines[start]);
        for (var i = 0; i < n; i++)
        {
            var row = lines[start + 1 + i];
            Assert.StartsWith(order[i] + ":", row);
            var cells = row[(order[i].Length + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(n, cells.Length);
            for (var j = 0; j < n; j++) Assert.Equal(Expected(order[i], order[j]), Number(cells[j]));
        }
    }

    [Fact]
    public void AroundTheWidthEveryEntryIsShownInOneFormOrTheOther()
    {
        // f = Σ 10·v², v = a, b, …: 20 on the diagonal, 0 elsewhere. Where the output is 80 columns wide the table holds
        // 15 names and no more; wherever the boundary lies, every entry is shown.
        foreach (var n in Enumerable.Range(12, 8))
        {
            var names = Enumerable.Range(0, n).Select(i => ((char)('a' + i)).ToString()).ToArray();
            var run = Fad.Run("grad", string.Join(" + ", names.Select(v => $"10 * {v}^2")), "--at", string.Join(",", names.Select(v => $"{v}=1")), "--hessian");

            Assert.True(run.ExitCode == 0, run.Error);
            var lines = run.Output.Split('\n')[Array.FindIndex(run.Output.Split('\n'), l => l.StartsWith("Hessian", StringComparison.Ordinal))..];
            var table = lines[1].StartsWith('┌');
            foreach (var (name, i) in names.Select((v, i) => (v, i)))
            {
                var cells = table
                    ? run.Row(name)[1..]
                    : lines.Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(names.Select((_, j) => j == i ? 20.0 : 0.0), cells.Select(Number));
            }
            Assert.All(lines.Where(l => l.StartsWith('│')), l => Assert.True(l.TrimEnd().Length <= 240, l));
        }
    }

    [Fact]
    public void AHessianTooLargeToPrintIsRefusedWithAHint()
    {
        var (expression, at, _) = Chain(1000);
        var run = Fad.Run("grad", expression, "--at", at, "--hessian");

        GradCommandTests.AssertOneLineError(run, 1, "1000 × 1000");
        Assert.Contains("--hessian-out", run.Error);
        Assert.Equal("", run.Output); // refused before anything is printed
    }

    [Fact]
    public void HessianOutWritesEveryEntryToACsvFile()
    {
        var (expression, at, names) = Chain(1000);
        var file = Path.Combine(Path.GetTempPath(), $"fad-hessian-{Guid.NewGuid():N}.csv");
        try
        {
            var run = Fad.Run("grad", expression, "--at", at, "--hessian-out", file);

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains(file, run.Output);
            var lines = File.ReadAllLines(file);
            Assert.Equal(1001, lines.Length);
            var header = lines[0].Split(',');
            Assert.Equal("", header[0]);
            Assert.Equal(names.Order(StringComparer.Ordinal), header[1..]);
            for (var i = 0; i < names.Length; i++)
            {
                var cells = lines[i + 1].Split(',');
                Assert.Equal(header[i + 1], cells[0]);
                Assert.Equal(1001, cells.Length);
                for (var j = 0; j < names.Length; j++) Assert.Equal(Expected(cells[0], header[j + 1]), Number(cells[j + 1]));
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void HessianOutAndHessianTogetherPrintAndWrite()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fad-hessian-{Guid.NewGuid():N}.csv");
        try
        {
            var run = Fad.Run("grad", "x * y", "--at", "x=1,y=2", "--hessian", "--hessian-out", file);
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Equal(["x", "0", "1"], run.Row("x"));
            Assert.Equal([",x,y", "x,0,1", "y,1,0"], File.ReadAllLines(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void AHessianOutFolderThatDoesNotExistIsCreatedAsForEveryOutput()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"fad-missing-{Guid.NewGuid():N}");
        var file = Path.Combine(folder, "h.csv");
        try
        {
            var run = Fad.Run("grad", "x * y", "--at", "x=1,y=2", "--hessian-out", file);
            Assert.Equal(0, run.ExitCode);
            Assert.Equal(",x,y", File.ReadLines(file).First());
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
