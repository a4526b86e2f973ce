using Spectre.Console;

namespace FunctionalAD.Cli.Output;

/// <summary>A graph drawn as a tree on the console: the output at the root, arguments below, built without recursion.</summary>
internal static class GraphTree
{
    public static Tree Of(Expr graph, string output)
    {
        var tree = new Tree($"[bold]{Markup.Escape(output)}[/]");
        var pending = new Stack<(Expr Node, IHasTreeNodes Parent)>();
        pending.Push((graph, tree));
        while (pending.Count > 0)
        {
            var (node, parent) = pending.Pop();
            switch (node)
            {
                case ApplyNode apply:
                    var label = apply.Primitive.Parameters.IsEmpty
                        ? apply.Primitive.Symbol
                        : $"{apply.Primitive.Symbol} {string.Join(", ", apply.Primitive.Parameters.Select(Numbers.Format))}";
                    var child = parent.AddNode($"[yellow]({Markup.Escape(label)})[/]");
                    for (var i = apply.Arguments.Length - 1; i >= 0; i--) pending.Push((apply.Arguments[i], child));
                    break;
                case InputNode input:
                    parent.AddNode($"[green]{Markup.Escape(input.Name)}[/]");
                    break;
                case ConstantNode constant:
                    parent.AddNode(constant.Shape.IsScalar ? Numbers.Format(constant.Value.ToScalar()) : Markup.Escape(constant.Value.ToString()));
                    break;
            }
        }
        return tree;
    }
}
