using System.Reflection;
using Spectre.Console.Cli;

namespace FunctionalAD.Cli;

/// <summary>
/// Finds an option that needs a value but is given none (<c>--at</c> last, or followed by another option). The
/// command-line parser would otherwise give it an internal placeholder name as its value.
/// </summary>
internal static class MissingOptionValue
{
    /// <summary>
    /// The option as the user typed it and its form (e.g. <c>--at &lt;VALUES&gt;</c>), or null when every option has
    /// its value; <paramref name="commands"/> gives each command's settings type.
    /// </summary>
    public static (string Option, string Form)? Find(IReadOnlyList<string> args, IReadOnlyDictionary<string, Type> commands)
    {
        if (args.Count == 0 || !commands.TryGetValue(args[0], out var settings)) return null;
        var valued = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in settings.GetProperties().Select(p => p.GetCustomAttribute<CommandOptionAttribute>()))
        {
            if (attribute is not { ValueName: { } value, ValueIsOptional: false }) continue;
            var form = $"--{attribute.LongNames[0]} <{value}>";
            foreach (var name in attribute.LongNames) valued[$"--{name}"] = form;
            foreach (var name in attribute.ShortNames) valued[$"-{name}"] = form;
        }
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] == "--") break;
            if (!valued.TryGetValue(args[i], out var form)) continue;
            if (i + 1 == args.Count || IsOption(args[i + 1])) return (args[i], form);
            i++;
        }
        return null;
    }

    private static bool IsOption(string arg) =>
        (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2 && char.IsLetter(arg[2])) ||
        (arg.Length >= 2 && arg[0] == '-' && char.IsLetter(arg[1]));
}
