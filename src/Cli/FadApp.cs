using FunctionalAD.Cli.Commands;
using FunctionalAD.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FunctionalAD.Cli;

/// <summary>
/// The entry point of the <c>fad</c> tool, callable in-process with any output writers (as the tests do).
/// Exit codes: 0 success, 1 a mistake in the input (an expression, a value, a file), 2 a mistake in the
/// command line (an unknown command or option, a missing argument), 3 an internal error (a bug), 130 cancelled
/// (Ctrl+C). Every error is one line on stderr.
/// </summary>
internal static class FadApp
{
    public const int Success = 0;
    public const int InputError = 1;
    public const int UsageError = 2;
    public const int InternalError = 3;
    public const int Cancelled = 130;

    /// <summary>Columns of redirected output: lines there are not wrapped (a file or a pipe has no width).</summary>
    public const int RedirectedWidth = 1 << 20;

    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        // A terminal gets colour and a live progress bar; anything else (a file, a pipe, CI, a test's
        // writer) gets plain text, whatever the environment's TERM claims.
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        // Spectre wraps at 80 columns where it finds no terminal; only a terminal's width is a reason to wrap.
        if (!terminal) console.Profile.Width = RedirectedWidth;
        // An expression may start with '-', which Spectre would read as an option: fad grad finds it first.
        (args, var expression) = GradExpression.Separate(args);
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("fad");
            config.ConfigureConsole(console);
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.Settings.Registrar.RegisterInstance<IAnsiConsole>(console);
            config.Settings.Registrar.RegisterInstance(expression);
            config.AddCommand<DemoCommand>("demo")
                .WithDescription("The walkthrough: y = w*x + b, its graph, its derivatives three ways, and a fit of w and b to data.")
                .WithExample("demo")
                .WithExample("demo", "--out", "my-folder");
            config.AddCommand<GradCommand>("grad")
                .WithDescription("The value and gradient of an expression at a point, by forward mode, reverse mode and central differences.")
                .WithExample("grad", "\"sin(x) * y ^ 2\"", "--at", "x=1,y=2");
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Trains a linear model or a perceptron on a CSV file and writes its parameters as JSON.")
                .WithExample("train", "--csv", "data.csv", "--target", "label", "--model", "mlp:16,16", "--epochs", "200");
            config.AddCommand<PredictCommand>("predict")
                .WithDescription("Predicts the target of each row of a CSV file with a model fad train saved, as CSV.")
                .WithExample("predict", "--model", "parameters.json", "--csv", "new.csv", "--out", "predictions.csv");
        });
        try
        {
            var commands = new Dictionary<string, Type>
            {
                ["demo"] = typeof(DemoSettings), ["grad"] = typeof(GradSettings), ["train"] = typeof(TrainSettings), ["predict"] = typeof(PredictSettings),
            };
            if (MissingOptionValue.Find(args, commands) is { } missing)
                return Fail(error, $"{missing.Option} needs a value: {missing.Form}.", UsageError);
            var code = app.Run(args, cancellation);
            // Without a command Spectre prints the help; say what is missing too, and fail.
            return args.Length == 0 ? Fail(error, "name a command: demo, grad, train or predict (fad --help describes them).", UsageError) : code;
        }
        catch (CommandAppException e)
        {
            return Fail(error, UsageMessages.InUserTerms(e.Message, args), UsageError);
        }
        catch (Exception e) when (e is CliException or ExpressionParseException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            return Fail(error, UserMessage(e), InputError);
        }
        catch (OperationCanceledException)
        {
            // A live progress bar hides the cursor; the terminal gets it back whatever was interrupted.
            if (terminal) console.Cursor.Show();
            return Fail(error, "cancelled.", Cancelled);
        }
        catch (Exception e)
        {
            // A bug, not a mistake of the user's: still one line, naming the exception so it can be reported.
            if (terminal) console.Cursor.Show();
            return Fail(error, $"internal error ({e.GetType().Name}): {e.Message}", InternalError);
        }
    }

    /// <summary>The message of an exception in the user's terms: without .NET's "(Parameter 'name')" suffix.</summary>
    private static string UserMessage(Exception e)
    {
        var message = e.Message;
        if (e is ArgumentException { ParamName: { } name } && message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal))
            message = message[..^$" (Parameter '{name}')".Length];
        return message;
    }

    private static int Fail(TextWriter error, string message, int code)
    {
        // One line whatever the message holds, and no control character of the user's input reaches the terminal.
        var line = UserText.Escaped(message.ReplaceLineEndings(" ").Trim());
        error.WriteLine($"fad: error: {line}");
        return code;
    }
}
