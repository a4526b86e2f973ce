namespace FunctionalAD.Cli.Commands;

/// <summary>
/// The expression of <c>fad grad</c>, taken from the command line before Spectre.Console.Cli reads it. Spectre reads
/// every argument that starts with '-' as an option, so <c>"-x^2 + y"</c> or <c>"-h"</c> would never reach the
/// command: the first argument after <c>grad</c> that is neither a known option nor an option's value (or the one
/// after <c>--</c>) is the expression, whatever it starts with, and Spectre sees a placeholder in its place.
/// </summary>
internal sealed record GradExpression(string? Text)
{
    private static readonly GradExpression None = new((string?)null);

    private const string Command = "grad";
    private const string Placeholder = "expression";

    // The options of GradSettings: those that take a value, and flags.
    private static readonly string[] ValueOptions = ["-a", "--at", "--hessian-out"];
    private static readonly string[] Flags = ["--hessian", "--help"];

    /// <summary>The arguments to give Spectre, and the expression found in <paramref name="args"/> (none for another command).</summary>
    public static (string[] Arguments, GradExpression Expression) Separate(string[] args)
    {
        // `fad grad -h` alone asks for the help; with anything else, "-h" is the expression -h.
        if (args.Length == 0 || args[0] != Command || args is [_, "-h" or "--help"])
            return (args, None);
        for (var i = 1; i < args.Length; i++)
        {
            var argument = args[i];
            if (argument == "--")
                return i + 1 < args.Length ? (Replace(args, i, i + 1), new GradExpression(args[i + 1])) : (args, None);
            if (ValueOptions.Contains(argument) && i + 1 < args.Length && !args[i + 1].StartsWith('-'))
                i++;
            else if (ValueOptions.Any(o => argument.StartsWith(o + "=", StringComparison.Ordinal) || argument.StartsWith(o + ":", StringComparison.Ordinal))
                     || Flags.Contains(argument)
                     || argument.StartsWith("--", StringComparison.Ordinal) && argument.Length > 2 && char.IsLetter(argument[2]))
                continue; // an option Spectre reads (or reports as unknown)
            else
                return (Replace(args, i, i), new GradExpression(argument));
        }
        return (args, None);
    }

    // The arguments with those from `first` to `last` replaced by the placeholder.
    private static string[] Replace(string[] args, int first, int last) => [.. args[..first], Placeholder, .. args[(last + 1)..]];
}
