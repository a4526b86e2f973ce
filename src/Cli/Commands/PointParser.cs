using System.Globalization;
using FunctionalAD.Cli.Output;

namespace FunctionalAD.Cli.Commands;

/// <summary>Reads <c>--at x=1,y=2</c> into bindings, naming the piece that is wrong.</summary>
internal static class PointParser
{
    public static Bindings Parse(IEnumerable<string> options)
    {
        var pairs = new List<(string, double)>();
        foreach (var piece in options.SelectMany(o => o.Split(',', StringSplitOptions.TrimEntries)))
        {
            var parts = piece.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
                throw new CliException($"--at: '{UserText.Shown(piece)}' is not of the form name=value, as in --at x=1,y=2.");
            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new CliException($"--at: the value of '{UserText.Shown(parts[0])}' is '{UserText.Shown(parts[1])}', which is not a number.");
            if (pairs.Any(p => p.Item1 == parts[0]))
                throw new CliException($"--at: '{UserText.Shown(parts[0])}' is given twice.");
            pairs.Add((parts[0], value));
        }
        return Bindings.Of([.. pairs]);
    }
}
