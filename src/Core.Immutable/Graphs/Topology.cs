using System.Buffers;
using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A graph laid out once in flat arrays: nodes in topological order (arguments before users), each
/// apply node's argument positions, and the distinct input names. Every sweep walks these arrays.
/// </summary>
internal sealed class Topology
{
    private RawRules?[]? rawRules;

    private Topology(Expr[] nodes, int[] first, int[] second, int[] inputSlot, Opcode[] opcodes, ImmutableArray<string> inputNames, bool hasTensors)
    {
        HasTensors = hasTensors;
        Nodes = nodes;
        Opcodes = opcodes;
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

    /// <summary>What the interpreter does at each node.</summary>
    public Opcode[] Opcodes { get; }

    /// <summary>
    /// For an apply node, its primitive's <see cref="FunctionalAD.RawRules"/> (null for a replaced rule); null otherwise.
    /// Made on first use (the interpreter reads <see cref="Opcodes"/> instead), published like the topology itself.
    /// </summary>
    public RawRules?[] RawRules
    {
        get
        {
            if (Volatile.Read(ref rawRules) is { } made) return made;
            var rules = Array.ConvertAll(Nodes, n => n is ApplyNode a ? a.Primitive.Raw : null);
            return Interlocked.CompareExchange(ref rawRules, rules, null) ?? rules;
        }
    }

    /// <summary>For an input node, its index in <see cref="InputNames"/>; −1 otherwise.</summary>
    public int[] InputSlot { get; }

    /// <summary>The distinct input names, in ordinal order.</summary>
    public ImmutableArray<string> InputNames { get; }

    public int Count => Nodes.Length;

    /// <summary>Whether a node is a tensor or a tensor operation: such graphs run on the tensor sweeps.</summary>
    public bool HasTensors { get; }

    /// <summary>
    /// Throws a clear <see cref="NotSupportedException"/> when the graph has tensor nodes: for the transformations
    /// that so far work on scalar graphs only (compilation).
    /// </summary>
    public void RequireScalar(string operation)
    {
        if (HasTensors)
            throw new NotSupportedException(
                $"{operation} works on scalar graphs; this graph has tensor-valued nodes (shape {Nodes[^1].Shape} at the output). " +
                "Evaluate and differentiate it with Graph.Evaluate, Forward.Jvp and Reverse.Grad over Bindings.");
    }

    /// <summary>
    /// Lays out the graph: finds its nodes by their creation ids (<see cref="CreationOrder"/>), then renumbers them into
    /// the depth-first post-order of <see cref="PostOrder"/> (first argument first), which depends on the structure alone.
    /// </summary>
    public static Topology Of(Expr root)
    {
        var (nodes, first, second, opcodes) = CreationOrder.Of(root) is var (found, foundFirst, foundSecond, foundOpcodes, count)
            ? PostOrder.Renumber(found, foundFirst, foundSecond, foundOpcodes, count, root: 0)
            : WalkWithVisitedSet(root);
        var inputSlot = new int[nodes.Length];
        Array.Fill(inputSlot, -1);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var hasTensors = false;
        for (var i = 0; i < nodes.Length; i++)
        {
            hasTensors |= opcodes[i] == Opcode.Tensor;
            if (MayBeInput(opcodes[i]) && nodes[i] is InputNode input) names.Add(input.Name);
        }
        ImmutableArray<string> inputNames = [.. names];
        if (inputNames.Length > 0)
        {
            var slotOf = inputNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
            for (var i = 0; i < nodes.Length; i++)
                if (MayBeInput(opcodes[i]) && nodes[i] is InputNode input) inputSlot[i] = slotOf[input.Name];
        }
        return new Topology(nodes, first, second, inputSlot, opcodes, inputNames, hasTensors);
    }

    /// <summary>
    /// Several graphs laid out together, as <see cref="Of"/> lays out one (a node shared between them appears once),
    /// and each root's position: the tensor sweeps then evaluate all the outputs of a gradient graph at once.
    /// </summary>
    public static (Topology Layout, int[] Outputs) OfOutputs(IReadOnlyList<Expr> roots)
    {
        var position = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        var order = new List<Expr>();
        foreach (var root in roots)
        {
            // Nodes laid out for an earlier root are leaves of this walk: each node is visited O(1) times.
            var (walk, _) = PostOrder.Of(root, n => position.ContainsKey(n) ? (null, null) : Arguments(n));
            foreach (var node in walk)
                if (position.TryAdd(node, order.Count)) order.Add(node);
        }
        var nodes = order.ToArray();
        var (first, second, inputSlot) = (new int[nodes.Length], new int[nodes.Length], new int[nodes.Length]);
        ImmutableArray<string> names = [.. nodes.OfType<InputNode>().Select(i => i.Name).Distinct().Order(StringComparer.Ordinal)];
        for (var i = 0; i < nodes.Length; i++)
        {
            var (a, b) = Arguments(nodes[i]);
            first[i] = a is null ? -1 : position[a];
            second[i] = b is null ? -1 : position[b];
            inputSlot[i] = nodes[i] is InputNode input ? names.BinarySearch(input.Name, StringComparer.Ordinal) : -1;
        }
        var opcodes = Array.ConvertAll(nodes, FunctionalAD.Opcodes.Of);
        var layout = new Topology(nodes, first, second, inputSlot, opcodes, names, opcodes.Contains(Opcode.Tensor));
        return (layout, [.. roots.Select(r => position[r])]);

        static (Expr?, Expr?) Arguments(Expr node) => node switch
        {
            ApplyNode a => (a.First, a.Second),
            OperationNode o => (o.First, o.Second),
            _ => (null, null),
        };
    }

    // Read the opcode before the node: on a graph of millions of nodes, each node read is a cache miss.
    private static bool MayBeInput(Opcode opcode) => opcode is Opcode.Input or Opcode.Tensor;

    /// <summary>The same layout by the walk that looks nodes up in a dictionary: for nodes without usable ids.</summary>
    internal static (Expr[] Nodes, int[] First, int[] Second, Opcode[] Opcodes) WalkWithVisitedSet(Expr root)
    {
        var (order, position) = PostOrder.Of(root, node => node switch
        {
            ApplyNode a => (a.First, a.Second),
            OperationNode o => (o.First, o.Second),
            _ => (null, null),
        });
        var nodes = order.ToArray();
        var first = new int[nodes.Length];
        var second = new int[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            var (a, b) = nodes[i] switch
            {
                ApplyNode n => (n.First, n.Second),
                OperationNode o => (o.First, o.Second),
                _ => (null, null),
            };
            first[i] = a is null ? -1 : position[a];
            second[i] = b is null ? -1 : position[b];
        }
        return (nodes, first, second, Array.ConvertAll(nodes, FunctionalAD.Opcodes.Of));
    }

    /// <summary>The value of every input name, in <see cref="InputNames"/> order.</summary>
    /// <exception cref="UnboundInputException">An input has no binding.</exception>
    public double[] Bind(Bindings bindings)
    {
        var values = new double[InputNames.Length];
        BindInto(bindings, values);
        return values;
    }

    /// <summary>The value of every input name, in <see cref="InputNames"/> order, into the first entries of <paramref name="values"/>.</summary>
    /// <exception cref="UnboundInputException">An input has no binding.</exception>
    private void BindInto(Bindings bindings, Span<double> values)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        var plan = lastPlan;
        if (plan is null || plan.Names != bindings.Names) lastPlan = plan = new BindingPlan(bindings.Names, Positions(bindings.Names));
        var positions = plan.Positions;
        values = values[..positions.Length];
        if (bindings.AllScalars)
        {
            var bound = bindings.Scalars;
            for (var i = 0; i < values.Length; i++) values[i] = bound[positions[i]];
            return;
        }
        // Some binding is a tensor: fine for a name the graph does not use, an error for one of its (scalar) inputs.
        var tensors = bindings.Values;
        for (var i = 0; i < values.Length; i++) values[i] = Number(InputNames[i], tensors[positions[i]], "it is bound to a tensor of shape");
    }

