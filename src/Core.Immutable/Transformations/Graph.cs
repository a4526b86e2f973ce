using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>Pure functions over graphs: evaluation and inspection. Nothing here changes a graph.</summary>
public static partial class Graph
{
    /// <summary>
    /// The value of <paramref name="graph"/> with its inputs bound by <paramref name="at"/> to tensors of their declared
    /// shapes (a number for a scalar input). A scalar output converts to a <see cref="double"/>.
    /// </summary>
    /// <example><code>double y = Graph.Evaluate(w * x + b, Bindings.Of(("x", 3.0), ("w", 2.0), ("b", 1.0)));   // 7</code></example>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's declared shape.</exception>
    public static Tensor Evaluate(Expr graph, Bindings at)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(at);
        var topology = graph.Topology;
        if (topology.HasFreeBatch) topology = WithBatchSizeOf(graph, at).Topology;
        if (topology.HasTensors) return TensorSweeps.Values(topology, TensorSweeps.Bind(topology, at))[^1];
        return ScalarValue(topology, at);
    }

    /// <summary>The value of a scalar layout (an <see cref="Expr"/> graph's or a <see cref="FlatGraph"/>'s) on the interpreter.</summary>
    private static double ScalarValue(Topology topology, Bindings at)
    {
        var values = Interpreter.RentValues(topology, at);
        var value = values[topology.Count - 1];
        Interpreter.Return(values);
        return value;
    }

    /// <summary>The distinct input names of <paramref name="graph"/>, in ordinal order.</summary>
    public static ImmutableArray<string> Inputs(Expr graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph.Topology.InputNames;
    }

    /// <summary>The distinct nodes of <paramref name="graph"/> in topological order; the graph itself is last.</summary>
    public static ImmutableArray<Expr> Nodes(Expr graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return [.. graph.Topology.Nodes];
    }

    /// <summary>The number of distinct nodes in <paramref name="graph"/> (a shared node counts once).</summary>
    public static int NodeCount(Expr graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph.Topology.Count;
    }

    /// <summary>
    /// A new graph in which every input named <paramref name="name"/> is replaced by
    /// <paramref name="replacement"/>; sharing is preserved and the original graph is unchanged.
    /// </summary>
    public static Expr Substitute(Expr graph, string name, Expr replacement)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(replacement);
        var topology = graph.Topology;
        var rebuilt = new Expr[topology.Count];
        for (var i = 0; i < rebuilt.Length; i++)
        {
            var node = topology.Nodes[i];
            rebuilt[i] = node switch
            {
                InputNode input when input.Name == name => replacement,
                ApplyNode a => Rebuild(a, topology, i, rebuilt),
                _ => node,
            };
        }
        return rebuilt[^1];
    }
}
