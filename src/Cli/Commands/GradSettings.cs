using System.ComponentModel;
using Spectre.Console.Cli;

namespace FunctionalAD.Cli.Commands;

/// <summary>The arguments of <c>fad grad</c>.</summary>
internal sealed class GradSettings : CommandSettings
{
    [CommandArgument(0, "<expression>")]
    [Description("The expression, e.g. \"sin(x) * y ^ 2\": numbers, names, + - * / ^, parentheses and the functions abs, cos, exp, log, max, min, relu, sigmoid, sin, softplus, sqrt, tan, tanh, …. It may start with '-', as in \"-x^2 + y\".")]
    public string Expression { get; init; } = "";

    [CommandOption("-a|--at <VALUES>")]
    [Description("The point: a value for every name in the expression, as name=value pairs separated by commas, e.g. x=1,y=2. May be repeated. A name the expression does not use has partial derivative 0.")]
    public string[] At { get; init; } = [];

    [CommandOption("--hessian")]
    [Description("Also print the Hessian: the second derivatives, by forward mode over the gradient graph (at most 100 names).")]
    public bool Hessian { get; init; }

    [CommandOption("--hessian-out <FILE>")]
    [Description("Also write the Hessian to a CSV file: a header row of the names, then one row per name.")]
    public string? HessianOut { get; init; }
}
