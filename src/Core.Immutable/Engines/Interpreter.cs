using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FunctionalAD;

/// <summary>
/// The graph interpreter: each sweep walks a <see cref="Topology"/>'s flat arrays and writes one buffer
/// (values, tangents or adjoints), with no allocation per node. Rules are called through a primitive's
/// <see cref="RawRules"/>, the statements its JVP and pullback are built from, so the results are the ones
/// those closures give, bit for bit.
/// Buffers may be longer than the graph (rented from <see cref="ArrayPool{T}"/>); only the first
/// <see cref="Topology.Count"/> entries are used.
/// </summary>
internal static class Interpreter
{
    /// <summary>
    /// A scratch buffer of at least <paramref name="length"/> zeros (unless <paramref name="clear"/> is false), owned by the caller until it is given back
    /// with <see cref="Return"/>. Pooled because a graph's buffers are often large-object-heap sized, and
    /// allocating one per gradient would trigger a full collection every few gradients.
    /// </summary>
    /// <param name="length">The entries needed.</param>
    /// <param name="clear">False for a buffer the caller writes in full before reading (values): it may hold old numbers.</param>
    public static double[] Rent(int length, bool clear = true)
    {
        if (length > MaxPooled) return clear ? new double[length] : GC.AllocateUninitializedArray<double>(length);
        var buffer = ArrayPool<double>.Shared.Rent(length);
        if (clear) Array.Clear(buffer, 0, length);
        return buffer;
    }

    /// <summary>Gives back a buffer from <see cref="Rent"/>; the caller must not use it afterwards.</summary>
    public static void Return(double[] buffer)
    {
        if (buffer.Length <= MaxPooled) ArrayPool<double>.Shared.Return(buffer);
    }

    // The pool rounds lengths up to a power of two: past 32 MB that wastes up to as much again as the graph needs
    // (a 40-million-node graph would hold 2 × 537 MB instead of 2 × 320 MB), while one allocation is cheap next to
    // the sweep that fills it. So larger buffers are allocated to size and left to the collector.
    private const int MaxPooled = 1 << 22;

    /// <summary>Every node's value into <paramref name="buffer"/>, given each input's value in input-name order.</summary>
    public static void Values(Topology topology, ReadOnlySpan<double> inputs, double[] buffer)
    {
        topology.RequireScalar("This transformation");
        var first = topology.First;
        var second = topology.Second;
        var opcodes = topology.Opcodes;
        // Read once: a property read per constant inside the loop made W1's interpreted gradient 40 % slower.
        var (nodes, numbers, slots) = (topology.NodesOrNull, topology.Numbers, topology.InputSlot);
        var values = buffer.AsSpan(0, topology.Count); // the loop's bound, so the JIT drops bounds checks on i
        for (var i = 0; i < values.Length; i++)
        {
            switch (opcodes[i])
            {
                case Opcode.Add: values[i] = values[first[i]] + values[second[i]]; break;
                case Opcode.Subtract: values[i] = values[first[i]] - values[second[i]]; break;
                case Opcode.Multiply: values[i] = values[first[i]] * values[second[i]]; break;
                case Opcode.Divide: values[i] = values[first[i]] / values[second[i]]; break;
                case Opcode.Negate: values[i] = -values[first[i]]; break;
                case Opcode.Sin: values[i] = Math.Sin(values[first[i]]); break;
                case Opcode.Cos: values[i] = Math.Cos(values[first[i]]); break;
                case Opcode.Exp: values[i] = Math.Exp(values[first[i]]); break;
                case Opcode.Tanh: values[i] = Math.Tanh(values[first[i]]); break;
                case Opcode.Input: values[i] = inputs[slots[i]]; break;
                case Opcode.Constant: values[i] = numbers is null ? Unsafe.As<ConstantNode>(nodes![i]).Number : numbers[~slots[i]]; break;
                default: values[i] = Call(topology.PrimitiveAt(i), values[first[i]], second[i] < 0 ? 0 : values[second[i]]); break;
            }
        }
    }

    /// <summary>The entry at <paramref name="index"/> (not negative, within the array) with no bounds check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref T At<T>(ref T start, int index) => ref Unsafe.Add(ref start, (nint)(uint)index);

