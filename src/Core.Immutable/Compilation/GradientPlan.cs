using System.Reflection.Emit;

namespace FunctionalAD;

/// <summary>
/// Emits the chunks of a compiled gradient (<see cref="Compiler.Gradient"/>). Buffers: node values (inputs gathered
/// in), node adjoints (inputs' adjoints left there). A forward chunk stores only the values that a later chunk or a
/// backward rule reads, and zeroes the adjoints that later chunks add to; the last chunk runs forward and backward
/// in one method, with its values in locals; a backward chunk keeps its nodes' adjoints in locals.
/// </summary>
/// <remarks>
/// The interpreter skips a node whose adjoint is exactly zero, multiplies partials by adjoints with the strong zero
/// of <see cref="Rules.Times"/>, and sums contributions from +0. The code here computes the same nonzero numbers,
/// and the same gradient bits, with fewer tests. A zero adjoint or contribution, of either sign, changes no nonzero
/// number: added to a sum it leaves the sum unchanged up to the sign of a zero, and times a finite partial it is a
/// zero again. Only products that may be NaN need care: a constant finite partial (add's 1, subtract's −1, a
/// constant factor) is multiplied in with no test, a zero partial adds nothing, and any other product p · a is
/// formed at once and, only when it is NaN, replaced by 0 if p or a is exactly 0 (0 · ∞). Rules that are calls
/// are still called only for a nonzero adjoint. Signs of zeros inside the sweep may thus differ from the
/// interpreter's, but each input's gradient is formed as +0 + its adjoints, as the interpreter forms it, which
/// is +0 for a zero of either sign.
/// </remarks>
internal sealed class GradientPlan
{
    private const int NodeValues = 0, NodeAdjoints = 1;

    private readonly Topology t;
    private readonly NodeKind[] kinds;
    private readonly int[] lastUser;
    private readonly bool[] readBackward;
    private readonly int[] primitiveIds;
    private readonly bool seeded;

    /// <param name="topology">The graph.</param>
    /// <param name="seeded">
    /// Whether the output's adjoint is read from its slot in the node adjoints, where the caller writes it before the
    /// run (a loop body's VJP seeded with the incoming cotangent), instead of being 1.
    /// </param>
    public GradientPlan(Topology topology, bool seeded = false)
    {
        t = topology;
        this.seeded = seeded;
        kinds = NodeKinds.Of(topology);
        lastUser = Compiler.LastUsers(topology);
        readBackward = ReadBackward();
        primitiveIds = Compiler.PrimitiveIds(topology, kinds);
        // Slots for inputs, the output, values a backward rule reads, and nodes used by a later chunk (their values and adjoints).
        Layout = new Layout(t.Count, i => !Compiler.IsConstant(t, i)
            && (kinds[i] == NodeKind.Input || i == t.Count - 1 || readBackward[i] || lastUser[i] >= Layout.ChunkEnd(i, t.Count)));
    }

    /// <summary>Where the chunks keep numbers in memory.</summary>
    public Layout Layout { get; }

    /// <summary>What the chunk of nodes [start, end) in role 0 (forward), 1 (last) or 2 (backward) is emitted from.</summary>
    public long[] Key(int start, int end, int role) =>
        Compiler.Key(t, Layout, kinds, primitiveIds, start, end, role,
            i => (lastUser[i] >= end ? 1 : 0) | (readBackward[i] ? 2 : 0) | (i == t.Count - 1 ? 4 : 0));

