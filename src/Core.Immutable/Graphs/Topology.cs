using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A graph laid out once in flat arrays: nodes in topological order (arguments before users), each
/// apply node's argument positions, and the distinct input names. Every sweep walks these arrays.
/// </summary>
internal sealed class Topology
{
    private Topology(Expr[] nodes, int[] first, int[] second, int[] inputSlot, ImmutableArray<string> inputNames, bool hasTensors)
    {
        HasTensors = hasTensors;
        Nodes = nodes;
        First = first;
        Second = second;
        InputSlot = inputSlot;
        InputNames = inputNames;
    }

    /// <summary>Distinct nodes, arguments before the nodes that use them; the output is last.</summary>
    public Expr[] Nodes { get; }

    /// <summary>For an apply node, the position of its first argument; −1 otherwise.</summary>
    public int[] First { get; }

    /// <summary>For a binary apply node, the position of its second argument; −1 otherwise.</summary>
    public int[] Second { get; }

    /// <summary>For an input node, its index in <see cref="InputNames"/>; −1 otherwise.</summary>
    public int[] InputSlot { get; }

    /// <summary>The distinct input names, in ordinal order.</summary>
    public ImmutableArray<string> InputNames { get; }

    public int Count => Nodes.Length;

    /// <summary>Whether a node is a tensor or a tensor operation: such graphs run on the tensor sweeps.</summary>
    public bool HasTensors { get; }

    /// <summary>Lays out the graph with the iterative post-order walk of <see cref="PostOrder"/>.</summary>
    public static Topology Of(Expr root)
    {
        var (order, position) = PostOrder.Of(root, node => node switch
        {
            ApplyNode a => (a.First, a.Second),
            OperationNode o => (o.First, o.Second),
            _ => (null, null),
        });

        var nodes = order.ToArray();
        var names = nodes.OfType<InputNode>().Select(i => i.Name).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
        var slotOf = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var first = new int[nodes.Length];
        var second = new int[nodes.Length];
        var inputSlot = new int[nodes.Length];
        var hasTensors = false;
        for (var i = 0; i < nodes.Length; i++)
        {
            hasTensors |= !nodes[i].Shape.IsScalar || nodes[i] is OperationNode;
            first[i] = second[i] = inputSlot[i] = -1;
            switch (nodes[i])
            {
                case ApplyNode a:
                    first[i] = position[a.First];
                    if (a.Second is { } s) second[i] = position[s];
                    break;
                case OperationNode o:
                    first[i] = position[o.First];
                    if (o.Second is { } t) second[i] = position[t];
                    break;
                case InputNode input:
                    inputSlot[i] = slotOf[input.Name];
                    break;
            }
        }
        return new Topology(nodes, first, second, inputSlot, names, hasTensors);
    }

    /// <summary>The value of every input name, in <see cref="InputNames"/> order.</summary>
    /// <exception cref="UnboundInputException">An input has no binding.</exception>
    public double[] Bind(Bindings bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        // Both name lists are in ordinal order: one merge finds every input's value.
        var values = new double[InputNames.Length];
        var bound = bindings.Names;
        var j = 0;
        for (var i = 0; i < values.Length; i++)
        {
            while (j < bound.Length && string.CompareOrdinal(bound[j], InputNames[i]) < 0) j++;
            values[i] = j < bound.Length && bound[j] == InputNames[i]
                ? bindings.Values[j]
                : throw new UnboundInputException(InputNames[i], InputNames);
        }
        return values;
    }

    /// <summary>The forward sweep: every node's value.</summary>
    public double[] Values(double[] inputs)
    {
        var values = new double[Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Nodes[i] switch
            {
                ConstantNode c => c.Value,
                InputNode => inputs[InputSlot[i]],
                ApplyNode a => a.Primitive.Value(values[First[i]], Second[i] < 0 ? 0 : values[Second[i]]),
                _ => throw new InvalidOperationException("Unknown node kind."),
            };
        }
        return values;
    }
}
