using System.Numerics.Tensors;

namespace FunctionalAD;

/// <summary>
/// A run of elementwise nodes of one shape evaluated as one pass over the elements, block by block: each block of
/// every node lives in a small array (or straight in the node's buffer when someone reads that value later), so the
/// values between the nodes stay in the cache instead of going through memory once per node. A member's value is
/// written to its buffer only when it is the run's output, when a forward-mode tangent sweep follows, or when a
/// pullback reads it (its own, for exp, tanh and ÷, which read their output; its consumer's, unless that is +, − or
/// negation, which read no argument). The block operations are the calls of <see cref="ElementwiseKernels.ValueInto"/>
/// on shorter spans: + − × ÷, negation, relu (IEEE maximum), log and tanh (scalar loops) give the same bits element by
/// element on any span, and a broadcast argument gathered into a block meets each element exactly as it would in
/// place. Exp is vectorised with a scalar fallback for spans shorter than a vector, so no block is shorter than
/// <see cref="MinimumBlock"/> unless the whole tensor is: every element takes the path it takes unfused, and the
/// plan keeps the interpreter's bits.
/// </summary>
internal sealed class FusedRun
{
    /// <summary>Elements per block: the blocks of a run of a few nodes stay in the first-level cache.</summary>
    public const int Block = 512;

    /// <summary>The shortest block: the widest vector of doubles (8 with AVX-512), so exp never takes its scalar tail.</summary>
    public const int MinimumBlock = 8;

    private readonly Op[] ops;
    private readonly int[] firsts, seconds; // per member: a member's position (≥ 0) or ~external (< 0); second −1 for a unary op
    private readonly bool[] writeForReverse;
    private readonly External[] externals;
    private readonly Shape shape;

    private FusedRun(int[] members, Op[] ops, int[] firsts, int[] seconds, bool[] writeForReverse, External[] externals, Shape shape)
    {
        Members = members;
        this.ops = ops;
        this.firsts = firsts;
        this.seconds = seconds;
        this.writeForReverse = writeForReverse;
        this.externals = externals;
        this.shape = shape;
    }

    /// <summary>The nodes of the run in topological order; the last is its output, the only one read outside it.</summary>
    public int[] Members { get; }

    /// <summary>Whether <paramref name="node"/> can join a run: an elementwise primitive the value kernels cover for its shapes.</summary>
    public static bool Fusible(Expr node) =>
        node is ApplyNode { Primitive: ElementwisePrimitive p } a && OpOf(p) is not null
        && ElementwiseKernels.Covers(p, a.First.Shape, a.Second?.Shape ?? Shape.Scalar, node.Shape);

    /// <summary>
    /// The runs of <paramref name="topology"/>: a node joins its consumer's run when both are fusible, of one shape,
    /// and every use of the node is by that consumer (and the node is not the graph's output). Runs of one node are left out.
    /// </summary>
    public static FusedRun?[] Plan(Topology topology)
    {
        var count = topology.Count;
        var consumer = new int[count]; // the one consumer, −1 for none yet, −2 for several
        Array.Fill(consumer, -1);
        for (var j = 0; j < count; j++)
        {
            foreach (var i in topology.ArgumentsOf(j))
                consumer[i] = consumer[i] == -1 || consumer[i] == j ? j : -2;
        }
        var fusible = Array.ConvertAll(topology.Nodes, Fusible);
        var root = new int[count];
        for (var i = 0; i < count; i++) root[i] = i;
        // Consumers come after their arguments: from the end, each node's root is known before its arguments are seen.
        for (var i = count - 2; i >= 0; i--)
        {
            var j = consumer[i];
            if (j >= 0 && fusible[i] && fusible[j] && topology.Nodes[i].Shape == topology.Nodes[j].Shape) root[i] = root[j];
        }
        var members = new List<int>?[count];
        for (var i = 0; i < count; i++)
            if (fusible[i]) (members[root[i]] ??= []).Add(i);
        var runs = new FusedRun?[count];
        for (var r = 0; r < count; r++)
            if (members[r] is { Count: > 1 } list) runs[r] = Build(topology, [.. list], consumer);
        return runs;
    }

    private static FusedRun Build(Topology topology, int[] members, int[] consumer)
    {
        var shape = topology.Nodes[members[^1]].Shape;
        var position = members.Select((node, k) => (node, k)).ToDictionary(p => p.node, p => p.k);
        var externals = new List<External>();
        int Source(int node)
        {
            if (position.TryGetValue(node, out var k)) return k;
            var operand = topology.Nodes[node].Shape;
            var map = operand == shape || operand.IsScalar ? null : Broadcasting.Map(operand, shape);
            externals.Add(new External(node, operand.IsScalar ? Mode.Scalar : map is null ? Mode.Full : Mode.Mapped, map));
            return ~(externals.Count - 1);
        }
        var n = members.Length;
        var (ops, firsts, seconds, write) = (new Op[n], new int[n], new int[n], new bool[n]);
        for (var k = 0; k < n; k++) ops[k] = OpOf(((ApplyNode)topology.Nodes[members[k]]).Primitive)!.Value;
        for (var k = 0; k < n; k++)
        {
            var i = members[k];
            firsts[k] = Source(topology.First[i]);
            seconds[k] = topology.Second[i] < 0 ? -1 : Source(topology.Second[i]);
            if (seconds[k] == -1 && ops[k] >= Op.Add) throw new InvalidOperationException("A binary elementwise node has one argument.");
            write[k] = k == n - 1 || ReadsOutput(ops[k]) || ReadsArguments(ops[position[consumer[i]]]);
        }
        return new(members, ops, firsts, seconds, write, [.. externals], shape);
    }

