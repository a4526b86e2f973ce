using System.Reflection.Emit;

namespace FunctionalAD;

/// <summary>
/// Turns a <see cref="Topology"/> into chunks of straight-line code (<see cref="ChunkEmitter"/>). Each chunk
/// covers at most <see cref="ChunkSize"/> consecutive nodes, keeps the values, tangents and adjoints of its
/// own nodes in locals and exchanges the rest through shared arrays, so that no method grows past the size
/// where the JIT stops optimising, and compile time stays linear in the size of the graph. The code performs
/// the interpreter's floating-point operations in the interpreter's order (<see cref="Interpreter"/>), so its
/// results are the same bit for bit.
/// </summary>
internal static class Compiler
{
    /// <summary>Nodes per chunk: small enough that the JIT optimises each chunk fully.</summary>
    public const int ChunkSize = 64;

    // Arrays of a gradient chunk.
    private const int InputValues = 0, NodeValues = 1, NodeAdjoints = 2, InputAdjoints = 3;

    // Arrays of a JVP chunk.
    private const int JvpInputValues = 0, JvpInputTangents = 1, JvpNodeValues = 2, JvpNodeTangents = 3;

    /// <summary>The chunks of a gradient: forward chunks in order, then backward chunks in order of execution.</summary>
    /// <remarks>Arrays: input values, node values, node adjoints, input adjoints (zeros on entry).</remarks>
    public static (Chunk[] Forward, Chunk[] Backward)
        Gradient(Topology topology)
    {
        var lastUser = LastUsers(topology);
        var starts = Starts(topology);
        var forward = starts.Select(a => ValuesChunk(topology, lastUser, a, Math.Min(a + ChunkSize, topology.Count))).ToArray();
        var backward = starts.Reverse().Select(a => AdjointsChunk(topology, lastUser, a, Math.Min(a + ChunkSize, topology.Count))).ToArray();
        return (forward, backward);
    }

    /// <summary>The chunks of a JVP, in order.</summary>
    /// <remarks>Arrays: input values, input tangents, node values, node tangents.</remarks>
    public static Chunk[] Jvp(Topology topology)
    {
        var lastUser = LastUsers(topology);
        return [.. Starts(topology).Select(a => TangentsChunk(topology, lastUser, a, Math.Min(a + ChunkSize, topology.Count)))];
    }

    private static IEnumerable<int> Starts(Topology topology) =>
        Enumerable.Range(0, (topology.Count + ChunkSize - 1) / ChunkSize).Select(k => k * ChunkSize);

    /// <summary>For each node, the position of its last user (the node itself when it has none).</summary>
    private static int[] LastUsers(Topology topology)
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

    private static bool IsConstant(Topology t, int i) => t.First[i] < 0 && t.InputSlot[i] < 0;

    /// <summary>
    /// Reads of node numbers within one chunk: constants are folded into the code, the chunk's own nodes are
    /// locals, other nodes are loaded once by the prologue from <c>array</c>.
    /// </summary>
    private sealed class Reader(Topology t, ChunkEmitter emitter, int array)
    {
        private readonly Dictionary<int, LocalBuilder> locals = [];

        public Operand this[int j] =>
            IsConstant(t, j) ? Operand.Of(((ConstantNode)t.Nodes[j]).Value)
            : Operand.Of(locals.TryGetValue(j, out var local) ? local : locals[j] = emitter.Preload(array, j));

        public Operand Zero(int j) => IsConstant(t, j) ? Operand.Of(0) : this[j];

        public void Define(int j, LocalBuilder local) => locals[j] = local;
    }

    /// <summary>Pushes the node's value from its arguments' values, as the interpreter computes it.</summary>
    private static void PushValue(ChunkEmitter e, Primitive primitive, Operand x, Operand? y)
    {
        switch (primitive.Raw)
        {
            case { UnaryValue: { } unary }:
                e.Call(unary, x);
                break;
            case { BinaryValue: { } binary }:
                e.Call(binary, x, y!.Value);
                break;
            default:
                e.CallMethod(primitive, nameof(Primitive.Value), x, y ?? Operand.Of(0));
                break;
        }
    }

