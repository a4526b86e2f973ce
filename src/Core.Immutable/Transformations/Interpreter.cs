using System.Buffers;

namespace FunctionalAD;

/// <summary>
/// The graph interpreter: each sweep walks a <see cref="Topology"/>'s flat arrays and writes one buffer
/// (values, tangents or adjoints), with no allocation per node. Rules are called through a primitive's
/// <see cref="RawRules"/>, the statements its JVP and pullback are built from, so the results are the ones
/// those closures give, bit for bit; a primitive without them (a replaced rule) goes through its JVP or VJP.
/// Buffers may be longer than the graph (rented from <see cref="ArrayPool{T}"/>); only the first
/// <see cref="Topology.Count"/> entries are used.
/// </summary>
internal static class Interpreter
{
    /// <summary>
    /// A scratch buffer of at least <paramref name="length"/> zeros, owned by the caller until it is given back
    /// with <see cref="Return"/>. Pooled because a graph's buffers are often large-object-heap sized, and
    /// allocating one per gradient would trigger a full collection every few gradients.
    /// </summary>
    public static double[] Rent(int length)
    {
        var buffer = ArrayPool<double>.Shared.Rent(length);
        Array.Clear(buffer, 0, length);
        return buffer;
    }

    /// <summary>Gives back a buffer from <see cref="Rent"/>; the caller must not use it afterwards.</summary>
    public static void Return(double[] buffer) => ArrayPool<double>.Shared.Return(buffer);

    /// <summary>Every node's value into <paramref name="values"/>, given each input's value in input-name order.</summary>
    public static void Values(Topology topology, ReadOnlySpan<double> inputs, double[] values)
    {
        topology.RequireScalar("This transformation");
        var nodes = topology.Nodes;
        var first = topology.First;
        var second = topology.Second;
        var slot = topology.InputSlot;
        var rules = topology.RawRules;
        for (var i = 0; i < nodes.Length; i++)
        {
            var f = first[i];
            if (f >= 0)
            {
                var s = second[i];
                values[i] = rules[i] switch
                {
                    { UnaryValue: { } unary } => unary(values[f]),
                    { BinaryValue: { } binary } => binary(values[f], values[s]),
                    _ => ((ApplyNode)nodes[i]).Primitive.Value(values[f], s < 0 ? 0 : values[s]),
                };
            }
            else
            {
                values[i] = slot[i] >= 0 ? inputs[slot[i]] : ((ConstantNode)nodes[i]).Value;
            }
        }
    }

    /// <summary>
    /// One forward sweep of tangents into <paramref name="tangents"/>, given every node's value and each input's
    /// tangent; returns the output's tangent. A node none of whose arguments moves does not move: no rule is
    /// asked, so no 0 · ∞. Constants are never written, so the buffer must hold zeros at their positions.
    /// </summary>
    public static double Tangents(Topology topology, double[] values, ReadOnlySpan<double> inputTangents, double[] tangents)
    {
        var nodes = topology.Nodes;
        var first = topology.First;
        var second = topology.Second;
        var slot = topology.InputSlot;
        var rules = topology.RawRules;
        for (var i = 0; i < nodes.Length; i++)
        {
            var f = first[i];
            if (f < 0)
            {
                if (slot[i] >= 0) tangents[i] = inputTangents[slot[i]];
                continue;
            }
            var s = second[i];
            double dx = tangents[f], dy = s < 0 ? 0 : tangents[s];
            if (dx == 0 && dy == 0)
            {
                tangents[i] = 0;
                continue;
            }
            switch (rules[i])
            {
                case { Derivative: { } derivative }:
                    tangents[i] = Rules.Times(derivative(values[f], values[i]), dx);
                    break;
                case { Partials: { } partials }:
                    var (px, py) = partials(values[f], values[s], values[i]);
                    tangents[i] = Rules.Times(px, dx) + Rules.Times(py, dy);
                    break;
                default:
                    tangents[i] = ((ApplyNode)nodes[i]).Primitive.Jvp(values[f], s < 0 ? 0 : values[s], values[i], dx, dy);
                    break;
            }
        }
        return tangents[nodes.Length - 1];
    }

    /// <summary>
    /// The backward sweep: seeds the output with <paramref name="seed"/>, sends adjoints back through
    /// <paramref name="adjoints"/> (which must hold zeros) and adds each input's adjoint into
    /// <paramref name="inputAdjoints"/> (in input-name order). A node whose adjoint is exactly zero is
    /// skipped, so a zero cotangent is never multiplied into a rule.
    /// </summary>
    public static void Adjoints(Topology topology, double[] values, double seed, double[] adjoints, Span<double> inputAdjoints)
    {
        var nodes = topology.Nodes;
        var first = topology.First;
        var second = topology.Second;
        var slot = topology.InputSlot;
        var rules = topology.RawRules;
        adjoints[nodes.Length - 1] = seed;
        for (var i = nodes.Length - 1; i >= 0; i--)
        {
            var adjoint = adjoints[i];
            if (adjoint == 0) continue;
            var f = first[i];
            if (f < 0)
            {
                if (slot[i] >= 0) inputAdjoints[slot[i]] += adjoint;
                continue;
            }
            var s = second[i];
            switch (rules[i])
            {
                case { Derivative: { } derivative }:
                    adjoints[f] += Rules.Times(derivative(values[f], values[i]), adjoint);
                    break;
                case { Partials: { } partials }:
                    var (px, py) = partials(values[f], values[s], values[i]);
                    adjoints[f] += Rules.Times(px, adjoint);
                    adjoints[s] += Rules.Times(py, adjoint);
                    break;
                default:
                    var (cx, cy) = ((ApplyNode)nodes[i]).Primitive.Vjp(values[f], s < 0 ? 0 : values[s], values[i])(adjoint);
                    adjoints[f] += cx;
                    if (s >= 0) adjoints[s] += cy;
                    break;
            }
        }
    }
}