    /// <summary>The number of a scalar binding or tangent, or the error of the tensor sweeps for the wrong shape.</summary>
    private static double Number(string name, Tensor value, string what) => value.Shape.IsScalar
        ? value.ToScalar()
        : throw new ShapeMismatchException(name, $"The input '{name}' has shape {Shape.Scalar}, but {what} {value.Shape}.");

    /// <summary>
    /// Where each input name sits among <paramref name="bound"/>. Both name lists are in ordinal order, so
    /// this is one merge; it is remembered for the next bindings with the same names (<see cref="BindingPlan"/>).
    /// </summary>
    private int[] Positions(ImmutableArray<string> bound)
    {
        var positions = new int[InputNames.Length];
        var j = 0;
        for (var i = 0; i < positions.Length; i++)
        {
            while (j < bound.Length && string.CompareOrdinal(bound[j], InputNames[i]) < 0) j++;
            positions[i] = j < bound.Length && bound[j] == InputNames[i]
                ? j
                : throw new UnboundInputException(InputNames[i], InputNames);
        }
        return positions;
    }

    /// <summary>
    /// The positions found for one array of bound names. Bindings reused across calls (a training loop, a
    /// benchmark) share their name array, so binding them again skips the merge; the plan is immutable and
    /// replaced whole, so concurrent callers at worst compute it twice.
    /// </summary>
    private sealed record BindingPlan(ImmutableArray<string> Names, int[] Positions);

    private BindingPlan? lastPlan;

    /// <summary>The tangent of every input name, in <see cref="InputNames"/> order; a name left out has tangent zero.</summary>
    /// <exception cref="ArgumentException"><paramref name="direction"/> names an input the graph does not have.</exception>
    public double[] Seeds(Bindings direction)
    {
        ArgumentNullException.ThrowIfNull(direction);
        foreach (var name in direction.Names)
        {
            if (ImmutableArray.BinarySearch(InputNames, name, StringComparer.Ordinal) < 0)
                throw new ArgumentException(
                    $"The direction gives a tangent for '{name}', but the graph has no such input; its inputs are: {NamedValues.ListNames(InputNames)}.",
                    nameof(direction));
        }
        return [.. InputNames.Select(n => direction.TryGetValue(n, out var tangent) ? Number(n, tangent, "its tangent has shape") : 0)];
    }

    /// <summary>The forward sweep into a new array: every node's value.</summary>
    public double[] Values(double[] inputs)
    {
        var values = new double[Count];
        Interpreter.Values(this, inputs, values);
        return values;
    }

    /// <summary>The forward sweep into a rented buffer (give it back with <see cref="Interpreter.Return"/>).</summary>
    public double[] RentValues(Bindings at)
    {
        // The input values are needed only during the sweep: a pooled array, not one allocated per call.
        var inputs = ArrayPool<double>.Shared.Rent(InputNames.Length);
        try
        {
            BindInto(at, inputs);
            var values = Interpreter.Rent(Count, clear: false); // the sweep writes every entry
            Interpreter.Values(this, inputs.AsSpan(0, InputNames.Length), values);
            return values;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(inputs);
        }
    }
}
