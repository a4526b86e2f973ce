using Spectre.Console;

namespace FunctionalAD.Cli.Output;

/// <summary>One row per input: the partial derivative by forward mode, reverse mode and central differences, side by side.</summary>
internal static class DerivativeTable
{
    public static Table Of(Expr graph, Bindings at, string output, IReadOnlyDictionary<string, string>? byHand = null)
    {
        var forward = Forward.Grad(graph, at);
        var reverse = Reverse.Grad(graph, at);
        var numeric = Graph.CentralDifferences(graph, at);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("partial");
        if (byHand is not null) table.AddColumn("by hand");
        table.AddColumn(new TableColumn("forward mode").RightAligned());
        table.AddColumn(new TableColumn("reverse mode").RightAligned());
        table.AddColumn(new TableColumn("central difference").RightAligned());
        foreach (var name in Graph.Inputs(graph))
        {
            var cells = new List<string> { Markup.Escape($"d{output}/d{name}") };
            if (byHand is not null) cells.Add(Markup.Escape(byHand.TryGetValue(name, out var rule) ? rule : ""));
            cells.Add(Numbers.Format(forward[name]));
            cells.Add(Numbers.Format(reverse[name]));
            cells.Add(Numbers.Format(numeric[name]));
            table.AddRow([.. cells]);
        }
        return table;
    }
}
