using System.Reflection.Emit;

namespace FunctionalAD;

/// <summary>
/// Turns a <see cref="Topology"/> into chunks of straight-line code (<see cref="ChunkEmitter"/>). Each chunk
/// covers at most <see cref="ChunkSize"/> consecutive nodes, keeps the values, tangents and adjoints of its
/// own nodes in locals and exchanges the rest through shared arrays, so that no method grows past the size
/// where the JIT stops optimising, and compile time stays linear in the size of the graph. The code performs
/// the interpreter's floating-point operations in the interpreter's order (<see cref="Interpreter"/>), so its
/// results are the same bit for bit. Chunks are emitted and JIT-compiled in parallel (each is called once on
/// scratch buffers, which is what makes the runtime compile it); the code does not depend on which thread
/// emitted it.
/// </summary>
internal static unsafe class Compiler
{
    /// <summary>
    /// Nodes per chunk, the fastest of 64, 128 and 256 on W1 (fewer calls and values passed between chunks against
    /// more code per method, and the JIT optimises a chunk fully at this size).
    /// </summary>
    public const int ChunkSize = 128;

    /// <summary>
    /// The chunks of a gradient, in order of execution: forward chunks, the last chunk forward and backward in
    /// one method, then backward chunks.
    /// </summary>
    /// <remarks>Buffers: node values, node adjoints; inputs are gathered into the node values first.</remarks>
    public static ChunkProgram Gradient(Topology topology)
    {
        var plan = new GradientPlan(topology);
        var count = Chunks(topology);
        // Chunk k of the program covers nodes [Start(c), End(c)) for c = Covered(k).
        int Covered(int k) => k < count ? k : 2 * count - 2 - k;
        int End(int c) => Math.Min(Start(c + 1), topology.Count);
        return Compile(topology, plan.Layout, 2 * count - 1, k => Start(Covered(k)),
            k => plan.Key(Start(Covered(k)), End(Covered(k)), k < count - 1 ? 0 : k == count - 1 ? 1 : 2),
            k => k < count - 1 ? plan.Forward(Start(k), End(k))
                : k == count - 1 ? plan.Last(Start(k), topology.Count)
                : plan.Backward(Start(Covered(k)), End(Covered(k))));
    }

    /// <summary>
    /// A gradient as two programs over the same buffers, for a loop body run step by step: the forward sweep alone
    /// (forward chunks only, the output's value stored), after which the node values hold everything the backward
    /// sweep reads, and the backward sweep alone from those values, seeded with the adjoint the caller leaves in the
    /// output's slot of the zeroed node adjoints. Together they compute what <see cref="Gradient"/> does, bit for bit.
    /// </summary>
    public static (ChunkProgram Forward, ChunkProgram Backward) Sweeps(Topology topology)
    {
        var plan = new GradientPlan(topology, seeded: true);
        var count = Chunks(topology);
        int End(int c) => Math.Min(Start(c + 1), topology.Count);
        int Backwards(int k) => count - 1 - k;
        var forward = Compile(topology, plan.Layout, count, Start, k => plan.Key(Start(k), End(k), 0), k => plan.Forward(Start(k), End(k)));
        var backward = Compile(topology, plan.Layout, count, k => Start(Backwards(k)),
            k => plan.Key(Start(Backwards(k)), End(Backwards(k)), 2), k => plan.Backward(Start(Backwards(k)), End(Backwards(k))));
        return (forward, backward);
    }

    /// <summary>The chunks of a JVP, in order.</summary>
    /// <remarks>Buffers: node values, node tangents; inputs are gathered into both first.</remarks>
    public static ChunkProgram Jvp(Topology topology)
    {
        var plan = new JvpPlan(topology);
        int End(int c) => Math.Min(Start(c + 1), topology.Count);
        return Compile(topology, plan.Layout, Chunks(topology), Start, k => plan.Key(Start(k), End(k)), k => plan.Chunk(Start(k), End(k)));
    }

    private static int Chunks(Topology topology) => (topology.Count + ChunkSize - 1) / ChunkSize;

    private static int Start(int chunk) => chunk * ChunkSize;