    /// <summary>
    /// The number of nodes, after checking that <paramref name="buffer"/> holds one entry per node and that there is
    /// one input value (or adjoint) per input name: what makes the sweeps' unchecked reads safe.
    /// </summary>
    private static int Fit(Topology topology, int inputs, double[] buffer, double[]? other = null)
    {
        var count = topology.Count;
        if (buffer.Length < count || (other is not null && other.Length < count))
            throw new ArgumentException($"A sweep's buffer needs {count} entries, one per node.", nameof(buffer));
        if (inputs < topology.InputNames.Length)
            throw new ArgumentException($"A sweep needs {topology.InputNames.Length} input entries, one per input name; it got {inputs}.", nameof(inputs));
        return count;
    }

    /// <summary>A primitive's value through its raw rules.</summary>
    private static double Call(Primitive primitive, double x, double y)
    {
        var raw = primitive.Raw!;
        return raw.UnaryValue is { } unary ? unary(x) : raw.BinaryValue!(x, y);
    }

    /// <summary>
    /// One forward sweep of tangents into <paramref name="tangentBuffer"/>, given every node's value and each input's
    /// tangent; returns the output's tangent. A node none of whose arguments moves does not move: no rule is
    /// asked, so no 0 · ∞. Constants are never written, so the buffer must hold zeros at their positions.
    /// </summary>
    public static double Tangents(Topology topology, double[] valueBuffer, ReadOnlySpan<double> inputTangents, double[] tangentBuffer)
    {
        var first = topology.First;
        var second = topology.Second;
        var opcodes = topology.Opcodes;
        var tangents = tangentBuffer.AsSpan(0, topology.Count);
        var values = valueBuffer.AsSpan(0, topology.Count);
        for (var i = 0; i < tangents.Length; i++)
        {
            var opcode = opcodes[i];
            if (opcode == Opcode.Constant) continue;
            if (opcode == Opcode.Input)
            {
                tangents[i] = inputTangents[topology.InputSlot[i]];
                continue;
            }
            var f = first[i];
            var s = second[i];
            double dx = tangents[f], dy = s < 0 ? 0 : tangents[s];
            if (dx == 0 && dy == 0)
            {
                tangents[i] = 0;
                continue;
            }
            // The partials as the primitives state them (Primitives/*.cs), times the tangents with the strong zero.
            tangents[i] = opcode switch
            {
                Opcode.Add => Rules.Times(1, dx) + Rules.Times(1, dy),
                Opcode.Subtract => Rules.Times(1, dx) + Rules.Times(-1, dy),
                Opcode.Multiply => Rules.Times(values[s], dx) + Rules.Times(values[f], dy),
                Opcode.Divide => Rules.Times(1 / values[s], dx) + Rules.Times(-values[i] / values[s], dy),
                Opcode.Negate => Rules.Times(-1, dx),
                Opcode.Sin => Rules.Times(Math.Cos(values[f]), dx),
                Opcode.Cos => Rules.Times(-Math.Sin(values[f]), dx),
                Opcode.Exp => Rules.Times(values[i], dx),
                Opcode.Tanh => Rules.Times(1 - values[i] * values[i], dx),
                _ => Tangent(topology.PrimitiveAt(i), values[f], s < 0 ? 0 : values[s], values[i], dx, dy),
            };
        }
        return tangents[^1];
    }

    /// <summary>A node's tangent through its primitive's raw rules.</summary>
    private static double Tangent(Primitive primitive, double x, double y, double z, double dx, double dy)
    {
        var raw = primitive.Raw!;
        if (raw.Derivative is { } derivative) return Rules.Times(derivative(x, z), dx);
        var (px, py) = raw.Partials!(x, y, z);
        return Rules.Times(px, dx) + Rules.Times(py, dy);
    }

