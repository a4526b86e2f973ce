using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace FunctionalAD;

/// <summary>
/// The mutable builder behind <see cref="FlatGraph.Trace(Func{FlatExpr, FlatExpr}, string)"/>: each operation on a
/// <see cref="FlatExpr"/> appends an opcode, its argument positions and a slot (an input's name, a constant's number or
/// the primitive applied) to growing arrays, so a traced node costs 13 bytes and no object. Constants with the same bits
/// are one node. It belongs to one trace, on one thread, and refuses every operation once the trace has finished.
/// </summary>
internal sealed class FlatTape
{
    /// <summary>The primitives the operators apply, at fixed slots so that an operator needs no lookup.</summary>
    internal static readonly ImmutableArray<Primitive> Common =
        [Primitives.Add, Primitives.Subtract, Primitives.Multiply, Primitives.Divide, Primitives.Negate, Primitives.Sin, Primitives.Cos, Primitives.Exp, Primitives.Tanh];

    /// <summary>The interpreter's opcode of each of <see cref="Common"/>.</summary>
    internal static readonly Opcode[] CommonOpcodes = [.. Common.Select(p => p.Raw!.Opcode)];

    internal const int AddSlot = 0, SubtractSlot = 1, MultiplySlot = 2, DivideSlot = 3, NegateSlot = 4, SinSlot = 5, CosSlot = 6, ExpSlot = 7, TanhSlot = 8;

    private int[] first, second, slots;
    private Opcode[] opcodes;
    // How many nodes use each node, saturating at 3: what decides whether the creation order can be kept (see Finish).
    private byte[] uses;
    private int count;

    private readonly List<double> numbers = [];
    private readonly Dictionary<long, int> constantNodes = [];
    private long lastBits;
    private int lastConstant = -1;
    private readonly List<Primitive> primitives = [.. Common];
    private readonly Dictionary<Primitive, int> primitiveSlots;
    private readonly ImmutableArray<string> names;

    /// <summary>A tape for a trace whose inputs are <paramref name="names"/>, in ordinal order.</summary>
    public FlatTape(ImmutableArray<string> names, int capacity = 1024)
    {
        this.names = names;
        first = new int[capacity];
        second = new int[capacity];
        slots = new int[capacity];
        opcodes = new Opcode[capacity];
        uses = new byte[capacity];
        primitiveSlots = new(ReferenceEqualityComparer.Instance);
        for (var k = 0; k < Common.Length; k++) primitiveSlots.Add(Common[k], k);
    }

    /// <summary>Whether the trace has finished: then every operation on its values is refused.</summary>
    public bool Finished => finished;

    private bool finished;

    /// <summary>The input node of the name at <paramref name="slot"/> in the ordinal order.</summary>
    public int Input(int slot) => Append(Opcode.Input, -1, -1, slot);

