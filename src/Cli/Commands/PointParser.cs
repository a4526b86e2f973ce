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
            var (name, text) = (parts[0], parts[1]);
            if (!IsName(name))
                throw new CliException(double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsFinite(number)
                    ? $"--at: '{UserText.Shown(name)}' is not a name: NaN and Infinity are reserved, since numbers must be finite."
                    : $"--at: '{UserText.Shown(name)}' is not a name: a name is letters, digits and '_', not starting with a digit.");
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new CliException($"--at: the value of '{UserText.Shown(name)}' is '{UserText.Shown(text)}', which is not a number.");
            // As in the expression, numbers must be finite: an overflowing literal is named as such, NaN and ±Infinity as not finite.
            if (!double.IsFinite(value))
                throw new CliException(double.IsNaN(value) || text.Contains("inf", StringComparison.OrdinalIgnoreCase) || text.Contains('∞')
                    ? $"--at: the value of '{UserText.Shown(name)}' is '{UserText.Shown(text)}', which is not a finite number."
                    : $"--at: the value of '{UserText.Shown(name)}' is '{UserText.Shown(text)}', which is too large for a double (at most about 1.8e308); values must be finite.");
            if (pairs.Any(p => p.Item1 == name))
                throw new CliException($"--at: '{UserText.Shown(name)}' is given twice.");
            pairs.Add((name, value));
        }
        return Bindings.Of([.. pairs]);
    }

    // A name is what the expression reader reads as one input of that name (so NaN and Infinity are not).
    private static bool IsName(string text)
    {
        try
        {
            return Expression.Parse(text) is InputNode input && input.Name == text;
        }
        catch (ExpressionParseException)
        {
            return false;
        }
    }
}