    /// <summary>
    /// Forward chunk of a gradient: every value of nodes [start, end) into the node values, and a zero into the
    /// node adjoints for each node a later backward chunk adds to (so that array need not be cleared beforehand).
    /// </summary>
    private static Chunk ValuesChunk(Topology t, int[] lastUser, int start, int end)
    {
        var e = new ChunkEmitter();
        var read = new Reader(t, e, NodeValues);
        for (var i = start; i < end; i++)
        {
            if (IsConstant(t, i)) continue;
            var local = e.Local();
            if (t.First[i] < 0) e.LoadElement(InputValues, t.InputSlot[i]);
            else PushValue(e, ((ApplyNode)t.Nodes[i]).Primitive, read[t.First[i]], t.Second[i] < 0 ? null : read[t.Second[i]]);
            e.IL.Emit(OpCodes.Stloc, local);
            e.StoreElement(NodeValues, i, local);
            if (lastUser[i] >= end) e.StoreElement(NodeAdjoints, i, 0.0);
            read.Define(i, local);
        }
        return e.Finish();
    }

    /// <summary>
    /// Backward chunk of a gradient for nodes [start, end), from the last down: adjoints of the chunk's own
    /// nodes live in locals (starting from what later chunks left in the node adjoints), contributions to
    /// earlier nodes go to the node adjoints array.
    /// </summary>
    private static Chunk AdjointsChunk(Topology t, int[] lastUser, int start, int end)
    {
        var e = new ChunkEmitter();
        var il = e.IL;
        var read = new Reader(t, e, NodeValues);
        var adjoints = new Dictionary<int, LocalBuilder>();
        for (var i = start; i < end; i++)
        {
            if (IsConstant(t, i)) continue;
            adjoints[i] = i == t.Count - 1 ? e.Preset(1) : lastUser[i] >= end ? e.Preload(NodeAdjoints, i) : e.Preset(0);
        }
        var contribution = e.Local();
        void AddTo(int j)
        {
            if (adjoints.TryGetValue(j, out var local)) e.AddToLocal(local, contribution);
            else e.AddToElement(NodeAdjoints, j, contribution);
        }

        LocalBuilder? pair = null, cotangents = null;
        for (var i = end - 1; i >= start; i--)
        {
            if (IsConstant(t, i)) continue;
            var adjoint = adjoints[i];
            if (t.First[i] < 0)
            {
                e.AddToElement(InputAdjoints, t.InputSlot[i], adjoint);
                continue;
            }
            int f = t.First[i], s = t.Second[i];
            bool toFirst = !IsConstant(t, f), toSecond = s >= 0 && !IsConstant(t, s);
            if (!toFirst && !toSecond) continue; // contributions to constants go nowhere
            var primitive = ((ApplyNode)t.Nodes[i]).Primitive;
            var direction = Operand.Of(adjoint);

            // A zero adjoint is never multiplied into a rule, as in the interpreter.
            var skip = il.DefineLabel();
            il.Emit(OpCodes.Ldloc, adjoint);
            il.Emit(OpCodes.Ldc_R8, 0.0);
            il.Emit(OpCodes.Beq, skip);
            switch (primitive.Raw)
            {
                case { Derivative: { } derivative }:
                    e.Call(derivative, read[f], read[i]);
                    e.StoreTimes(direction, contribution);
                    AddTo(f);
                    break;
                case { Partials: { } partials }:
                    pair ??= e.Local(typeof(ValueTuple<double, double>));
                    e.Call(partials, read[f], read[s], read[i]);
                    il.Emit(OpCodes.Stloc, pair);
                    if (toFirst)
                    {
                        il.Emit(OpCodes.Ldloc, pair);
                        il.Emit(OpCodes.Ldfld, typeof(ValueTuple<double, double>).GetField("Item1")!);
                        e.StoreTimes(direction, contribution);
                        AddTo(f);
                    }
                    if (toSecond)
                    {
                        il.Emit(OpCodes.Ldloc, pair);
                        il.Emit(OpCodes.Ldfld, typeof(ValueTuple<double, double>).GetField("Item2")!);
                        e.StoreTimes(direction, contribution);
                        AddTo(s);
                    }
                    break;
                default:
                    cotangents ??= e.Local(typeof(Cotangents));
                    e.CallMethod(primitive, nameof(Primitive.Vjp), read[f], s < 0 ? Operand.Of(0) : read[s], read[i]);
                    il.Emit(OpCodes.Ldloc, adjoint);
                    il.Emit(OpCodes.Callvirt, typeof(Pullback).GetMethod(nameof(Pullback.Invoke))!);
                    il.Emit(OpCodes.Stloc, cotangents);
                    if (toFirst)
                    {
                        il.Emit(OpCodes.Ldloca, cotangents);
                        il.Emit(OpCodes.Call, typeof(Cotangents).GetProperty(nameof(Cotangents.First))!.GetMethod!);
                        il.Emit(OpCodes.Stloc, contribution);
                        AddTo(f);
                    }
                    if (toSecond)
                    {
                        il.Emit(OpCodes.Ldloca, cotangents);
                        il.Emit(OpCodes.Call, typeof(Cotangents).GetProperty(nameof(Cotangents.Second))!.GetMethod!);
                        il.Emit(OpCodes.Stloc, contribution);
                        AddTo(s);
                    }
                    break;
            }
            il.MarkLabel(skip);
        }
        return e.Finish();
    }

