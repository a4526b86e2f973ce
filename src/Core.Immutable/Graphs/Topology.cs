using System.Buffers;
using System.Runtime.CompilerServices;
using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A graph laid out once in flat arrays: nodes in topological order (arguments before users), each
/// apply node's argument positions, and the distinct input names. Every sweep walks these arrays.
/// </summary>
internal sealed class Topology
{
    private Topology(Expr[] nodes, int[] argumentStart, int[] arguments, int[] first, int[] second, int[] inputSlot, Opcode[] opcodes,
        ImmutableArray<string> inputNames, bool hasTensors, bool hasFreeBatch = false)
    {
        HasTensors = hasTensors;
        HasFreeBatch = hasFreeBatch;
        nodes_ = nodes;
        Count = nodes.Length;
        Opcodes = opcodes;
        argumentStart_ = argumentStart;
        arguments_ = arguments;
        First = first;
        Second = second;
        InputSlot = inputSlot;
        InputNames = inputNames;
    }

    // A layout made from arrays (FlatTape) has no node objects, its compressed argument lists are made when first asked for.
    private readonly Expr[]? nodes_;
    private int[]? argumentStart_, arguments_;

    /// <summary>
    /// A layout written by a <see cref="FlatTape"/>: no node objects, each constant's number in <see cref="Numbers"/>
    /// and each application's primitive in <see cref="AppliedPrimitives"/>, found through <see cref="InputSlot"/>. The arrays
    /// may be longer than <paramref name="count"/>. Only the scalar interpreter runs such a layout.
    /// </summary>
    internal Topology(int count, int[] first, int[] second, int[] slots, Opcode[] opcodes, ImmutableArray<string> inputNames, double[] numbers, Primitive[] primitives)
    {
        Count = count;
        First = first;
        Second = second;
        InputSlot = slots;
        Opcodes = opcodes;
        InputNames = inputNames;
        Numbers = numbers;
        AppliedPrimitives = primitives;
    }

    /// <summary>Distinct nodes, arguments before the nodes that use them; the output is last.</summary>
    /// <exception cref="InvalidOperationException">The layout was written from arrays (<see cref="FlatGraph"/>) and has no node objects.</exception>
    public Expr[] Nodes => nodes_ ?? throw new InvalidOperationException(
        "This graph was traced into arrays (FlatGraph) and has no node objects; make them with FlatGraph.ToExpr() first.");

    /// <summary>The node objects, or null for a layout written from arrays: for sweeps that read them in a loop.</summary>
    public Expr[]? NodesOrNull => nodes_;

    /// <summary>For a layout written from arrays, the numbers of its constants, at <c>~InputSlot[i]</c>; null otherwise.</summary>
    public double[]? Numbers { get; }

    /// <summary>For a layout written from arrays, the primitives of its applications, at <c>~InputSlot[i]</c>; null otherwise.</summary>
    public Primitive[]? AppliedPrimitives { get; }

    /// <summary>The number of the constant at <paramref name="i"/>.</summary>
    public double NumberAt(int i) => Numbers is { } numbers ? numbers[~InputSlot[i]] : Unsafe.As<ConstantNode>(Nodes[i]).Number; // the opcode says it is one

    /// <summary>The primitive applied at <paramref name="i"/>.</summary>
    public Primitive PrimitiveAt(int i) => AppliedPrimitives is { } primitives ? primitives[~InputSlot[i]] : ((ApplyNode)Nodes[i]).Primitive;

    /// <summary>
    /// Where each node's argument positions start in <see cref="Arguments"/> (one entry per node, and one more): node
    /// i's arguments are at <c>Arguments[ArgumentStart[i] .. ArgumentStart[i + 1]]</c>, any number of them.
    /// </summary>
    public int[] ArgumentStart => argumentStart_ ?? CompressArguments().Start;

    /// <summary>The positions of every node's arguments, node after node (see <see cref="ArgumentStart"/>).</summary>
    public int[] Arguments => arguments_ ?? CompressArguments().Arguments;