    /// <summary>The per-thread block arrays of this run: one per member and one per broadcast argument.</summary>
    public double[][] NewBlocks()
    {
        var blocks = new double[Members.Length + externals.Length][];
        var size = Math.Min(shape.Count, Block + MinimumBlock);
        for (var k = 0; k < blocks.Length; k++) blocks[k] = k < Members.Length || externals[k - Members.Length].Mode != Mode.Full ? new double[size] : [];
        return blocks;
    }

    /// <summary>
    /// Evaluates the run over <paramref name="values"/>, writing into <paramref name="buffers"/> the members that must
    /// be kept (all of them when <paramref name="reverse"/> is false: a tangent sweep reads every value) and setting
    /// every member's entry of <paramref name="values"/> to a tensor over its buffer.
    /// </summary>
    public void Run(Tensor[] values, double[]?[] buffers, double[][] blocks, bool reverse)
    {
        var (n, count) = (Members.Length, shape.Count);
        var targets = new double[n][];
        for (var k = 0; k < n; k++) targets[k] = !reverse || writeForReverse[k] ? buffers[Members[k]]! : blocks[k];
        for (var start = 0; start < count;)
        {
            // The last block takes a short remainder along, so no block but a whole tensor is under MinimumBlock.
            var length = count - start <= Block + MinimumBlock ? count - start : Block;
            for (var e = 0; e < externals.Length; e++) Gather(externals[e], values[externals[e].Node], blocks[n + e], start, length);
            for (var k = 0; k < n; k++)
            {
                var target = targets[k];
                var result = ReferenceEquals(target, blocks[k]) ? target.AsSpan(0, length) : target.AsSpan(start, length);
                var a = Operand(firsts[k], targets, blocks, values, start, length);
                if (ops[k] < Op.Add) Unary(ops[k], a, result);
                else Binary(ops[k], a, Operand(seconds[k], targets, blocks, values, start, length), result);
            }
            start += length;
        }
        for (var k = 0; k < n; k++) values[Members[k]] = new Tensor(shape, buffers[Members[k]]!);
    }

    private ReadOnlySpan<double> Operand(int source, double[][] targets, double[][] blocks, Tensor[] values, int start, int length)
    {
        if (source >= 0)
            return ReferenceEquals(targets[source], blocks[source]) ? blocks[source].AsSpan(0, length) : targets[source].AsSpan(start, length);
        var e = ~source;
        return externals[e].Mode == Mode.Full
            ? values[externals[e].Node].Storage.AsSpan(start, length)
            : blocks[Members.Length + e].AsSpan(0, length);
    }

    private static void Gather(External external, Tensor value, double[] block, int start, int length)
    {
        switch (external.Mode)
        {
            case Mode.Scalar:
                block.AsSpan(0, length).Fill(value.ToScalar());
                break;
            case Mode.Mapped:
                var (storage, map) = (value.Storage, external.Map!);
                for (var k = 0; k < length; k++) block[k] = storage[map[start + k]];
                break;
        }
    }

    private static void Unary(Op op, ReadOnlySpan<double> x, Span<double> result)
    {
        switch (op)
        {
            case Op.Negate: TensorPrimitives.Negate(x, result); break;
            case Op.Exp: TensorPrimitives.Exp(x, result); break;
            case Op.Relu: TensorPrimitives.Max(x, 0.0, result); break;
            case Op.Log:
                for (var k = 0; k < result.Length; k++) result[k] = Math.Log(x[k]);
                break;
            default:
                for (var k = 0; k < result.Length; k++) result[k] = Math.Tanh(x[k]);
                break;
        }
    }

    private static void Binary(Op op, ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> result)
    {
        switch (op)
        {
            case Op.Add: TensorPrimitives.Add(x, y, result); break;
            case Op.Subtract: TensorPrimitives.Subtract(x, y, result); break;
            case Op.Multiply: TensorPrimitives.Multiply(x, y, result); break;
            default: TensorPrimitives.Divide(x, y, result); break;
        }
    }

    /// <summary>Exp, tanh and ÷ pull back through their output (eˣ, 1 − z², −z/y).</summary>
    private static bool ReadsOutput(Op op) => op is Op.Exp or Op.Tanh or Op.Divide;

    /// <summary>+, − and negation pull back without their arguments' values; the others read them.</summary>
    private static bool ReadsArguments(Op op) => op is not (Op.Add or Op.Subtract or Op.Negate);

    private static Op? OpOf(Primitive p) =>
        ReferenceEquals(p, Primitives.Negate) ? Op.Negate
        : ReferenceEquals(p, Primitives.Exp) ? Op.Exp
        : ReferenceEquals(p, Primitives.Log) ? Op.Log
        : ReferenceEquals(p, Primitives.Tanh) ? Op.Tanh
        : ReferenceEquals(p, Primitives.Relu) ? Op.Relu
        : ReferenceEquals(p, Primitives.Add) ? Op.Add
        : ReferenceEquals(p, Primitives.Subtract) ? Op.Subtract
        : ReferenceEquals(p, Primitives.Multiply) ? Op.Multiply
        : ReferenceEquals(p, Primitives.Divide) ? Op.Divide
        : null;

    /// <summary>An argument from outside the run: the node, and how its elements meet the run's (a map for a broadcast).</summary>
    private sealed record External(int Node, Mode Mode, int[]? Map);

    private enum Mode
    {
        Full,
        Scalar,
        Mapped,
    }

    private enum Op
    {
        Negate,
        Exp,
        Log,
        Tanh,
        Relu,
        Add,
        Subtract,
        Multiply,
        Divide,
    }
}
