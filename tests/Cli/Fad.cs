namespace FunctionalAD.Cli.Tests;

/// <summary>Runs the tool in-process, as the command line would, and captures what it prints.</summary>
public static class Fad
{
    public sealed record Outcome(int ExitCode, string Output, string Error)
    {
        /// <summary>The table row that starts with <paramref name="label"/>, split into its cells.</summary>
        public string[] Row(string label) =>
            Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('│'))
                .Select(l => l.Trim('│').Split('│').Select(c => c.Trim()).ToArray())
                .Single(cells => cells[0] == label);
    }

    public static Outcome Run(params string[] args) => Run(CancellationToken.None, args);

    /// <summary>Runs the tool with <paramref name="cancellation"/> as the signal to stop (what Ctrl+C cancels).</summary>
    public static Outcome Run(CancellationToken cancellation, params string[] args) => Run(new StringWriter(), cancellation, args);

    /// <summary>Runs the tool writing its output to <paramref name="output"/>, which a test may watch.</summary>
    public static Outcome Run(StringWriter output, CancellationToken cancellation, params string[] args)
    {
        var error = new StringWriter();
        var code = FadApp.Run(args, output, error, cancellation);
        return new Outcome(code, output.ToString(), error.ToString());
    }
}
