using System.Text.RegularExpressions;
using FunctionalAD.Cli.Output;

namespace FunctionalAD.Cli;

/// <summary>
/// The command-line parser's messages in the user's terms: a value it cannot convert is named with its option and
/// the kind of number wanted, not with a .NET type (<c>Failed to convert 'abc' to Int32.</c>), and an argument too
/// many says where to look.
/// </summary>
internal static partial class UsageMessages
{
    [GeneratedRegex(@"^Failed to convert '(?<value>.*)' to (?<type>\w+)\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FailedConversion();

    [GeneratedRegex(@"^Could not match '(?<value>.*)' with an argument\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex UnexpectedArgument();

    public static string InUserTerms(string message, IReadOnlyList<string> args)
    {
        if (UnexpectedArgument().Match(message) is { Success: true } extra)
            return $"unexpected argument '{UserText.Shown(extra.Groups["value"].Value)}'; fad {(args.Count > 0 ? UserText.Shown(args[0]) + " " : "")}--help lists what it takes (an expression with spaces goes in quotes).";
        var match = FailedConversion().Match(message);
        if (!match.Success) return message;
        var value = match.Groups["value"].Value;
        var wanted = match.Groups["type"].Value switch
        {
            "Int32" => "a whole number (from -2,147,483,648 to 2,147,483,647)",
            "Double" => "a number, with . as the decimal point (e.g. 0.01 or 1e-3)",
            _ => "a value of the right kind",
        };
        return $"{OptionOf(value, args) ?? "an option"}: '{UserText.Shown(value)}' is not {wanted}.";
    }

    /// <summary>The option given <paramref name="value"/>: the argument before it, or the one it is joined to by = or :.</summary>
    private static string? OptionOf(string value, IReadOnlyList<string> args)
    {
        for (var i = args.Count - 1; i >= 0; i--)
        {
            if (args[i] == value && i > 0 && args[i - 1].StartsWith('-')) return args[i - 1];
            if (args[i].StartsWith('-') && (args[i].EndsWith("=" + value, StringComparison.Ordinal) || args[i].EndsWith(":" + value, StringComparison.Ordinal)))
                return args[i][..(args[i].Length - value.Length - 1)];
        }
        return null;
    }
}
