using System.Text;
using System.Text.RegularExpressions;

namespace FunctionalAD.Cli.Tests;

/// <summary>Tests that change the process's current folder, run alone so that no other test sees the change.</summary>
[CollectionDefinition(nameof(CurrentFolder), DisableParallelization = true)]
public sealed class CurrentFolder;

/// <summary>
/// The documents show real runs: README.md's demo output and every <c>$ fad …</c> example of docs/cli.md are
/// run in-process here and must print exactly what the documents show. The examples of docs/cli.md run in a copy of
/// docs/data, as the guide says. Two things vary from run to run and are compared loosely: the seconds at the end of
/// a progress line, and text a document elides with <c>…</c> (which matches any text, line breaks included).
/// </summary>
[Collection(nameof(CurrentFolder))]
public partial class DocumentationTests
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
        var folder = Directory.CreateTempSubdirectory("fad-docs-").FullName;
        var previous = Environment.CurrentDirectory;
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Root(), "docs", "data")))
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            Environment.CurrentDirectory = folder;
            var run = Fad.Run(Split(command));
            var shown = (run.Output + run.Error).ReplaceLineEndings("\n");
            Assert.True(Shows(expected, shown), $"docs/cli.md shows for 'fad {command}':\n{expected}\nbut it prints:\n{shown}");
            Assert.Equal(run.Error.Length == 0, run.ExitCode == 0);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ElidedTextAndTimesAreComparedLoosely()
    {
        Assert.True(Shows("a\nLinear algebra: … (chooses).\n  epoch 1/2  loss 0.5  0.2 s\n", "a\nLinear algebra: managed; the\nreference BLAS (chooses).\n  epoch 1/2  loss 0.5  13.7 s\n"));
        Assert.False(Shows("a\n  epoch 1/2  loss 0.5  0.2 s\n", "a\n  epoch 1/2  loss 0.6  0.2 s\n"));
        Assert.False(Shows("x … z\n", "x y\n"));
        Assert.False(Shows("loss 0.5 (x)\n", "loss 0.5 (x)\nmore\n"));
    }

    /// <summary>Whether <paramref name="actual"/> is <paramref name="expected"/>, up to the seconds of progress lines and the elisions (…).</summary>
    private static bool Shows(string expected, string actual)
    {
        static string Times(string text) => Seconds().Replace(text, "#.# s");
        var pattern = string.Join(@"[\s\S]*?", Times(expected).Split('…').Select(Regex.Escape));
        return Regex.IsMatch(Times(actual), $@"\A{pattern}\z");
    }

    [GeneratedRegex(@"(?m)\b\d+\.\d s$")]
    private static partial Regex Seconds();

    [Fact]
    public void TheCliGuideHasExamples()
    {
        var commands = CliExamples().Select(row => (string)row[0]).ToArray();
        Assert.True(commands.Length >= 5);
        // Each command's section shows runs of it, the train section a classification and a regression.
        Assert.Contains(commands, c => c.StartsWith("grad ", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith("train ", StringComparison.Ordinal) && c.Contains("blobs.csv"));
        Assert.Contains(commands, c => c.StartsWith("train ", StringComparison.Ordinal) && c.Contains("plane.csv"));
    }

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
