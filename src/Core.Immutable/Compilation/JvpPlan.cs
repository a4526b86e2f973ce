using System.Reflection.Emit;

namespace FunctionalAD;

/// <summary>
/// Emits the chunks of a compiled JVP (<see cref="Compiler.Jvp"/>). Buffers: input values, input tangents,
/// node values, node tangents. Each chunk computes the values and tangents of its nodes in locals and stores
/// those that later chunks read; arithmetic is emitted as opcodes, with the interpreter's strong-zero products
/// and its rule that a node none of whose arguments moves does not move.
/// </summary>
internal sealed class JvpPlan
{
    private const int NodeValues = 0, NodeTangents = 1;

    private readonly Topology t;
    private readonly NodeKind[] kinds;
    private readonly int[] lastUser;
    private readonly int[] primitiveIds;

    public JvpPlan(Topology topology)
    {
        t = topology;
        kinds = NodeKinds.Of(topology);
        lastUser = Compiler.LastUsers(topology);
        primitiveIds = Compiler.PrimitiveIds(topology, kinds);
        Layout = new Layout(t.Count, i => !Compiler.IsConstant(t, i)
            && (kinds[i] == NodeKind.Input || i == t.Count - 1 || lastUser[i] >= Layout.ChunkEnd(i, t.Count)));
    }

    /// <summary>Where the chunks keep numbers in memory.</summary>
    public Layout Layout { get; }

    /// <summary>What the chunk of nodes [start, end) is emitted from.</summary>
    public long[] Key(int start, int end) =>
        Compiler.Key(t, Layout, kinds, primitiveIds, start, end, 0, i => lastUser[i] >= end || i == t.Count - 1 ? 1 : 0);

    /// <summary>The chunk of nodes [start, end).</summary>
    public Chunk Chunk(int start, int end)
    {
        var e = new ChunkEmitter(Layout, start);
        var il = e.IL;
        var values = new NodeReader(t, NodeValues, start);
        var tangents = new NodeReader(t, NodeTangents, start);
        var lastRead = new int[end - start];
        Array.Fill(lastRead, -1);
        for (var u = start; u < end; u++)
        {
            if (t.First[u] >= start) lastRead[t.First[u] - start] = u;
            if (t.Second[u] >= start) lastRead[t.Second[u] - start] = u;
        }
        LocalBuilder? pair = null;
        for (var i = start; i < end; i++)
        {
            var kind = kinds[i];
            if (kind == NodeKind.Constant) continue;
            int f = t.First[i], s = t.Second[i];
            if (kind == NodeKind.Input) continue; // gathered into the node buffers by the caller, read where used
            var (value, tangent) = (e.Local(), e.Local());
            var primitive = ((ApplyNode)t.Nodes[i]).Primitive;
            Operand x = values[f], y = s < 0 ? Operand.Of(0) : values[s];
            Operand dx = tangents.Zero(f), dy = s < 0 ? Operand.Of(0) : tangents.Zero(s);
            Compiler.PushValue(e, kind, primitive, x, y);
            e.Store(value);
            var z = Operand.Of(value);

            // A node none of whose arguments moves does not move: no rule is asked, as in the interpreter.
            Label moves = il.DefineLabel(), done = il.DefineLabel();
            dx.Push(e);
            il.Emit(OpCodes.Ldc_R8, 0.0);
            il.Emit(OpCodes.Bne_Un, moves);
            dy.Push(e);
            il.Emit(OpCodes.Ldc_R8, 0.0);
            il.Emit(OpCodes.Bne_Un, moves);
            il.Emit(OpCodes.Ldc_R8, 0.0);
            e.Store(tangent);
            il.Emit(OpCodes.Br, done);
            il.MarkLabel(moves);
            switch (kind)
            {
                case NodeKind.Add or NodeKind.Subtract:
                    Sum(e, tangent, () => il.Emit(OpCodes.Ldc_R8, 1.0), dx, () => il.Emit(OpCodes.Ldc_R8, kind == NodeKind.Add ? 1.0 : -1.0), dy);
                    break;
                case NodeKind.Multiply:
                    Sum(e, tangent, () => y.Push(e), dx, () => x.Push(e), dy);
                    break;
                case NodeKind.Divide:
                    Sum(e, tangent, () => { il.Emit(OpCodes.Ldc_R8, 1.0); y.Push(e); il.Emit(OpCodes.Div); }, dx,
                        () => { z.Push(e); il.Emit(OpCodes.Neg); y.Push(e); il.Emit(OpCodes.Div); }, dy);
                    break;
                case NodeKind.Negate:
                    il.Emit(OpCodes.Ldc_R8, -1.0);
                    e.Times(dx);
                    e.Store(tangent);
                    break;
                case NodeKind.Unary:
                    e.Call(primitive.Raw!.Derivative!, x, z);
                    e.Times(dx);
                    e.Store(tangent);
                    break;
                default:
                    pair ??= il.DeclareLocal(typeof(ValueTuple<double, double>));
                    e.Call(primitive.Raw!.Partials!, x, y, z);
                    il.Emit(OpCodes.Stloc, pair);
                    Sum(e, tangent, () => { il.Emit(OpCodes.Ldloc, pair); il.Emit(OpCodes.Ldfld, typeof(ValueTuple<double, double>).GetField("Item1")!); }, dx,
                        () => { il.Emit(OpCodes.Ldloc, pair); il.Emit(OpCodes.Ldfld, typeof(ValueTuple<double, double>).GetField("Item2")!); }, dy);
                    break;
            }
            il.MarkLabel(done);
            values.Define(i, value);
            tangents.Define(i, tangent);
            if (lastUser[i] >= end || i == t.Count - 1)
            {
                e.StoreElement(NodeValues, i, Operand.Of(value));
                e.StoreElement(NodeTangents, i, Operand.Of(tangent));
            }
            // Locals whose last read in the chunk was this node are free.
            foreach (var j in (ReadOnlySpan<int>)[f, s == f ? -1 : s, i])
            {
                if (j < start || (j == i ? lastRead[j - start] >= 0 : lastRead[j - start] != i)) continue;
                if (values.Forget(j) is { } v) e.Release(v);
                if (tangents.Forget(j) is { } d) e.Release(d);
            }
        }
        return e.Finish();
    }

    /// <summary>tangent = Times(px, dx) + Times(py, dy), the two products in the interpreter's order.</summary>
    private static void Sum(ChunkEmitter e, System.Reflection.Emit.LocalBuilder tangent, Action px, Operand dx, Action py, Operand dy)
    {
        px();
        e.Times(dx);
        e.Store(tangent);
        e.AddToLocal(tangent, () =>
        {
            py();
            e.Times(dy);
        });
    }
}
