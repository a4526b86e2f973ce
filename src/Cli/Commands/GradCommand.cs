using System.Collections.Immutable;
using FunctionalAD.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FunctionalAD.Cli.Commands;

/// <summary><c>fad grad "&lt;expression&gt;" --at x=1,y=2</c>: value and gradient by both modes and by central differences.</summary>
internal sealed class GradCommand(IAnsiConsole console, GradExpression typed) : Command<GradSettings>
{
    // Row i, column j: ∂²f/∂xᵢ∂xⱼ, from the façade (forward mode over the gradient graph); a name the expression does
    // not use has a row and a column of zeros.
    private static double[][] Hessian(Expr graph, Bindings at, ImmutableArray<string> inputs, ImmutableArray<string> names)
    {
        var hessian = inputs.IsEmpty ? null : Differentiate.Expression(graph).At(at).Hessian();
        var matrix = new double[names.Length][];
        for (var i = 0; i < names.Length; i++)
        {
            matrix[i] = new double[names.Length];
            // The Hessian's rows and columns follow the inputs, in the same ordinal order as Graph.Inputs.
            if (i >= inputs.Length) continue;
            for (var j = 0; j < inputs.Length; j++) matrix[i][j] = hessian![i, j];
        }
        return matrix;
    }

    public override int Execute(CommandContext context, GradSettings settings, CancellationToken cancellationToken)
    {
        var graph = Expression.Parse(typed.Text ?? settings.Expression);
        var at = PointParser.Parse(settings.At);
        var inputs = Graph.Inputs(graph);
        var missing = inputs.Where(n => !at.Contains(n)).ToArray();
        if (missing.Length > 0)
            throw new CliException(
                $"no value for {string.Join(", ", missing.Select(n => $"'{n}'"))}: give every name of the expression with --at, e.g. --at {string.Join(",", inputs.Select(n => $"{n}=1"))}.");
        // A name the expression does not use has partial derivative 0, as JAX's grad gives it.
        var unused = at.Names.Where(n => !inputs.Contains(n)).ToImmutableArray();
        ImmutableArray<string> names = [.. inputs, .. unused];
        if (settings.Hessian) HessianView.CheckPrintable(names.Length);
        if (settings.HessianOut is { } file) HessianCsv.CheckPath(file);

        var point = names.IsEmpty ? "" : $" at {string.Join(", ", names.Select(n => $"{n} = {Numbers.Format(at[n])}"))}";
        console.MarkupLine($"[bold]f = {Markup.Escape(graph.ToString())}[/]");
        console.WriteLine($"value{point}: f = {Numbers.Format(Graph.Evaluate(graph, at))}");
        if (names.IsEmpty)
        {
            console.WriteLine("The expression has no inputs, so it has no gradient.");
            return FadApp.Success;
        }
        var table = DerivativeTable.Of(graph, at, "f");
        foreach (var name in unused) table.AddRow(Markup.Escape($"df/d{name}"), "0", "0", "0");
        console.Write(table);
        if (!unused.IsEmpty)
            console.WriteLine(unused.Length == 1
                ? $"{unused[0]} is not used by the expression: its partial derivative is 0."
                : $"{string.Join(", ", unused)} are not used by the expression: their partial derivatives are 0.");

        if (!settings.Hessian && settings.HessianOut is null) return FadApp.Success;
        var hessian = Hessian(graph, at, inputs, names);
        if (settings.Hessian) HessianView.Write(console, names, hessian);
        if (settings.HessianOut is { } path)
        {
            HessianCsv.Write(path, names, hessian);
            console.WriteLine($"Hessian: {names.Length} × {names.Length}, written to {path}");
        }
        return FadApp.Success;
    }
}