    /// <summary>Chunk of a JVP: values and tangents of nodes [start, end); those used by later chunks go to the node arrays.</summary>
    private static Chunk TangentsChunk(Topology t, int[] lastUser, int start, int end)
    {
        var e = new ChunkEmitter();
        var il = e.IL;
        var values = new Reader(t, e, JvpNodeValues);
        var tangents = new Reader(t, e, JvpNodeTangents);
        var term = e.Local();
        LocalBuilder? pair = null;
        for (var i = start; i < end; i++)
        {
            if (IsConstant(t, i)) continue;
            var (value, tangent) = (e.Local(), e.Local());
            if (t.First[i] < 0)
            {
                e.LoadElement(JvpInputValues, t.InputSlot[i]);
                il.Emit(OpCodes.Stloc, value);
                e.LoadElement(JvpInputTangents, t.InputSlot[i]);
                il.Emit(OpCodes.Stloc, tangent);
            }
            else
            {
                int f = t.First[i], s = t.Second[i];
                var primitive = ((ApplyNode)t.Nodes[i]).Primitive;
                Operand x = values[f], dx = tangents.Zero(f);
                Operand? y = s < 0 ? null : values[s];
                var dy = s < 0 ? Operand.Of(0) : tangents.Zero(s);
                PushValue(e, primitive, x, y);
                il.Emit(OpCodes.Stloc, value);

                // A node none of whose arguments moves does not move: no rule is asked, as in the interpreter.
                Label moves = il.DefineLabel(), done = il.DefineLabel();
                dx.Push(il);
                il.Emit(OpCodes.Ldc_R8, 0.0);
                il.Emit(OpCodes.Bne_Un, moves);
                dy.Push(il);
                il.Emit(OpCodes.Ldc_R8, 0.0);
                il.Emit(OpCodes.Bne_Un, moves);
                il.Emit(OpCodes.Ldc_R8, 0.0);
                il.Emit(OpCodes.Stloc, tangent);
                il.Emit(OpCodes.Br, done);
                il.MarkLabel(moves);
                switch (primitive.Raw)
                {
                    case { Derivative: { } derivative }:
                        e.Call(derivative, x, Operand.Of(value));
                        e.StoreTimes(dx, tangent);
                        break;
                    case { Partials: { } partials }:
                        pair ??= e.Local(typeof(ValueTuple<double, double>));
                        e.Call(partials, x, y!.Value, Operand.Of(value));
                        il.Emit(OpCodes.Stloc, pair);
                        il.Emit(OpCodes.Ldloc, pair);
                        il.Emit(OpCodes.Ldfld, typeof(ValueTuple<double, double>).GetField("Item1")!);
                        e.StoreTimes(dx, tangent);
                        il.Emit(OpCodes.Ldloc, pair);
                        il.Emit(OpCodes.Ldfld, typeof(ValueTuple<double, double>).GetField("Item2")!);
                        e.StoreTimes(dy, term);
                        e.AddToLocal(tangent, term);
                        break;
                    default:
                        e.CallMethod(primitive, nameof(Primitive.Jvp), x, y ?? Operand.Of(0), Operand.Of(value), dx, dy);
                        il.Emit(OpCodes.Stloc, tangent);
                        break;
                }
                il.MarkLabel(done);
            }
            values.Define(i, value);
            tangents.Define(i, tangent);
            if (lastUser[i] >= end || i == t.Count - 1)
            {
                e.StoreElement(JvpNodeValues, i, value);
                e.StoreElement(JvpNodeTangents, i, tangent);
            }
        }
        return e.Finish();
    }
}