    /// <summary>Which nodes' values a backward rule reads.</summary>
    private bool[] ReadBackward()
    {
        var read = new bool[t.Count];
        void Read(int j)
        {
            if (j >= 0 && !Compiler.IsConstant(t, j)) read[j] = true;
        }
        for (var u = 0; u < t.Count; u++)
        {
            int f = t.First[u], s = t.Second[u];
            if (f < 0) continue;
            bool toFirst = !Compiler.IsConstant(t, f), toSecond = s >= 0 && !Compiler.IsConstant(t, s);
            switch (kinds[u])
            {
                case NodeKind.Add or NodeKind.Subtract or NodeKind.Negate:
                    break;
                case NodeKind.Multiply:
                    if (toFirst) Read(s);
                    if (toSecond) Read(f);
                    break;
                case NodeKind.Divide:
                    if (toFirst) Read(s);
                    if (toSecond) { Read(s); Read(u); }
                    break;
                default:
                    if (toFirst || toSecond) { Read(f); Read(s); Read(u); }
                    break;
            }
        }
        return read;
    }

    /// <summary>Forward chunk of nodes [start, end).</summary>
    public Chunk Forward(int start, int end)
    {
        var e = new ChunkEmitter(Layout, start);
        EmitValues(e, new NodeReader(t, NodeValues, start), start, end, last: false);
        return e.Finish();
    }

    /// <summary>The last chunk, nodes [start, end = count): forward, the output's value, then backward.</summary>
    public Chunk Last(int start, int end)
    {
        var e = new ChunkEmitter(Layout, start);
        var values = new NodeReader(t, NodeValues, start);
        EmitValues(e, values, start, end, last: true);
        e.StoreElement(NodeValues, end - 1, values[end - 1]);
        EmitAdjoints(e, values, start, end);
        return e.Finish();
    }

    /// <summary>Backward chunk of nodes [start, end).</summary>
    public Chunk Backward(int start, int end)
    {
        var e = new ChunkEmitter(Layout, start);
        EmitAdjoints(e, new NodeReader(t, NodeValues, start), start, end);
        return e.Finish();
    }

    private void EmitValues(ChunkEmitter e, NodeReader values, int start, int end, bool last)
    {
        // In a forward chunk, a local is given back after its last read in the chunk; in the last chunk the backward part reads them too.
        var lastRead = new int[end - start];
        Array.Fill(lastRead, -1);
        for (var u = start; u < end; u++)
        {
            if (t.First[u] >= start) lastRead[t.First[u] - start] = u;
            if (t.Second[u] >= start) lastRead[t.Second[u] - start] = u;
        }
        for (var i = start; i < end; i++)
        {
            var kind = kinds[i];
            var later = lastUser[i] >= end;
            if (kind == NodeKind.Input && later) e.StoreElement(NodeAdjoints, i, Operand.Of(0));
            if (kind is NodeKind.Constant or NodeKind.Input) continue; // read where used
            int f = t.First[i], s = t.Second[i];
            Compiler.PushValue(e, kind, ((ApplyNode)t.Nodes[i]).Primitive, values[f], s < 0 ? Operand.Of(0) : values[s]);
            var local = e.Local();
            e.Store(local);
            values.Define(i, local);
            if (last) continue;
            // The output's value too, when a forward chunk holds it (a loop body's forward sweep alone, Compiler.Sweeps).
            if (later || readBackward[i] || i == t.Count - 1) e.StoreElement(NodeValues, i, Operand.Of(local));
            if (later) e.StoreElement(NodeAdjoints, i, Operand.Of(0));
            if (f >= start && lastRead[f - start] == i) Give(e, values, f);
            if (s >= start && s != f && lastRead[s - start] == i) Give(e, values, s);
            if (lastRead[i - start] < 0) Give(e, values, i);
        }
    }

    private static void Give(ChunkEmitter e, NodeReader values, int j)
    {
        if (values.Forget(j) is { } local) e.Release(local);
    }

