namespace FunctionalAD;

/// <summary>
/// The sweeps of a tensor graph over its cached <see cref="Topology"/>: one <see cref="Tensor"/> per node. Apply
/// nodes run their scalar primitive elementwise (<see cref="Elementwise"/>), operation nodes their
/// <see cref="TensorOperation"/>'s rules. A null tangent or cotangent is an exact zero: rules are not asked about it.
/// </summary>
internal static class TensorSweeps
{
    /// <summary>Each input's declared shape, in <see cref="Topology.InputNames"/> order.</summary>
    /// <exception cref="ShapeMismatchException">One name is declared with two shapes.</exception>
    public static Shape[] InputShapes(Topology topology)
    {
        var shapes = new Shape?[topology.InputNames.Length];
        for (var i = 0; i < topology.Count; i++)
        {
            if (topology.Nodes[i] is not InputNode input) continue;
            var slot = topology.InputSlot[i];
            if (shapes[slot] is { } declared && declared != input.Shape)
                throw new ShapeMismatchException(input.Name, $"The input '{input.Name}' is declared with two shapes: {declared} and {input.Shape}.");
            shapes[slot] = input.Shape;
        }
        return [.. shapes.Select(s => s!.Value)];
    }

    /// <summary>The tensor of every input, in <see cref="Topology.InputNames"/> order, checked against the declared shapes.</summary>
    /// <exception cref="UnboundInputException">An input has no binding.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's shape.</exception>
    public static Tensor[] Bind(Topology topology, Bindings at)
    {
        var shapes = InputShapes(topology);
        var values = new Tensor[shapes.Length];
        for (var slot = 0; slot < values.Length; slot++)
        {
            var name = topology.InputNames[slot];
            if (!at.TryGetValue(name, out var value)) throw new UnboundInputException(name, topology.InputNames);
            values[slot] = value.Shape == shapes[slot]
                ? value
                : throw new ShapeMismatchException(name, $"The input '{name}' has shape {shapes[slot]}, but it is bound to a tensor of shape {value.Shape}.");
        }
        return values;
    }

    /// <summary>Each direction tangent in input order (null for a name left out), checked against the input shapes.</summary>
    public static Tensor?[] Directions(Topology topology, Bindings direction)
    {
        var shapes = InputShapes(topology);
        foreach (var name in direction.Names)
        {
            if (!topology.InputNames.Contains(name))
                throw new ArgumentException(
                    $"The direction gives a tangent for '{name}', but the graph has no such input; its inputs are: {NamedValues.ListNames(topology.InputNames)}.",
                    nameof(direction));
        }
        var tangents = new Tensor?[shapes.Length];
        for (var slot = 0; slot < shapes.Length; slot++)
        {
            var name = topology.InputNames[slot];
            if (!direction.TryGetValue(name, out var tangent)) continue;
            tangents[slot] = tangent.Shape == shapes[slot]
                ? tangent
                : throw new ShapeMismatchException(name, $"The input '{name}' has shape {shapes[slot]}, but its tangent has shape {tangent.Shape}.");
        }
        return tangents;
    }

    /// <summary>The forward sweep: every node's value.</summary>
    public static Tensor[] Values(Topology topology, Tensor[] inputs)
    {
        var values = new Tensor[topology.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var second = topology.Second[i];
            values[i] = topology.Nodes[i] switch
            {
                ConstantNode c => c.Value,
                TensorConstantNode t => t.Value,
                InputNode => inputs[topology.InputSlot[i]],
                ApplyNode a => Elementwise.Value(a.Primitive, values[topology.First[i]], second < 0 ? 0 : values[second], a.Shape),
                OperationNode o => o.Operation.Value(values[topology.First[i]], second < 0 ? 0 : values[second]),
                _ => throw new InvalidOperationException("Unknown node kind."),
            };
        }
        return values;
    }

    /// <summary>One tangent sweep; returns the output's tangent (null when nothing moves it).</summary>
    public static Tensor? Tangents(Topology topology, Tensor[] values, Tensor?[] inputTangents) =>
        AllTangents(topology, values, inputTangents)[^1];

