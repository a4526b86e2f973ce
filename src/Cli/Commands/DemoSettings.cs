using System.ComponentModel;
using Spectre.Console.Cli;

namespace FunctionalAD.Cli.Commands;

/// <summary>The arguments of <c>fad demo</c>.</summary>
internal sealed class DemoSettings : CommandSettings
{
    /// <summary>The folder the demo writes into when none is given.</summary>
    public const string DefaultFolder = "fad-demo-output";

    [CommandOption("-o|--out <FOLDER>")]
    [Description("The folder to write graph.dot, graph.mmd and loss.png into (created if needed).")]
    [DefaultValue(DefaultFolder)]
    public string Out { get; init; } = DefaultFolder;
}
