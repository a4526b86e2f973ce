using System.Text;

namespace FunctionalAD.Cli.Tests;

/// <summary>Output to a file or a pipe is not wrapped: a long line stays one line, whatever the terminal's width would be.</summary>
public sealed class RedirectedOutputTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fad-wide-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_long_line_is_not_wrapped_when_output_is_redirected()
    {
        var names = Enumerable.Range(1, 6).Select(i => $"a_rather_long_feature_name_number_{i}").ToArray();
        var csv = new StringBuilder(string.Join(",", names) + ",y\n");
        for (var i = 0; i < 8; i++) csv.AppendLine(string.Join(",", names.Select((_, j) => (i * j % 5).ToString())) + $",{i}.5");
        var path = Path.Combine(folder, "wide.csv");
        File.WriteAllText(path, csv.ToString());

        var run = Fad.Run("train", "--csv", path, "--target", "y", "--epochs", "1", "--out", Path.Combine(folder, "p.json"));

        Assert.Equal(0, run.ExitCode);
        var line = $"wide.csv: 8 rows, 6 features ({string.Join(", ", names)}), target 'y'.";
        Assert.True(line.Length > 200);
        Assert.Contains(line + "\n", run.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Headings_keep_their_width_when_output_is_redirected()
    {
        var run = Fad.Run("demo", "--out", Path.Combine(folder, "pictures"));
        var headings = run.Output.Split('\n').Where(l => l.StartsWith("──", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, headings.Length);
        Assert.All(headings, h => Assert.Equal(80, h.TrimEnd().Length));
    }
}
