using System.Text;

namespace FunctionalAD;

/// <summary>
/// Graphs as text for drawing tools: Graphviz DOT and Mermaid flowcharts. Each input name is one
/// rounded node labelled by its name, each constant a box labelled by its value, each distinct apply
/// node a circle labelled by its primitive's symbol (a shared subexpression appears once), each tensor
/// operation a hexagon labelled by the operation, and an explicit output node ends the picture. A node
/// that is not a scalar carries its shape in its label: <c>W 3×4</c>, <c>constant 2×3</c>, <c>matmul 2×4</c>,
/// <c>+ 2×4</c>. Edges run from arguments to the operation that uses them,
/// first argument first. A loop (<see cref="Expr.Fold(Expr, int, Func{Expr, Expr})"/>, <see cref="Expr.Scan(Expr, int, Func{Expr, ValueTuple{Expr, Expr}})"/>,
/// <see cref="Expr.While"/>) is a circle too, followed by each of its body graphs drawn as a cluster whose result feeds the loop. The text is deterministic: the same graph always gives the same characters.
/// </summary>
/// <example>
/// <code>Export.ToDot(w * x + b)   // w, x → (*) → (+) ← b, then (+) → y</code>
/// </example>
public static class Export
{
    /// <summary>The label of the output node when none is given.</summary>
    public const string DefaultOutputName = "y";

    /// <summary>The graph as a Graphviz DOT digraph, its output node labelled <see cref="DefaultOutputName"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    public static string ToDot(Expr graph) => ToDot(graph, DefaultOutputName);