    /// <summary>
    /// Emits the chunks, once per distinct <paramref name="key"/> (chunks of the same shape at different origins
    /// share one method, since the code addresses nodes relative to its origin), and calls each method once on
    /// zeroed scratch buffers, in parallel: the first call is when the runtime JIT-compiles a dynamic method,
    /// and that is most of the cost.
    /// </summary>
    private static ChunkProgram Compile(Topology topology, Layout layout, int count, Func<int, int> start, Func<int, long[]> key, Func<int, Chunk> emit)
    {
        var origins = new int[count];
        var method = new int[count];
        var first = new Dictionary<long[], int>(KeyComparer.Instance);
        var distinct = new List<int>();
        for (var k = 0; k < count; k++)
        {
            origins[k] = layout.Before(start(k));
            var shape = key(k);
            if (!first.TryGetValue(shape, out method[k]))
            {
                first[shape] = method[k] = distinct.Count;
                distinct.Add(k);
            }
        }
        var methods = new Chunk[distinct.Count];
        var length = Math.Max(layout.Count, 1);
        Parallel.For(0, methods.Length,
            () => (new double[length], new double[length]),
            (m, _, scratch) =>
            {
                var k = distinct[m];
                var chunk = methods[m] = emit(k);
                fixed (double* values = scratch.Item1, others = scratch.Item2)
                    chunk(values + origins[k], others + origins[k]);
                return scratch;
            },
            _ => { });
        var inputs = Enumerable.Range(0, topology.Count).Where(i => topology.InputSlot[i] >= 0).Reverse().ToArray();
        int[] positions = [.. inputs.Select(i => layout.SlotOf[i])], slots = [.. inputs.Select(i => topology.InputSlot[i])];
        // Straight-line copies for up to Moves.Most inputs; beyond, compiling them would cost more than the loops they save.
        var straight = positions.Length <= Moves.Most;
        var gathers = straight ? Moves.Copies([.. slots.Zip(positions)], normalizeZero: false) : null;
        var scatters = straight && slots.Distinct().Count() == slots.Length ? Moves.Copies([.. positions.Zip(slots)], normalizeZero: true) : null;
        var names = Math.Max(topology.InputNames.Length, 1);
        if (gathers is not null) Warm(gathers, names, length);
        if (scatters is not null) Warm(scatters, length, names);
        return new ChunkProgram(
            [.. method.Select(m => methods[m])], origins, gathers, scatters, positions, slots, layout.SlotOf[topology.Count - 1], layout.Count, methods.Length);
    }

    /// <summary>Calls each copy once on scratch buffers of the given lengths, so that the JIT compiles it now.</summary>
    private static void Warm(Chunk[] pieces, int from, int to)
    {
        fixed (double* a = new double[from], b = new double[to])
        {
            foreach (var piece in pieces) piece(a, b);
        }
    }