    /// <summary>The constant node with the bits of <paramref name="value"/>, appended the first time it is asked for.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Constant(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        if (lastConstant >= 0 && bits == lastBits) return lastConstant; // a loop's step uses the same constants again and again
        if (!constantNodes.TryGetValue(bits, out var node))
        {
            node = Append(Opcode.Constant, -1, -1, ~numbers.Count);
            numbers.Add(value);
            constantNodes.Add(bits, node);
        }
        (lastBits, lastConstant) = (bits, node);
        return node;
    }

    /// <summary>The slot of <paramref name="primitive"/> among the primitives applied.</summary>
    public int SlotOf(Primitive primitive)
    {
        if (!primitiveSlots.TryGetValue(primitive, out var slot))
        {
            slot = primitives.Count;
            primitives.Add(primitive);
            primitiveSlots.Add(primitive, slot);
        }
        return slot;
    }

    /// <summary>An application of the primitive at <paramref name="slot"/> to the nodes <paramref name="x"/> and <paramref name="y"/> (−1 for none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Apply(Opcode opcode, int slot, int x, int y)
    {
        var node = Append(opcode, x, y, ~slot);
        if (uses[x] < 3) uses[x]++;
        if (y >= 0 && uses[y] < 3) uses[y]++;
        return node;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Append(Opcode opcode, int x, int y, int slot)
    {
        if (finished) throw FlatExpr.AfterTrace();
        var i = count;
        if (i == opcodes.Length) Grow();
        opcodes[i] = opcode;
        first[i] = x;
        second[i] = y;
        slots[i] = slot;
        count = i + 1;
        return i;
    }

    private void Grow()
    {
        if (count == Array.MaxLength)
            throw new InvalidOperationException($"A flat graph holds at most {Array.MaxLength:N0} nodes.");
        // Fourfold up to 16M nodes, then twofold: fewer outgrown arrays to copy and leave to the collector (each one
        // fresh memory to touch), while capacity never written is only reserved, not in the working set.
        var capacity = (int)Math.Min((count < 1 << 24 ? 4L : 2L) * count, Array.MaxLength);
        // Every entry below count is copied and every one above is written before it is read: no need to clear them.
        first = Grown(first, capacity);
        second = Grown(second, capacity);
        slots = Grown(slots, capacity);
        opcodes = Grown(opcodes, capacity);
        var counted = new byte[capacity];
        uses.AsSpan(0, count).CopyTo(counted);
        uses = counted;
    }

    private T[] Grown<T>(T[] old, int capacity)
    {
        var grown = GC.AllocateUninitializedArray<T>(capacity);
        old.AsSpan(0, count).CopyTo(grown);
        return grown;
    }

    /// <summary>
    /// Ends the trace with <paramref name="root"/> as the output and lays the nodes out. The creation order is kept when
    /// no node is left unused and none is used more than twice: the sweeps then give the same numbers, bit for bit, as in
    /// the order an <see cref="Expr"/> graph is laid out (a sum of two adjoints does not depend on their order). Otherwise
    /// the nodes reachable from the root are renumbered into that order (<see cref="PostOrder"/>), as an Expr graph's are.
    /// </summary>
    public Topology Finish(int root)
    {
        finished = true;
        var keep = root == count - 1;
        for (var i = 0; i < count && keep; i++)
            keep = i == root || opcodes[i] == Opcode.Constant || uses[i] is 1 or 2;
        uses = [];
        return keep
            ? new Topology(count, first, second, slots, opcodes, names, [.. numbers], [.. primitives])
            : Renumbered(root);
    }

    /// <summary>The nodes reachable from <paramref name="root"/> in the depth-first post-order (first argument first) of <see cref="PostOrder"/>.</summary>
    private Topology Renumbered(int root)
    {
        var position = PostOrder.Positions(new ArrayArguments(first, second), count, root, out var next);

        var newFirst = new int[next];
        var newSecond = new int[next];
        var newSlots = new int[next];
        var newOpcodes = new Opcode[next];
        var used = new bool[names.Length];
        for (var c = 0; c < count; c++)
        {
            var p = position[c];
            if (p < 0) continue;
            newOpcodes[p] = opcodes[c];
            newFirst[p] = first[c] < 0 ? -1 : position[first[c]];
            newSecond[p] = second[c] < 0 ? -1 : position[second[c]];
            newSlots[p] = slots[c];
            if (opcodes[c] == Opcode.Input) used[slots[c]] = true;
        }
        // Only the inputs the output depends on are the graph's inputs, as for an Expr graph.
        var rank = new int[names.Length];
        var kept = ImmutableArray.CreateBuilder<string>();
        for (var k = 0; k < names.Length; k++)
        {
            rank[k] = used[k] ? kept.Count : -1;
            if (used[k]) kept.Add(names[k]);
        }
        for (var p = 0; p < next; p++)
            if (newOpcodes[p] == Opcode.Input) newSlots[p] = rank[newSlots[p]];
        return new Topology(next, newFirst, newSecond, newSlots, newOpcodes, kept.ToImmutable(), [.. numbers], [.. primitives]);
    }
}
