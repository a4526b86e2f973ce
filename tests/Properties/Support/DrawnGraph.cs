using System.Text.RegularExpressions;

namespace FunctionalAD.Properties.Support;

/// <summary>
/// A graph read back from the DOT or Mermaid text of <see cref="Export"/>, independently of the exporter:
/// node ids with their labels and shapes, and edges in the order written, so tests check the picture.
/// </summary>
public sealed partial record DrawnGraph(IReadOnlyDictionary<string, (string Label, string Shape)> Nodes, IReadOnlyList<(string From, string To)> Edges)
{
    /// <summary>The edges as label pairs, e.g. ("w", "*").</summary>
    public IEnumerable<(string From, string To)> LabelledEdges => Edges.Select(e => (Nodes[e.From].Label, Nodes[e.To].Label));

    /// <summary>The labels of the nodes of one shape.</summary>
    public IEnumerable<string> LabelsOf(string shape) => Nodes.Values.Where(n => n.Shape == shape).Select(n => n.Label);

    /// <summary>Reads DOT lines of the form <c>id [label="…", shape=…];</c> and <c>a -> b;</c>.</summary>
    public static DrawnGraph FromDot(string dot)
    {
        var lines = dot.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines[0] != "digraph G {" || lines[^1] != "}") throw new FormatException("Not a DOT digraph.");
        var nodes = new Dictionary<string, (string, string)>();
        var edges = new List<(string, string)>();
        foreach (var line in lines[1..^1])
        {
            if (DotNode().Match(line) is { Success: true } n)
                nodes.Add(n.Groups[1].Value, (n.Groups[2].Value.Replace("\\\"", "\"").Replace("\\\\", "\\"), n.Groups[3].Value));
            else if (DotEdge().Match(line) is { Success: true } e)
                edges.Add((e.Groups[1].Value, e.Groups[2].Value));
            else if (line is not "rankdir=LR;" and not "node [fontname=\"Helvetica\"];")
                throw new FormatException($"Unexpected DOT line: {line}");
        }
        return Checked(nodes, edges);
    }

    /// <summary>Reads Mermaid lines of the form <c>id(["…"])</c>, <c>id["…"]</c>, <c>id(("…"))</c>, <c>id{{"…"}}</c>, <c>id((("…")))</c> and <c>a --> b</c>.</summary>
    public static DrawnGraph FromMermaid(string mermaid)
    {
        var lines = mermaid.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines[0] != "flowchart LR") throw new FormatException("Not a Mermaid flowchart.");
        var nodes = new Dictionary<string, (string, string)>();
        var edges = new List<(string, string)>();
        foreach (var line in lines[1..])
        {
            if (MermaidEdge().Match(line) is { Success: true } e)
            {
                edges.Add((e.Groups[1].Value, e.Groups[2].Value));
                continue;
            }
            var n = MermaidNode().Match(line);
            if (!n.Success) throw new FormatException($"Unexpected Mermaid line: {line}");
            var shape = n.Groups[2].Value switch
            {
                "([" => "ellipse",
                "[" => "box",
                "((" => "circle",
                "{{" => "hexagon",
                "(((" => "doublecircle",
                var other => throw new FormatException($"Unknown Mermaid shape {other}"),
            };
            nodes.Add(n.Groups[1].Value, (n.Groups[3].Value.Replace("#quot;", "\""), shape));
        }
        return Checked(nodes, edges);
    }

    private static DrawnGraph Checked(Dictionary<string, (string, string)> nodes, List<(string, string)> edges)
    {
        foreach (var (from, to) in edges)
        {
            if (!nodes.ContainsKey(from) || !nodes.ContainsKey(to)) throw new FormatException($"Edge {from} -> {to} names an undeclared node.");
        }
        return new DrawnGraph(nodes, edges);
    }

    [GeneratedRegex("""^(\w+) \[label="((?:[^"\\]|\\.)*)", shape=(\w+)\];$""")]
    private static partial Regex DotNode();

    [GeneratedRegex("""^(\w+) -> (\w+);$""")]
    private static partial Regex DotEdge();

    [GeneratedRegex("""^(\w+)(\(\(\(|\(\(|\(\[|\[|\{\{)"([^"]*)"(\)\)\)|\)\)|\]\)|\]|\}\})$""")]
    private static partial Regex MermaidNode();

    [GeneratedRegex("""^(\w+) --> (\w+)$""")]
    private static partial Regex MermaidEdge();
}