    private (int[] Start, int[] Arguments) CompressArguments()
    {
        var (start, arguments) = Compressed(First, Second, Count);
        (argumentStart_, arguments_) = (start, arguments);
        return (start, arguments);
    }

    /// <summary>The number of arguments of the node at <paramref name="i"/>.</summary>
    public int ArgumentCount(int i) => ArgumentStart[i + 1] - ArgumentStart[i];

    /// <summary>The positions of the arguments of the node at <paramref name="i"/>.</summary>
    public ReadOnlySpan<int> ArgumentsOf(int i) => Arguments.AsSpan(ArgumentStart[i], ArgumentStart[i + 1] - ArgumentStart[i]);

    /// <summary>
    /// The position of each node's first argument (−1 for a leaf), derived from <see cref="Arguments"/>: the fast
    /// layout of the scalar interpreter and compiler, which run only primitives of one or two arguments.
    /// </summary>
    public int[] First { get; }

    /// <summary>The position of each node's second argument (−1 for a leaf or a unary node), as <see cref="First"/>.</summary>
    public int[] Second { get; }

    /// <summary>What the interpreter does at each node.</summary>
    public Opcode[] Opcodes { get; }

    /// <summary>
    /// For an input node, its index in <see cref="InputNames"/>; negative otherwise: −1, or in a layout written from
    /// arrays the complement (<c>~k</c>) of a constant's index in <see cref="Numbers"/> or an application's in <see cref="AppliedPrimitives"/>.
    /// </summary>
    public int[] InputSlot { get; }

    /// <summary>The distinct input names, in ordinal order.</summary>
    public ImmutableArray<string> InputNames { get; }

    /// <summary>The number of nodes.</summary>
    public int Count { get; }

    /// <summary>
    /// Whether a node is one the scalar layout does not run (a tensor, a tensor operation, a primitive of more than two
    /// arguments): such graphs run on the tensor sweeps, which run every node.
    /// </summary>
    public bool HasTensors { get; }

    /// <summary>Whether an input has the free batch dimension N (<see cref="Shape.Batch"/>), so that the graph needs a batch size to run.</summary>
    public bool HasFreeBatch { get; }

