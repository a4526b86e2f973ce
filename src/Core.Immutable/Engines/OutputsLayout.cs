using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// Several graphs laid out together in flat arrays, as <see cref="Topology"/> lays out one: every node
/// shared between outputs appears once, arguments before users, so one sweep evaluates (or pushes
/// tangents through) all the outputs at the cost of their union.
/// </summary>
internal sealed class OutputsLayout
{
    private readonly Expr[] nodes;
    private readonly int[] first;
    private readonly int[] second;
    private readonly int[] inputSlot;
    private readonly int[] outputs;

    public OutputsLayout(IReadOnlyList<Expr> roots)
    {
        (nodes, var position) = PostOrder.OfAll(roots);
        InputNames = [.. nodes.OfType<InputNode>().Select(i => i.Name).Distinct().Order(StringComparer.Ordinal)];
        first = new int[nodes.Length];
        second = new int[nodes.Length];
        inputSlot = new int[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            first[i] = second[i] = inputSlot[i] = -1;
            if (nodes[i] is ApplyNode a)
            {
                first[i] = position[a.First];
                if (a.Second is { } s) second[i] = position[s];
            }
            else if (nodes[i] is InputNode input)
            {
                inputSlot[i] = InputNames.BinarySearch(input.Name, StringComparer.Ordinal);
            }
        }
        outputs = [.. roots.Select(r => position[r])];
    }

    /// <summary>The distinct input names of all the outputs, in ordinal order.</summary>
    public ImmutableArray<string> InputNames { get; }

    /// <summary>The number of distinct nodes over all the outputs.</summary>
    public int Count => nodes.Length;

    /// <summary>Every node's value at <paramref name="at"/>.</summary>
    /// <exception cref="UnboundInputException">An input has no value in <paramref name="at"/>.</exception>
    public double[] Values(Bindings at)
    {
        ArgumentNullException.ThrowIfNull(at);
        var bound = InputNames.Select(n => at.TryGetValue(n, out var value) ? Number(n, value) : throw new UnboundInputException(n, InputNames)).ToArray();
        var values = new double[nodes.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = nodes[i] switch
            {
                ConstantNode c => c.Number,
                InputNode => bound[inputSlot[i]],
                ApplyNode a => ((ElementwisePrimitive)a.Primitive).Value(values[first[i]], second[i] < 0 ? 0 : values[second[i]]),
                _ => throw new InvalidOperationException("Unknown node kind."),
            };
        }
        return values;
    }

    private static double Number(string name, Tensor value) => value.Shape.IsScalar
        ? value.ToScalar()
        : throw new ShapeMismatchException(name, $"The input '{name}' has shape {Shape.Scalar}, but it is bound to a tensor of shape {value.Shape}.");

    /// <summary>The outputs' entries of a per-node array, in the order the roots were given.</summary>
    public double[] AtOutputs(double[] perNode) => [.. outputs.Select(o => perNode[o])];

    /// <summary>One forward sweep of tangents (the same rule as <see cref="Forward"/>'s) from each input's tangent, by <see cref="InputNames"/> slot.</summary>
    public double[] Tangents(double[] values, double[] inputTangents)
    {
        var tangents = new double[nodes.Length];
        for (var i = 0; i < tangents.Length; i++)
        {
            switch (nodes[i])
            {
                case InputNode:
                    tangents[i] = inputTangents[inputSlot[i]];
                    break;
                case ApplyNode a:
                    int f = first[i], s = second[i];
                    double dx = tangents[f], dy = s < 0 ? 0 : tangents[s];
                    tangents[i] = dx == 0 && dy == 0 ? 0 : ((ElementwisePrimitive)a.Primitive).Jvp(values[f], s < 0 ? 0 : values[s], values[i], dx, dy);
                    break;
            }
        }
        return tangents;
    }
}