    /// <summary>The graph as a Graphviz DOT digraph, its output node labelled <paramref name="outputName"/>.</summary>
    /// <example><code>File.WriteAllText("graph.dot", Export.ToDot(w * x + b, "y"));   // then: dot -Tsvg graph.dot</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> or <paramref name="outputName"/> is null.</exception>
    public static string ToDot(Expr graph, string outputName)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputName);
        var text = new StringBuilder();
        text.Append("digraph G {\n");
        text.Append("  rankdir=LR;\n");
        text.Append("  node [fontname=\"Helvetica\"];\n");
        Write(graph, text,
            node: (id, kind, label) => text.Append("  ").Append(id).Append(" [label=\"").Append(DotEscape(label))
                .Append("\", shape=").Append(kind switch
                {
                    NodeKind.Input => "ellipse",
                    NodeKind.Constant => "box",
                    NodeKind.Operation => "circle",
                    NodeKind.TensorOperation => "hexagon",
                    _ => "doublecircle",
                }).Append("];\n"),
            edge: (from, to) => text.Append("  ").Append(from).Append(" -> ").Append(to).Append(";\n"),
            outputName,
            cluster: (id, label) => text.Append("  subgraph cluster_").Append(id).Append(" {\n  label=\"").Append(DotEscape(label)).Append("\";\n"),
            end: () => text.Append("  }\n"));
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>The graph as a Mermaid flowchart, its output node labelled <see cref="DefaultOutputName"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    public static string ToMermaid(Expr graph) => ToMermaid(graph, DefaultOutputName);

    /// <summary>
    /// The graph as a Mermaid flowchart (inputs as stadiums, constants as boxes, operations as circles,
    /// tensor operations as hexagons, the output as a double circle), its output node labelled <paramref name="outputName"/>.
    /// </summary>
    /// <example><code>Export.ToMermaid(w * x + b)   // paste into a ```mermaid block of a Markdown file</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> or <paramref name="outputName"/> is null.</exception>
    public static string ToMermaid(Expr graph, string outputName)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputName);
        var text = new StringBuilder();
        text.Append("flowchart LR\n");
        Write(graph, text,
            node: (id, kind, label) =>
            {
                var (open, close) = kind switch
                {
                    NodeKind.Input => ("([", "])"),
                    NodeKind.Constant => ("[", "]"),
                    NodeKind.Operation => ("((", "))"),
                    NodeKind.TensorOperation => ("{{", "}}"),
                    _ => ("(((", ")))"),
                };
                text.Append("  ").Append(id).Append(open).Append('"').Append(MermaidEscape(label)).Append('"').Append(close).Append('\n');
            },
            edge: (from, to) => text.Append("  ").Append(from).Append(" --> ").Append(to).Append('\n'),
            outputName,
            cluster: (id, label) => text.Append("  subgraph ").Append(id).Append(" [\"").Append(MermaidEscape(label)).Append("\"]\n"),
            end: () => text.Append("  end\n"));
        return text.ToString();
    }

    private enum NodeKind { Input, Constant, Operation, TensorOperation, Output }

    /// <summary>
    /// Walks the graph's cached topological layout once: nodes first (inputs merged by name), then edges,
    /// both in topological order, so the text depends only on the graph's structure. A loop's bodies follow its node,
    /// each drawn as a cluster (<paramref name="cluster"/> opens one, <paramref name="end"/> closes it) whose result has
    /// an edge into the loop.
    /// </summary>
    private static void Write(
        Expr graph, StringBuilder text, Action<string, NodeKind, string> node, Action<string, string> edge, string outputName,
        Action<string, string> cluster, Action end)
    {
        var (topology, ids, loops) = WriteNodes(graph, "", node);
        node("result", NodeKind.Output, outputName);
        WriteEdges(topology, ids, edge);
        edge(ids[^1], "result");
        WriteBodies(topology, ids, loops, node, edge, cluster, end);
    }

    /// <summary>The nodes of one graph, ids prefixed by <paramref name="prefix"/>: its layout, each node's id, and where its loops are.</summary>
    private static (Topology Topology, string[] Ids, List<int> Loops) WriteNodes(Expr graph, string prefix, Action<string, NodeKind, string> node)
    {
        var topology = graph.Topology;
        // Node ids: "i<slot>" for an input name, "n<position>" for any other node; "result" is the output.
        var ids = new string[topology.Count];
        var inputWritten = new bool[topology.InputNames.Length];
        var loops = new List<int>();
        for (var i = 0; i < ids.Length; i++)
        {
            switch (topology.Nodes[i])
            {
                case InputNode input:
                    var slot = topology.InputSlot[i];
                    ids[i] = prefix + "i" + slot;
                    if (!inputWritten[slot]) node(ids[i], NodeKind.Input, WithShape(input.Name, input.Shape));
                    inputWritten[slot] = true;
                    break;
                case ConstantNode constant:
                    ids[i] = prefix + "n" + i;
                    node(ids[i], NodeKind.Constant, constant.Shape.IsScalar ? ExprPrinter.FormatNumber(constant.Number) : WithShape("constant", constant.Shape));
                    break;
                case ApplyNode { Primitive: TensorOperation operation } apply:
                    ids[i] = prefix + "n" + i;
                    node(ids[i], NodeKind.TensorOperation, WithShape(LabelOf(operation), apply.Shape));
                    break;
                case ApplyNode apply:
                    ids[i] = prefix + "n" + i;
                    node(ids[i], NodeKind.Operation, WithShape(LabelOf(apply.Primitive), apply.Shape));
                    if (apply.Primitive is ILoopPrimitive) loops.Add(i);
                    break;
                default:
                    throw new NotSupportedException($"Export: the node '{topology.Nodes[i]}' is of a kind ({topology.Nodes[i].GetType().Name}) that has no picture.");
            }
        }
        return (topology, ids, loops);
    }

    private static void WriteEdges(Topology topology, string[] ids, Action<string, string> edge)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            foreach (var argument in topology.ArgumentsOf(i)) edge(ids[argument], ids[i]);
        }
    }

    /// <summary>Each loop's bodies as clusters: nodes, edges, their own loops' bodies, and an edge from the body's result into the loop.</summary>
    private static void WriteBodies(
        Topology topology, string[] ids, List<int> loops, Action<string, NodeKind, string> node, Action<string, string> edge,
        Action<string, string> cluster, Action end)
    {
        // Loops nest as deep as the user nested them, not as deep as the graph: recursion is bounded by the code's nesting.
        foreach (var i in loops)
        {
            var bodies = ((ILoopPrimitive)((ApplyNode)topology.Nodes[i]).Primitive).Bodies;
            for (var b = 0; b < bodies.Length; b++)
            {
                var id = ids[i] + "b" + b;
                cluster(id, $"{((ApplyNode)topology.Nodes[i]).Primitive.Name}: {bodies[b].Label}");
                var (bodyTopology, bodyIds, bodyLoops) = WriteNodes(bodies[b].Graph, id + "_", node);
                WriteEdges(bodyTopology, bodyIds, edge);
                WriteBodies(bodyTopology, bodyIds, bodyLoops, node, edge, cluster, end);
                end();
                edge(bodyIds[^1], ids[i]);
            }
        }
    }

    /// <summary>The operation's symbol, with its constant parameters where it has any (<c>^ 2</c>).</summary>
    private static string LabelOf(Primitive primitive) =>
        primitive.Parameters.IsEmpty
            ? primitive.Symbol
            : primitive.Symbol + " " + string.Join(", ", primitive.Parameters.Select(ExprPrinter.FormatNumber));

    /// <summary>The operation's symbol with its parameters, e.g. <c>sum(axis: 0)</c>.</summary>
    private static string LabelOf(TensorOperation operation) =>
        operation.ParameterText is { } parameters ? $"{operation.Symbol}({parameters})" : operation.Symbol;

    /// <summary>The label, followed by the shape when the node is not a scalar.</summary>
    private static string WithShape(string label, Shape shape) => shape.IsScalar ? label : $"{label} {shape}";

    private static string DotEscape(string label) => label.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    // Mermaid reads entity codes inside quoted labels.
    private static string MermaidEscape(string label) => label.Replace("\"", "#quot;").Replace("\n", " ");
}