    private void EmitAdjoints(ChunkEmitter e, NodeReader values, int start, int end)
    {
        var il = e.IL;
        var adjoints = new LocalBuilder?[end - start];

        // Node j's adjoint local before a contribution that may not run: what later chunks added, or zero.
        void Prepare(int j)
        {
            if (j < start || adjoints[j - start] is not null) return;
            var local = adjoints[j - start] = e.Local();
            if (lastUser[j] >= end) e.LoadElement(NodeAdjoints, j);
            else il.Emit(OpCodes.Ldc_R8, 0.0);
            e.Store(local);
        }

        // Adds the number `push` pushes to node j's adjoint; a first contribution starts the local, from what
        // later chunks added, or alone (c rather than 0 + c: only the sign of a zero differs, see remarks).
        void Contribute(int j, Action push)
        {
            if (j < start)
            {
                e.AddToElement(NodeAdjoints, j, push);
                return;
            }
            if (adjoints[j - start] is { } local)
            {
                e.AddToLocal(local, push);
                return;
            }
            local = adjoints[j - start] = e.Local();
            if (lastUser[j] >= end)
            {
                e.LoadElement(NodeAdjoints, j);
                push();
                il.Emit(OpCodes.Add);
            }
            else push();
            e.Store(local);
        }

        // partial × adjoint for a partial known now: nothing for 0, a plain product for a finite one (no test needed, see remarks).
        void ConstantTimes(int j, double partial, Operand adjoint)
        {
            if (partial == 0) return;
            if (!double.IsFinite(partial))
            {
                Times([j], Operand.Of(partial), adjoint);
                return;
            }
            if (partial == 1) Contribute(j, () => adjoint.Push(e));
            else Contribute(j, () =>
            {
                il.Emit(OpCodes.Ldc_R8, partial);
                adjoint.Push(e);
                il.Emit(OpCodes.Mul);
            });
        }

        // partial × adjoint, added to each of `targets`, with the strong zero: the product is formed at once, and
        // only a NaN product (from 0 · ∞ or a NaN) is tested further: it becomes 0 when either factor is 0.
        void Times(int[] targets, Operand partial, Operand adjoint)
        {
            var product = e.Local();
            partial.Push(e);
            adjoint.Push(e);
            il.Emit(OpCodes.Mul);
            e.Store(product);
            Label number = il.DefineLabel(), zero = il.DefineLabel();
            il.Emit(OpCodes.Ldloc, product);
            il.Emit(OpCodes.Ldloc, product);
            il.Emit(OpCodes.Beq, number);
            partial.Push(e);
            il.Emit(OpCodes.Ldc_R8, 0.0);
            il.Emit(OpCodes.Beq, zero);
            adjoint.Push(e);
            il.Emit(OpCodes.Ldc_R8, 0.0);
            il.Emit(OpCodes.Bne_Un, number);
            il.MarkLabel(zero);
            il.Emit(OpCodes.Ldc_R8, 0.0);
            e.Store(product);
            il.MarkLabel(number);
            foreach (var j in targets) Contribute(j, () => il.Emit(OpCodes.Ldloc, product));
            e.Release(product);
        }

        // A partial computed into a local, then multiplied in as above.
        void Computed(int[] targets, Action push, Operand adjoint)
        {
            var partial = e.Local();
            push();
            e.Store(partial);
            Times(targets, Operand.Of(partial), adjoint);
            e.Release(partial);
        }

        // A partial operand: a constant, or a number read where it is needed.
        void Partial(int j, Operand partial, Operand adjoint)
        {
            if (partial.IsConstant) ConstantTimes(j, partial.Constant, adjoint);
            else Times([j], partial, adjoint);
        }

        LocalBuilder? pair = null;
        for (var i = end - 1; i >= start; i--)
        {
            var kind = kinds[i];
            if (kind == NodeKind.Constant) continue;
            if (kind == NodeKind.Input)
            {
                // An input's adjoint is left in the node adjoints, from where the caller adds it to the gradient.
                if (i == t.Count - 1)
                {
                    if (!seeded) e.StoreElement(NodeAdjoints, i, Operand.Of(1.0));
                }
                else if (adjoints[i - start] is { } local) e.StoreElement(NodeAdjoints, i, Operand.Of(local));
                else if (lastUser[i] < end) e.StoreElement(NodeAdjoints, i, Operand.Of(0)); // no contribution at all
                Done(i);
                continue;
            }
            var adjoint = i != t.Count - 1 ? Operand.Of(Adjoint(i)) : seeded ? Operand.At(NodeAdjoints, i) : Operand.Of(1.0);
            int f = t.First[i], s = t.Second[i];
            bool toFirst = !Compiler.IsConstant(t, f), toSecond = s >= 0 && !Compiler.IsConstant(t, s);
            Operand x = values[f], y = s < 0 ? Operand.Of(0) : values[s];
            switch (kind)
            {
                case NodeKind.Add:
                    if (toFirst) ConstantTimes(f, 1, adjoint);
                    if (toSecond) ConstantTimes(s, 1, adjoint);
                    break;
                case NodeKind.Subtract:
                    if (toFirst) ConstantTimes(f, 1, adjoint);
                    if (toSecond) ConstantTimes(s, -1, adjoint);
                    break;
                case NodeKind.Negate:
                    if (toFirst) ConstantTimes(f, -1, adjoint);
                    break;
                case NodeKind.Multiply when f == s:
                    // x · x: the interpreter adds the same product twice.
                    if (toFirst) Times([f, f], x, adjoint);
                    break;
                case NodeKind.Multiply:
                    if (toFirst) Partial(f, y, adjoint);
                    if (toSecond) Partial(s, x, adjoint);
                    break;
                case NodeKind.Divide:
                    if (toFirst)
                    {
                        if (y.IsConstant) ConstantTimes(f, 1.0 / y.Constant, adjoint);
                        else Computed([f], () => { il.Emit(OpCodes.Ldc_R8, 1.0); y.Push(e); il.Emit(OpCodes.Div); }, adjoint);
                    }
                    if (toSecond) Computed([s], () => { values[i].Push(e); il.Emit(OpCodes.Neg); y.Push(e); il.Emit(OpCodes.Div); }, adjoint);
                    break;
                default:
                    if (!toFirst && !toSecond) break;
                    // A rule is called only for a nonzero adjoint, as in the interpreter.
                    if (toFirst) Prepare(f);
                    if (toSecond) Prepare(s);
                    var skip = il.DefineLabel();
                    if (!adjoint.IsConstant)
                    {
                        adjoint.Push(e);
                        il.Emit(OpCodes.Ldc_R8, 0.0);
                        il.Emit(OpCodes.Beq, skip);
                    }
                    var primitive = ((ApplyNode)t.Nodes[i]).Primitive;
                    if (kind == NodeKind.Unary) Computed([f], () => e.Call(primitive.Raw!.Derivative!, x, values[i]), adjoint);
                    else
                    {
                        pair ??= il.DeclareLocal(typeof(ValueTuple<double, double>));
                        e.Call(primitive.Raw!.Partials!, x, y, values[i]);
                        il.Emit(OpCodes.Stloc, pair);
                        if (toFirst) Computed([f], () => { il.Emit(OpCodes.Ldloc, pair); il.Emit(OpCodes.Ldfld, typeof(ValueTuple<double, double>).GetField("Item1")!); }, adjoint);
                        if (toSecond) Computed([s], () => { il.Emit(OpCodes.Ldloc, pair); il.Emit(OpCodes.Ldfld, typeof(ValueTuple<double, double>).GetField("Item2")!); }, adjoint);
                    }
                    il.MarkLabel(skip);
                    break;
            }
            Done(i);
        }

        // Node i's adjoint: its local (complete, since every user comes later), or what later chunks left, or zero.
        LocalBuilder Adjoint(int i)
        {
            Prepare(i);
            return adjoints[i - start]!;
        }

        // Node i is done: its adjoint's local is free.
        void Done(int i)
        {
            if (adjoints[i - start] is { } local) e.Release(local);
        }
    }
}