    /// <summary>Compares chunk keys element by element.</summary>
    private sealed class KeyComparer : IEqualityComparer<long[]>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(long[]? x, long[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(long[] key)
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(key.AsSpan()));
            return hash.ToHashCode();
        }
    }

    /// <summary>
    /// What the code emitted for nodes [start, end) depends on, relative to <paramref name="start"/>: for each node its
    /// kind, its primitive (for the kinds that call rules), its arguments' offsets, its constant arguments' values,
    /// the slots of the node and its arguments relative to the chunk's first slot, and the <paramref name="flags"/>
    /// the plan decides by; the plan's <paramref name="role"/> for the chunk first.
    /// </summary>
    public static long[] Key(Topology t, Layout layout, NodeKind[] kinds, int[] primitiveIds, int start, int end, int role, Func<int, int> flags)
    {
        const int PerNode = 7;
        var origin = layout.Before(start);
        long Slot(int j) => j < 0 || layout.SlotOf[j] < 0 ? int.MinValue : layout.SlotOf[j] - origin;
        var key = new long[1 + PerNode * (end - start)];
        key[0] = ((long)(end - start) << 8) + role;
        for (var i = start; i < end; i++)
        {
            int f = t.First[i], s = t.Second[i], k = 1 + PerNode * (i - start);
            bool cf = f >= 0 && IsConstant(t, f), cs = s >= 0 && IsConstant(t, s);
            key[k] = (long)kinds[i] | (long)flags(i) << 8 | (cf ? 1L << 16 : 0) | (cs ? 1L << 17 : 0) | (long)primitiveIds[i] << 20;
            uint rf = (uint)(f < 0 ? int.MinValue : f - start), rs = (uint)(s < 0 ? int.MinValue : s - start);
            key[k + 1] = (long)(((ulong)rf << 32) | rs);
            key[k + 2] = cf ? BitConverter.DoubleToInt64Bits(((ConstantNode)t.Nodes[f]).Number) : 0;
            key[k + 3] = cs ? BitConverter.DoubleToInt64Bits(((ConstantNode)t.Nodes[s]).Number) : 0;
            key[k + 4] = Slot(i);
            key[k + 5] = Slot(f);
            key[k + 6] = Slot(s);
        }
        return key;
    }

    /// <summary>For each apply node of a rule-calling kind, a number per distinct primitive object; 0 otherwise.</summary>
    public static int[] PrimitiveIds(Topology t, NodeKind[] kinds)
    {
        var ids = new int[t.Count];
        var seen = new Dictionary<Primitive, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < ids.Length; i++)
        {
            if (kinds[i] is not (NodeKind.Unary or NodeKind.Binary)) continue;
            var primitive = ((ApplyNode)t.Nodes[i]).Primitive;
            if (!seen.TryGetValue(primitive, out ids[i])) seen[primitive] = ids[i] = seen.Count + 1;
        }
        return ids;
    }

    /// <summary>For each node, the position of its last user (the node itself when it has none).</summary>
    public static int[] LastUsers(Topology topology)
    {
        var last = new int[topology.Count];
        for (var i = 0; i < last.Length; i++)
        {
            last[i] = i;
            if (topology.First[i] >= 0) last[topology.First[i]] = i;
            if (topology.Second[i] >= 0) last[topology.Second[i]] = i;
        }
        return last;
    }

    public static bool IsConstant(Topology t, int i) => t.First[i] < 0 && t.InputSlot[i] < 0;

    /// <summary>Pushes the node's value from its arguments' values, as the interpreter computes it.</summary>
    public static void PushValue(ChunkEmitter e, NodeKind kind, Primitive primitive, Operand x, Operand y)
    {
        var il = e.IL;
        switch (kind)
        {
            case NodeKind.Add or NodeKind.Subtract or NodeKind.Multiply or NodeKind.Divide:
                x.Push(e);
                y.Push(e);
                il.Emit(kind switch { NodeKind.Add => OpCodes.Add, NodeKind.Subtract => OpCodes.Sub, NodeKind.Multiply => OpCodes.Mul, _ => OpCodes.Div });
                break;
            case NodeKind.Negate:
                x.Push(e);
                il.Emit(OpCodes.Neg);
                break;
            case NodeKind.Unary:
                e.Call(primitive.Raw!.UnaryValue!, x);
                break;
            default:
                e.Call(primitive.Raw!.BinaryValue!, x, y);
                break;
        }
    }
}

/// <summary>
/// Reads of node numbers within one chunk: constants are folded into the code, inputs and nodes of earlier
/// chunks are read from buffer <c>nodes</c> where they are used, the chunk's own nodes are locals.
/// </summary>
internal sealed class NodeReader(Topology t, int nodes, int start)
{
    private readonly LocalBuilder?[] locals = new LocalBuilder?[Compiler.ChunkSize];

    public Operand this[int j] =>
        Compiler.IsConstant(t, j) ? Operand.Of(((ConstantNode)t.Nodes[j]).Number)
        : t.InputSlot[j] >= 0 ? Operand.At(nodes, j)
        : j >= start && locals[j - start] is { } local ? Operand.Of(local)
        : Operand.At(nodes, j);

    /// <summary>A tangent read: a constant's tangent is zero.</summary>
    public Operand Zero(int j) => Compiler.IsConstant(t, j) ? Operand.Of(0) : this[j];

    public void Define(int j, LocalBuilder local) => locals[j - start] = local;

    /// <summary>Forgets node j's local (after it was given back) and returns it.</summary>
    public LocalBuilder? Forget(int j)
    {
        if (j < start || locals[j - start] is not { } local) return null;
        locals[j - start] = null;
        return local;
    }
}
