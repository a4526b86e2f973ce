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
    /// <summary>Nodes per chunk: small enough that the JIT optimises each chunk fully.</summary>
    public const int ChunkSize = 256;

    /// <summary>The chunks of a gradient, in order of execution: forward chunks, then backward chunks.</summary>
    /// <remarks>Arrays: input values, node values, node adjoints, input adjoints (zeros on entry).</remarks>
    public static Chunk[] Gradient(Topology topology)
    {
        var plan = new GradientPlan(topology);
        var count = Chunks(topology);
        // Forward chunks 0 … count − 2, the last chunk forward and backward in one method, then backward chunks count − 2 … 0.
        return Compile(2 * count - 1, k => k < count - 1 ? plan.Forward(Start(k), Start(k + 1))
            : k == count - 1 ? plan.Last(Start(k), topology.Count)
            : plan.Backward(Start(2 * count - 2 - k), Start(2 * count - 1 - k)),
            [topology.InputNames.Length, topology.Count, topology.Count, topology.InputNames.Length]);
    }

    /// <summary>The chunks of a JVP, in order.</summary>
    /// <remarks>Arrays: input values, input tangents, node values, node tangents.</remarks>
    public static Chunk[] Jvp(Topology topology)
    {
        var plan = new JvpPlan(topology);
        return Compile(Chunks(topology), k => plan.Chunk(Start(k), Math.Min(Start(k + 1), topology.Count)),
            [topology.InputNames.Length, topology.InputNames.Length, topology.Count, topology.Count]);
    }

    private static int Chunks(Topology topology) => (topology.Count + ChunkSize - 1) / ChunkSize;

    private static int Start(int chunk) => chunk * ChunkSize;

    /// <summary>
    /// Emits every chunk and calls it once on zeroed scratch buffers of the given lengths, in parallel: the
    /// first call is when the runtime JIT-compiles a dynamic method, and that is most of the cost.
    /// </summary>
    private static Chunk[] Compile(int count, Func<int, Chunk> emit, int[] lengths)
    {
        var chunks = new Chunk[count];
        Parallel.For(0, count,
            () => (Scratch(lengths[0]), Scratch(lengths[1]), Scratch(lengths[2]), Scratch(lengths[3])),
            (k, _, scratch) =>
            {
                var chunk = chunks[k] = emit(k);
                fixed (double* a = scratch.Item1, b = scratch.Item2, c = scratch.Item3, d = scratch.Item4)
                    chunk(a, b, c, d);
                return scratch;
            },
            _ => { });
        return chunks;
    }

    private static double[] Scratch(int length) => new double[Math.Max(length, 1)];

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
            case NodeKind.Binary:
                e.Call(primitive.Raw!.BinaryValue!, x, y);
                break;
            default:
                e.CallMethod(primitive, nameof(Primitive.Value), x, y);
                break;
        }
    }
}

/// <summary>
/// Reads of node numbers within one chunk: constants are folded into the code, inputs are read from buffer
/// <c>inputs</c> and other nodes of earlier chunks from buffer <c>nodes</c>, where they are used; the chunk's own
/// nodes are locals.
/// </summary>
internal sealed class NodeReader(Topology t, int inputs, int nodes, int start)
{
    private readonly LocalBuilder?[] locals = new LocalBuilder?[Compiler.ChunkSize];

    public Operand this[int j] =>
        Compiler.IsConstant(t, j) ? Operand.Of(((ConstantNode)t.Nodes[j]).Value)
        : t.InputSlot[j] >= 0 ? Operand.At(inputs, t.InputSlot[j])
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
