namespace FunctionalAD;

public static partial class Graph
{
    /// <summary>
    /// <paramref name="graph"/> with its free batch dimension N (<see cref="Shape.Batch"/>) given <paramref name="size"/>:
    /// every input of shape N×… becomes size×…, and every node is built again, so every shape is checked again with the
    /// size known. A graph without N is returned as it is. <see cref="Evaluate(Expr, Bindings)"/>, <see cref="Forward.Jvp(Expr, Bindings, Bindings)"/>
    /// and <see cref="Reverse.Grad(Expr, Bindings)"/> do this themselves, taking the size from the tensors bound to the
    /// inputs; gradient graphs, Hessians and compilation take a graph whose size is given.
    /// </summary>
    /// <example><code>var batch = Graph.WithBatchSize(model.Graph(), 64);   // features N×784 → 64×784</code></example>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is less than 1.</exception>
    /// <exception cref="ShapeMismatchException">A node's shape rule refuses the size (an operation along the batch axis, say).</exception>
    public static Expr WithBatchSize(Expr graph, int size)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var topology = graph.Topology;
        if (!topology.HasFreeBatch) return graph;
        var rebuilt = new Expr[topology.Count];
        for (var i = 0; i < rebuilt.Length; i++)
        {
            rebuilt[i] = topology.Nodes[i] switch
            {
                InputNode { Shape.HasFreeBatch: true } input => Expr.Input(input.Name, input.Shape.WithBatchSize(size)),
                ApplyNode a => Rebuild(a, a.Primitive.WithBatchSize(size), topology, i, rebuilt),
                var node => node,
            };
        }
        return rebuilt[^1];
    }

    /// <summary>Refuses a graph with the free batch dimension for <paramref name="transformation"/>, which needs every size.</summary>
    /// <exception cref="InvalidOperationException">The graph has an input with the free batch dimension.</exception>
    internal static void RequireBatchSize(Expr graph, string transformation)
    {
        if (graph.Topology.HasFreeBatch)
            throw new InvalidOperationException(
                $"{transformation} needs every size, but the graph has inputs with the free batch dimension N ({string.Join(", ", graph.Topology.Nodes.OfType<InputNode>().Where(i => i.Shape.HasFreeBatch).Select(i => $"{i.Name} {i.Shape}"))}); give it a size first with Graph.WithBatchSize(graph, n).");
    }

    /// <summary>
    /// The graph with its free batch dimension given the size of the tensors in <paramref name="at"/>: the size of each
    /// bound input's axis that is N in the input's shape, which must be the same for every input.
    /// </summary>
    /// <exception cref="ShapeMismatchException">A bound tensor does not fit its input's shape, or two inputs give different sizes.</exception>
    internal static Expr WithBatchSizeOf(Expr graph, Bindings at)
    {
        var topology = graph.Topology;
        if (!topology.HasFreeBatch) return graph;
        int? size = null;
        string? from = null;
        foreach (var input in topology.Nodes.OfType<InputNode>().Where(i => i.Shape.HasFreeBatch))
        {
            if (!at.TryGetValue(input.Name, out var value)) throw new UnboundInputException(input.Name, topology.InputNames);
            var (declared, bound) = (input.Shape, value.Shape);
            var fits = declared.Rank == bound.Rank
                && Enumerable.Range(0, declared.Rank).All(a => declared[a] == Shape.Batch || declared[a] == bound[a]);
            if (!fits)
                throw new ShapeMismatchException(input.Name, $"The input '{input.Name}' has shape {declared}, but it is bound to a tensor of shape {bound}.");
            var here = bound[Enumerable.Range(0, declared.Rank).First(a => declared[a] == Shape.Batch)];
            if (size is { } known && known != here)
                throw new ShapeMismatchException(input.Name,
                    $"The batch size N is {known} for the input '{from}' but {here} for '{input.Name}'; every input with N must be bound to one size.");
            (size, from) = (here, input.Name);
        }
        return WithBatchSize(graph, size!.Value);
    }
}