    /// <summary>
    /// The backward sweep: seeds the output with <paramref name="seed"/>, sends adjoints back through
    /// <paramref name="adjointBuffer"/> (which must hold zeros) and adds each input's adjoint into
    /// <paramref name="inputAdjoints"/> (in input-name order). A node whose adjoint is exactly zero is
    /// skipped, so a zero cotangent is never multiplied into a rule.
    /// </summary>
    public static void Adjoints(Topology topology, double[] valueBuffer, double seed, double[] adjointBuffer, Span<double> inputAdjoints)
    {
        var count = Fit(topology, inputAdjoints.Length, adjointBuffer, valueBuffer);
        if (count == 0) return;
        // Unchecked reads, as in Values.
        ref var opcodes = ref MemoryMarshal.GetArrayDataReference(topology.Opcodes);
        ref var first = ref MemoryMarshal.GetArrayDataReference(topology.First);
        ref var second = ref MemoryMarshal.GetArrayDataReference(topology.Second);
        ref var adjoints = ref MemoryMarshal.GetArrayDataReference(adjointBuffer);
        ref var values = ref MemoryMarshal.GetArrayDataReference(valueBuffer);
        ref var inputs = ref MemoryMarshal.GetReference(inputAdjoints);
        At(ref adjoints, count - 1) = seed;
        for (var i = count - 1; i >= 0; i--)
        {
            var adjoint = At(ref adjoints, i);
            if (adjoint == 0) continue;
            int f = At(ref first, i), s = At(ref second, i);
            // The partials as the primitives state them (Primitives/*.cs), times the adjoint with the strong zero;
            // for a binary primitive the first argument's share is added first, as the general path does.
            switch (At(ref opcodes, i))
            {
                // A constant argument's share goes nowhere (a constant passes no adjoint on), so it is not computed:
                // this changes no input's adjoint (100 · x, 1 − x, y / 0.5 are common).
                case Opcode.Add:
                    if (At(ref opcodes, f) != Opcode.Constant) At(ref adjoints, f) += Rules.Times(1, adjoint);
                    if (At(ref opcodes, s) != Opcode.Constant) At(ref adjoints, s) += Rules.Times(1, adjoint);
                    break;
                case Opcode.Subtract:
                    if (At(ref opcodes, f) != Opcode.Constant) At(ref adjoints, f) += Rules.Times(1, adjoint);
                    if (At(ref opcodes, s) != Opcode.Constant) At(ref adjoints, s) += Rules.Times(-1, adjoint);
                    break;
                case Opcode.Multiply:
                    if (At(ref opcodes, f) != Opcode.Constant) At(ref adjoints, f) += Rules.Times(At(ref values, s), adjoint);
                    if (At(ref opcodes, s) != Opcode.Constant) At(ref adjoints, s) += Rules.Times(At(ref values, f), adjoint);
                    break;
                case Opcode.Divide:
                    if (At(ref opcodes, f) != Opcode.Constant) At(ref adjoints, f) += Rules.Times(1 / At(ref values, s), adjoint);
                    if (At(ref opcodes, s) != Opcode.Constant) At(ref adjoints, s) += Rules.Times(-At(ref values, i) / At(ref values, s), adjoint);
                    break;
                case Opcode.Negate: At(ref adjoints, f) += Rules.Times(-1, adjoint); break;
                case Opcode.Sin: At(ref adjoints, f) += Rules.Times(Math.Cos(At(ref values, f)), adjoint); break;
                case Opcode.Cos: At(ref adjoints, f) += Rules.Times(-Math.Sin(At(ref values, f)), adjoint); break;
                case Opcode.Exp: At(ref adjoints, f) += Rules.Times(At(ref values, i), adjoint); break;
                case Opcode.Tanh: At(ref adjoints, f) += Rules.Times(1 - At(ref values, i) * At(ref values, i), adjoint); break;
                case Opcode.Input: At(ref inputs, topology.InputSlot[i]) += adjoint; break;
                case Opcode.Constant: break;
                default:
                    Pull(topology.PrimitiveAt(i), valueBuffer.AsSpan(0, count), adjointBuffer.AsSpan(0, count), i, f, s, adjoint);
                    break;
            }
        }
    }

    /// <summary>A node's adjoint sent to its arguments through its primitive's raw rules.</summary>
    private static void Pull(Primitive primitive, ReadOnlySpan<double> values, Span<double> adjoints, int i, int f, int s, double adjoint)
    {
        var raw = primitive.Raw!;
        if (raw.Derivative is { } derivative)
        {
            adjoints[f] += Rules.Times(derivative(values[f], values[i]), adjoint);
            return;
        }
        var (px, py) = raw.Partials!(values[f], values[s], values[i]);
        adjoints[f] += Rules.Times(px, adjoint);
        adjoints[s] += Rules.Times(py, adjoint);
    }

    /// <summary>The forward sweep into a new array: every node's value.</summary>
    public static double[] Values(Topology topology, double[] inputs)
    {
        var values = new double[topology.Count];
        Values(topology, inputs, values);
        return values;
    }

    /// <summary>The forward sweep into a rented buffer (give it back with <see cref="Return"/>).</summary>
    public static double[] RentValues(Topology topology, Bindings at)
    {
        // The input values are needed only during the sweep: a pooled array, not one allocated per call.
        var inputs = ArrayPool<double>.Shared.Rent(topology.InputNames.Length);
        try
        {
            topology.BindInto(at, inputs);
            var values = Rent(topology.Count, clear: false); // the sweep writes every entry
            Values(topology, inputs.AsSpan(0, topology.InputNames.Length), values);
            return values;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(inputs);
        }
    }
}
