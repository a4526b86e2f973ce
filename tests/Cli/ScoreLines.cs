using System.Globalization;
using System.Text.RegularExpressions;

namespace FunctionalAD.Cli.Tests;

/// <summary>Reads the summary lines of <c>fad train</c>: "training:   loss 0.1, accuracy 98.33 % on 60 rows".</summary>
internal static class ScoreLines
{
    /// <summary>The line that starts with <paramref name="label"/> ("training:" or "validation:"); it must be there once.</summary>
    public static string Line(Fad.Outcome run, string label)
    {
        var lines = run.Output.Split('\n').Where(l => l.StartsWith(label, StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 1, $"expected one '{label}' line in:\n{run.Output}");
        return lines[0].TrimEnd('\r');
    }

    /// <summary>The number after <paramref name="score"/> ("loss", "accuracy" or "R²") on the <paramref name="label"/> line.</summary>
    public static double Of(Fad.Outcome run, string label, string score)
    {
        var line = Line(run, label);
        var match = Regex.Match(line, $@"{Regex.Escape(score)} ([^ ,]+)");
        Assert.True(match.Success, line);
        return double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