    /// <summary>
    /// Throws a clear <see cref="NotSupportedException"/> when the graph needs the tensor sweeps: for the scalar
    /// interpreter's own entry points.
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
        Expr[] nodes;
        int[] argumentStart, arguments;
        Opcode[] opcodes;
        if (CreationOrder.Of(root) is var (found, foundFirst, foundSecond, foundOpcodes, count))
        {
            (nodes, var first, var second, opcodes) = PostOrder.Renumber(found, foundFirst, foundSecond, foundOpcodes, count, root: 0);
            (argumentStart, arguments) = Compressed(first, second);
        }
        else
        {
            (nodes, argumentStart, arguments, opcodes) = WalkWithVisitedSet(root);
        }
        var inputSlot = new int[nodes.Length];
        Array.Fill(inputSlot, -1);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var hasTensors = false;
        var hasFreeBatch = false;
        for (var i = 0; i < nodes.Length; i++)
        {
            hasTensors |= opcodes[i] == Opcode.Tensor;
            if (MayBeInput(opcodes[i]) && nodes[i] is InputNode input)
            {
                names.Add(input.Name);
                hasFreeBatch |= input.Shape.HasFreeBatch;
            }
        }
        ImmutableArray<string> inputNames = [.. names];
        if (inputNames.Length > 0)
        {
            var slotOf = inputNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
            for (var i = 0; i < nodes.Length; i++)
                if (MayBeInput(opcodes[i]) && nodes[i] is InputNode input) inputSlot[i] = slotOf[input.Name];
        }
        var (firstOf, secondOf) = FirstTwo(argumentStart, arguments);
        return new Topology(nodes, argumentStart, arguments, firstOf, secondOf, inputSlot, opcodes, inputNames, hasTensors, hasFreeBatch);
    }

    /// <summary>
    /// Several graphs laid out together, as <see cref="Of"/> lays out one (a node shared between them appears once),
    /// and each root's position: the tensor sweeps then evaluate all the outputs of a gradient graph at once.
    /// </summary>
    public static (Topology Layout, int[] Outputs) OfOutputs(IReadOnlyList<Expr> roots)
    {
        var (nodes, position) = PostOrder.OfAll(roots);
        var inputSlot = new int[nodes.Length];
        ImmutableArray<string> names = [.. nodes.OfType<InputNode>().Select(i => i.Name).Distinct().Order(StringComparer.Ordinal)];
        for (var i = 0; i < nodes.Length; i++)
            inputSlot[i] = nodes[i] is InputNode input ? names.BinarySearch(input.Name, StringComparer.Ordinal) : -1;
        var (argumentStart, arguments) = Compressed(nodes, position);
        var (first, second) = FirstTwo(argumentStart, arguments);
        var opcodes = Array.ConvertAll(nodes, FunctionalAD.Opcodes.Of);
        var layout = new Topology(nodes, argumentStart, arguments, first, second, inputSlot, opcodes, names, opcodes.Contains(Opcode.Tensor),
            nodes.Any(n => n is InputNode { Shape.HasFreeBatch: true }));
        return (layout, [.. roots.Select(r => position[r])]);
    }

    // Read the opcode before the node: on a graph of millions of nodes, each node read is a cache miss.
    private static bool MayBeInput(Opcode opcode) => opcode is Opcode.Input or Opcode.Tensor;

    /// <summary>The same layout by the walk that looks nodes up in a dictionary: for nodes without usable ids, and for primitives of more than two arguments.</summary>
    internal static (Expr[] Nodes, int[] ArgumentStart, int[] Arguments, Opcode[] Opcodes) WalkWithVisitedSet(Expr root)
    {
        var (order, position) = PostOrder.Of(root);
        var nodes = order.ToArray();
        var (argumentStart, arguments) = Compressed(nodes, position);
        return (nodes, argumentStart, arguments, Array.ConvertAll(nodes, FunctionalAD.Opcodes.Of));
    }

    /// <summary>The argument lists of <paramref name="nodes"/>, as positions found in <paramref name="position"/>.</summary>
    private static (int[] Start, int[] Arguments) Compressed(Expr[] nodes, Dictionary<Expr, int> position)
    {
        var start = new int[nodes.Length + 1];
        for (var i = 0; i < nodes.Length; i++) start[i + 1] = start[i] + (nodes[i] is ApplyNode a ? a.Arity : 0);
        var arguments = new int[start[^1]];
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i] is not ApplyNode a) continue;
            for (var k = 0; k < a.Arity; k++) arguments[start[i] + k] = position[a.Argument(k)];
        }
        return (start, arguments);
    }

    /// <summary>The argument lists of a layout of nodes of at most two arguments.</summary>
    private static (int[] Start, int[] Arguments) Compressed(int[] first, int[] second) => Compressed(first, second, first.Length);

    private static (int[] Start, int[] Arguments) Compressed(int[] first, int[] second, int count)
    {
        var start = new int[count + 1];
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            total += first[i] < 0 ? 0 : second[i] < 0 ? 1 : 2;
            start[i + 1] = total;
        }
        var arguments = new int[total];
        for (var i = 0; i < count; i++)
        {
            var at = start[i];
            if (first[i] >= 0) arguments[at] = first[i];
            if (second[i] >= 0) arguments[at + 1] = second[i];
        }
        return (start, arguments);
    }

    /// <summary>Each node's first and second argument (−1 for none): the fast layout of the scalar engines.</summary>
    private static (int[] First, int[] Second) FirstTwo(int[] start, int[] arguments)
    {
        var count = start.Length - 1;
        var first = new int[count];
        var second = new int[count];
        for (var i = 0; i < count; i++)
        {
            int from = start[i], to = start[i + 1];
            first[i] = to > from ? arguments[from] : -1;
            second[i] = to > from + 1 ? arguments[from + 1] : -1;
        }
        return (first, second);
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
    internal void BindInto(Bindings bindings, Span<double> values)
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
}
