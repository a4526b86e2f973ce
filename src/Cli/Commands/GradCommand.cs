using FunctionalAD.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FunctionalAD.Cli.Commands;

/// <summary><c>fad grad "&lt;expression&gt;" --at x=1,y=2</c>: value and gradient by both modes and by central differences.</summary>
internal sealed class GradCommand(IAnsiConsole console) : Command<GradSettings>
{
    // Row i, column j: ∂²f/∂xᵢ∂xⱼ, from the façade (forward mode over the gradient graph).
    private static Table HessianTable(Expr graph, Bindings at, System.Collections.Immutable.ImmutableArray<string> inputs)
    {
        var rows = Differentiate.Expression(graph).At(at).Hessian();
        var table = new Table().Title("Hessian: ∂²f/∂row ∂column").AddColumn("");
        foreach (var name in inputs) table.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        for (var i = 0; i < inputs.Length; i++)
            table.AddRow([Markup.Escape(inputs[i]), .. inputs.Select(name => Numbers.Format(rows[i][name]))]);
        return table;
    }

    public override int Execute(CommandContext context, GradSettings settings, CancellationToken cancellationToken)
    {
        var graph = Expression.Parse(settings.Expression);
        var at = PointParser.Parse(settings.At);
        var inputs = Graph.Inputs(graph);
        var missing = inputs.Where(n => !at.Contains(n)).ToArray();
        if (missing.Length > 0)
            throw new CliException(
                $"no value for {string.Join(", ", missing.Select(n => $"'{n}'"))}: give every name of the expression with --at, e.g. --at {string.Join(",", inputs.Select(n => $"{n}=1"))}.");
        var unused = at.Names.Where(n => !inputs.Contains(n)).ToArray();
        if (unused.Length > 0)
            throw new CliException(
                $"--at gives {string.Join(", ", unused.Select(n => $"'{n}'"))}, which the expression does not use; its names are: {(inputs.IsEmpty ? "(none)" : string.Join(", ", inputs))}.");

        var point = inputs.IsEmpty ? "" : $" at {string.Join(", ", inputs.Select(n => $"{n} = {Numbers.Format(at[n])}"))}";
        console.MarkupLine($"[bold]f = {Markup.Escape(graph.ToString())}[/]");
        console.WriteLine($"value{point}: f = {Numbers.Format(Graph.Evaluate(graph, at))}");
        if (inputs.IsEmpty)
        {
            console.WriteLine("The expression has no inputs, so it has no gradient.");
            return FadApp.Success;
        }
        console.Write(DerivativeTable.Of(graph, at, "f"));
        if (settings.Hessian) console.Write(HessianTable(graph, at, inputs));
        return FadApp.Success;
    }
}
