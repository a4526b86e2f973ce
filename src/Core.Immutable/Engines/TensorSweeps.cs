namespace FunctionalAD;

/// <summary>
/// The sweeps of a tensor graph over its cached <see cref="Topology"/>: one <see cref="Tensor"/> per node, and each
/// node's primitive asked for its rules over its arguments, however many (elementwise primitives run element by
/// element, <see cref="Elementwise"/>). A null tangent or cotangent is an exact zero: rules are not asked about it.
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
        if (topology.HasFreeBatch)
            throw new InvalidOperationException(
                "The graph has inputs with the free batch dimension N; give it a size first with Graph.WithBatchSize(graph, n) (Graph.Evaluate, Forward.Jvp and Reverse.Grad take it from the bindings).");
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
        var arguments = new Tensor[MaxArity(topology)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = topology.Nodes[i] switch
            {
                ConstantNode c => c.Value,
                InputNode => inputs[topology.InputSlot[i]],
                ApplyNode a => a.Primitive.Value(Gather(topology, i, values, arguments), a.Shape),
                _ => throw new InvalidOperationException("Unknown node kind."),
            };
        }
        return values;
    }

    /// <summary>
    /// The forward sweep before a backward sweep: every node's value, and in <paramref name="saved"/> what each node's
    /// VJP will need beyond its arguments and output (a loop's checkpoints, kept as <paramref name="options"/> asks).
    /// </summary>
    public static Tensor[] ValuesForVjp(Topology topology, Tensor[] inputs, ReverseOptions options, out object?[] saved)
    {
        var values = new Tensor[topology.Count];
        saved = new object?[topology.Count];
        var arguments = new Tensor[MaxArity(topology)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = topology.Nodes[i] switch
            {
                ConstantNode c => c.Value,
                InputNode => inputs[topology.InputSlot[i]],
                ApplyNode a => a.Primitive.ValueForVjp(Gather(topology, i, values, arguments), a.Shape, options, out saved[i]),
                _ => throw new InvalidOperationException("Unknown node kind."),
            };
        }
        return values;
    }

    /// <summary>The most arguments a node of <paramref name="topology"/> takes.</summary>
    public static int MaxArity(Topology topology)
    {
        var most = 0;
        for (var i = 0; i < topology.Count; i++) most = Math.Max(most, topology.ArgumentCount(i));
        return most;
    }

    /// <summary>The entries of <paramref name="perNode"/> at the arguments of node <paramref name="i"/>, into <paramref name="scratch"/>.</summary>
    public static ReadOnlySpan<T> Gather<T>(Topology topology, int i, T[] perNode, T[] scratch)
    {
        var positions = topology.ArgumentsOf(i);
        for (var k = 0; k < positions.Length; k++) scratch[k] = perNode[positions[k]];
        return scratch.AsSpan(0, positions.Length);
    }

    /// <summary>One tangent sweep; returns the output's tangent (null when nothing moves it).</summary>
    public static Tensor? Tangents(Topology topology, Tensor[] values, Tensor?[] inputTangents) =>
        AllTangents(topology, values, inputTangents)[^1];

    /// <summary>One tangent sweep; returns every node's tangent (null where nothing moves it).</summary>
    public static Tensor?[] AllTangents(Topology topology, Tensor[] values, Tensor?[] inputTangents)
    {
        var tangents = new Tensor?[topology.Count];
        var arity = MaxArity(topology);
        var (arguments, argumentTangents) = (new Tensor[arity], new Tensor?[arity]);
        for (var i = 0; i < tangents.Length; i++)
        {
            switch (topology.Nodes[i])
            {
                case InputNode:
                    tangents[i] = inputTangents[topology.InputSlot[i]];
                    break;
                case ApplyNode a:
                    var moving = Gather(topology, i, tangents, argumentTangents);
                    var moves = false;
                    foreach (var tangent in moving) moves |= tangent is not null;
                    if (!moves) break; // a node none of whose arguments moves does not move
                    tangents[i] = a.Primitive.Jvp(Gather(topology, i, values, arguments), values[i], moving);
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

    /// <summary>
    /// The backward sweep from <paramref name="seed"/> over the values of a forward sweep: one cotangent per input (null
    /// is zero). Only nodes that depend on a <paramref name="wanted"/> input ask their arguments for cotangents.
    /// </summary>
    /// <remarks>
    /// With <c>sums</c>, running sums of the inputs' cotangents (a loop's parameters over its steps), an input node marked
    /// in <c>summed</c> (one used once) whose user's rule can add its cotangent in place
    /// (<see cref="Primitive.AddsVjpInPlace"/>) has it added straight into its input's sum, and not returned.
    /// </remarks>
    public static Tensor?[] Sweep(
        Topology topology, Tensor[] values, Tensor seed, bool[] wanted, object?[]? saved = null, CotangentSum[]? sums = null, bool[]? summed = null)
    {
        var needs = Needs(topology, wanted);
        var adjoints = new Tensor?[topology.Count];
        var inputs = new Tensor?[topology.InputNames.Length];
        var arity = MaxArity(topology);
        var (arguments, asked, cotangents) = (new Tensor[arity], new bool[arity], new Tensor?[arity]);
        adjoints[^1] = seed;
        for (var i = adjoints.Length - 1; i >= 0; i--)
        {
            if (adjoints[i] is not { } adjoint || !needs[i]) continue;
            if (topology.Nodes[i] is ApplyNode a)
            {
                var positions = topology.ArgumentsOf(i);
                var inPlace = 0; // a bit per argument whose cotangent its sum takes in place
                for (var k = 0; summed is not null && k < Math.Min(positions.Length, 32); k++)
                    if (summed[positions[k]] && needs[positions[k]] && a.Primitive.AddsVjpInPlace(k)) inPlace |= 1 << k;
                var pulled = PullBack(topology, values, i, a.Primitive, adjoint, needs, arguments, asked, cotangents, saved?[i], inPlace);
                for (var k = 0; k < positions.Length; k++)
                {
                    if (asked[k]) adjoints[positions[k]] = Kernels.Add(adjoints[positions[k]], pulled[k]);
                    else if (k < 32 && (inPlace >> k & 1) != 0)
                    {
                        var input = positions[k];
                        a.Primitive.AddVjpInto(arguments.AsSpan(0, positions.Length), adjoint, k, sums![topology.InputSlot[input]].InPlace(values[input].Shape));
                    }
                }
            }
            else if (topology.InputSlot[i] >= 0)
            {
                inputs[topology.InputSlot[i]] = Kernels.Add(inputs[topology.InputSlot[i]], adjoint);
            }
            adjoints[i] = null; // swept: let it go
        }
        return inputs;
    }

    /// <summary>Which nodes depend on a <paramref name="wanted"/> input.</summary>
    public static bool[] Needs(Topology topology, bool[] wanted)
    {
        var needs = new bool[topology.Count];
        for (var i = 0; i < needs.Length; i++)
        {
            if (topology.InputSlot[i] >= 0)
            {
                needs[i] = wanted[topology.InputSlot[i]];
                continue;
            }
            foreach (var argument in topology.ArgumentsOf(i)) needs[i] |= needs[argument];
        }
        return needs;
    }

    /// <summary>
    /// The VJP of node <paramref name="i"/> for <paramref name="adjoint"/>: the cotangent of each argument that
    /// <paramref name="needs"/> asks for (recorded in <paramref name="asked"/>; null is zero), in <paramref name="cotangents"/>;
    /// not those with a bit set in <c>skipped</c> (the caller adds theirs in place).
    /// </summary>
    public static ReadOnlySpan<Tensor?> PullBack(
        Topology topology, Tensor[] values, int i, Primitive primitive, Tensor adjoint, bool[] needs, Tensor[] arguments, bool[] asked, Tensor?[] cotangents,
        object? saved = null, int skipped = 0)
    {
        var positions = topology.ArgumentsOf(i);
        for (var k = 0; k < positions.Length; k++)
        {
            asked[k] = needs[positions[k]] && (k >= 32 || (skipped >> k & 1) == 0);
            cotangents[k] = null;
        }
        var filled = cotangents.AsSpan(0, positions.Length);
        primitive.VjpFromSaved(Gather(topology, i, values, arguments), values[i], adjoint, asked.AsSpan(0, positions.Length), filled, saved);
        return filled;
    }
}