    /// <summary>One tangent sweep; returns every node's tangent (null where nothing moves it).</summary>
    public static Tensor?[] AllTangents(Topology topology, Tensor[] values, Tensor?[] inputTangents)
    {
        var tangents = new Tensor?[topology.Count];
        for (var i = 0; i < tangents.Length; i++)
        {
            int first = topology.First[i], second = topology.Second[i];
            switch (topology.Nodes[i])
            {
                case InputNode:
                    tangents[i] = inputTangents[topology.InputSlot[i]];
                    break;
                case ApplyNode or OperationNode:
                    Tensor? dx = tangents[first], dy = second < 0 ? null : tangents[second];
                    if (dx is null && dy is null) break; // a node none of whose arguments moves does not move
                    Tensor x = values[first], y = second < 0 ? 0 : values[second];
                    tangents[i] = topology.Nodes[i] is ApplyNode a
                        ? Elementwise.Jvp(a.Primitive, x, y, values[i], dx, dy)
                        : ((OperationNode)topology.Nodes[i]).Operation.Jvp(x, y, values[i], dx, dy);
                    break;
            }
        }
        return tangents;
    }

    /// <summary>The tensor of <paramref name="shape"/> with a 1 at row-major element <paramref name="k"/> and 0 elsewhere.</summary>
    public static Tensor Basis(Shape shape, int k)
    {
        var elements = new double[shape.Count];
        elements[k] = 1;
        return Kernels.FromRowMajor(shape, elements);
    }

    /// <summary>Every node's pullback closure (null for leaves), recorded after the forward sweep.</summary>
    public static TensorPullback?[] Pullbacks(Topology topology, Tensor[] values)
    {
        var pullbacks = new TensorPullback?[topology.Count];
        for (var i = 0; i < pullbacks.Length; i++)
        {
            int first = topology.First[i], second = topology.Second[i];
            if (first < 0) continue;
            Tensor x = values[first], y = second < 0 ? 0 : values[second], z = values[i];
            pullbacks[i] = topology.Nodes[i] switch
            {
                ApplyNode a => (g, f, s) => Elementwise.Vjp(a.Primitive, x, y, z, g, f, s),
                OperationNode o => o.Operation.Vjp(x, y, z),
                _ => null,
            };
        }
        return pullbacks;
    }

    /// <summary>
    /// The backward sweep from <paramref name="seed"/>: one cotangent per input (null is zero). Only nodes that
    /// depend on a <paramref name="wanted"/> input ask their arguments for cotangents.
    /// </summary>
    public static Tensor?[] Sweep(Topology topology, TensorPullback?[] pullbacks, Tensor seed, bool[] wanted)
    {
        var needs = new bool[topology.Count];
        for (var i = 0; i < needs.Length; i++)
        {
            int first = topology.First[i], second = topology.Second[i];
            needs[i] = topology.InputSlot[i] >= 0 ? wanted[topology.InputSlot[i]] : first >= 0 && (needs[first] || (second >= 0 && needs[second]));
        }
        var adjoints = new Tensor?[topology.Count];
        var inputs = new Tensor?[topology.InputNames.Length];
        adjoints[^1] = seed;
        for (var i = adjoints.Length - 1; i >= 0; i--)
        {
            if (adjoints[i] is not { } adjoint || !needs[i]) continue;
            if (pullbacks[i] is { } pullback)
            {
                int first = topology.First[i], second = topology.Second[i];
                var (gx, gy) = pullback(adjoint, needs[first], second >= 0 && needs[second]);
                if (needs[first]) adjoints[first] = Kernels.Add(adjoints[first], gx);
                if (second >= 0 && needs[second]) adjoints[second] = Kernels.Add(adjoints[second], gy);
            }
            else if (topology.InputSlot[i] >= 0)
            {
                inputs[topology.InputSlot[i]] = Kernels.Add(inputs[topology.InputSlot[i]], adjoint);
            }
            adjoints[i] = null; // swept: let it go
        }
        return inputs;
    }
}
