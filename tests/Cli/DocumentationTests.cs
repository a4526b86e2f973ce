using System.Text;

namespace FunctionalAD.Cli.Tests;

/// <summary>
/// The documents show real runs: README.md's demo output and every <c>$ fad …</c> example of docs/cli.md are
/// run in-process here and must print exactly what the documents show.
/// </summary>
public class DocumentationTests
{
    private static string Root()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "FunctionalAD.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("FunctionalAD.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Read(string relative) => File.ReadAllText(Path.Combine(Root(), relative)).ReplaceLineEndings("\n");

    [Fact]
    public void TheReadmeShowsWhatTheDemoPrints()
    {
        var readme = Read("README.md");
        var start = readme.IndexOf("```text\n── 1. The model", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md shows the demo's output");
        var shown = readme[(start + "```text\n".Length)..readme.IndexOf("```", start + 8, StringComparison.Ordinal)];

        var folder = Path.Combine(Path.GetTempPath(), "fad-readme-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = Fad.Run("demo", "--out", folder);
            Assert.Equal(0, run.ExitCode);
            // Everything before the files section, which names the folder and lists graph.svg only where Graphviz is installed.
            static string Head(string text) => text[..text.IndexOf("── 4. Pictures", StringComparison.Ordinal)];
            Assert.Equal(Head(shown), Head(run.Output.ReplaceLineEndings("\n")));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    public static TheoryData<string, string> CliExamples()
    {
        var data = new TheoryData<string, string>();
        var lines = Read("docs/cli.md").Split('\n');
        string? command = null;
        var expected = new StringBuilder();
        foreach (var line in lines)
        {
            if (command is not null && (line.StartsWith("$ ", StringComparison.Ordinal) || line == "```"))
            {
                data.Add(command, expected.ToString());
                (command, expected) = (null, new StringBuilder());
            }
            if (line.StartsWith("$ fad ", StringComparison.Ordinal)) command = line[6..];
            else if (command is not null) expected.Append(line).Append('\n');
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CliExamples))]
    public void EveryExampleInTheCliGuidePrintsWhatItShows(string command, string expected)
    {
        var run = Fad.Run(Split(command));
        Assert.Equal(expected, (run.Output + run.Error).ReplaceLineEndings("\n"));
        Assert.Equal(run.Error.Length == 0, run.ExitCode == 0);
    }

    [Fact]
    public void TheCliGuideHasExamples() => Assert.True(CliExamples().Count >= 5);

    /// <summary>Splits a command line at spaces outside double quotes, as a shell would for these examples.</summary>
    private static string[] Split(string command)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in command)
        {
            if (c == '"') { quoted = !quoted; continue; }
            if (c == ' ' && !quoted)
            {
                if (current.Length > 0) args.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0) args.Add(current.ToString());
        return [.. args];
    }
}
