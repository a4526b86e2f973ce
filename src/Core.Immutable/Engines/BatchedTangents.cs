namespace FunctionalAD;

/// <summary>
/// The tangent sweep of a tensor graph along many directions at once: each node's tangents are one
/// <see cref="TangentBatch"/> (null is an exact zero), and each primitive is asked once per node for all of them
/// (<see cref="Primitive.JvpBatch"/>), so that k directions through a product are one matrix product, not k. Without
/// the values of an earlier sweep, the values come from the same walk (<see cref="Primitive.ValueAndJvpBatch"/>).
/// Slab j of every result is what the one-direction sweep (<see cref="TensorSweeps.AllTangents"/>) gives along
/// direction j, up to the order in which products sum. Batches live in arrays of the shared pool
/// (<see cref="TangentBatch.Rent"/>): a node's batch goes back once its last user is swept, unless the caller keeps it.
/// </summary>
internal static class BatchedTangents
{
    /// <summary>
    /// Every node's value (those given in <paramref name="values"/>, else computed here) and the batches of tangents of
    /// the nodes in <paramref name="keep"/> (the others are handed back to the pool once swept, and left null), from the
    /// inputs' values and batches (null: the input does not move; the caller owns the seeds). The caller hands the kept
    /// batches back with <see cref="Return"/> once read.
    /// </summary>
    public static (Tensor[] Values, TangentBatch?[] Tangents) Sweep(
        Topology topology, Tensor[] inputs, TangentBatch?[] seeds, bool[] keep, Tensor[]? values = null)
    {
        var lastUse = LastUses(topology);
        var computing = values is null;
        values ??= new Tensor[topology.Count];
        var tangents = new TangentBatch?[topology.Count];
        var arity = TensorSweeps.MaxArity(topology);
        var (arguments, argumentTangents) = (new Tensor[arity], new TangentBatch?[arity]);
        for (var i = 0; i < tangents.Length; i++)
        {
            switch (topology.Nodes[i])
            {
                case ConstantNode c:
                    if (computing) values[i] = c.Value;
                    break;
                case InputNode:
                    if (computing) values[i] = inputs[topology.InputSlot[i]];
                    tangents[i] = seeds[topology.InputSlot[i]];
                    break;
                case ApplyNode a:
                    var moving = TensorSweeps.Gather(topology, i, tangents, argumentTangents);
                    var moves = false;
                    foreach (var tangent in moving) moves |= tangent is not null;
                    var given = TensorSweeps.Gather(topology, i, values, arguments);
                    if (computing && moves) (values[i], tangents[i]) = a.Primitive.ValueAndJvpBatch(given, a.Shape, moving);
                    else if (computing) values[i] = a.Primitive.Value(given, a.Shape);
                    else if (moves) tangents[i] = a.Primitive.JvpBatch(given, values[i], moving); // a node none of whose arguments moves does not move
                    foreach (var argument in topology.ArgumentsOf(i))
                    {
                        if (lastUse[argument] != i || keep[argument] || topology.InputSlot[argument] >= 0) continue;
                        TangentBatch.Return(tangents[argument]);
                        tangents[argument] = null;
                    }
                    break;
            }
        }
        return (values, tangents);
    }

    /// <summary>
    /// Hands the batches of <paramref name="nodes"/> back to the pool, each once; an input's batch is its seed, which
    /// the caller owns (an output may be an input itself).
    /// </summary>
    public static void Return(Topology topology, TangentBatch?[] tangents, IEnumerable<int> nodes)
    {
        var returned = new HashSet<TangentBatch>(ReferenceEqualityComparer.Instance);
        foreach (var node in nodes)
        {
            if (topology.InputSlot[node] < 0 && tangents[node] is { } batch && returned.Add(batch)) TangentBatch.Return(batch);
            tangents[node] = null;
        }
    }

    /// <summary>Each node's last user (itself when it has none).</summary>
    private static int[] LastUses(Topology topology)
    {
        var last = new int[topology.Count];
        for (var i = 0; i < last.Length; i++)
        {
            last[i] = i;
            foreach (var argument in topology.ArgumentsOf(i)) last[argument] = i;
        }
        return last;
    }

    /// <summary>The number of directions of the batches (all have one; at least one is not null).</summary>
    public static int CountOf(ReadOnlySpan<TangentBatch?> tangents)
    {
        foreach (var t in tangents)
            if (t is not null) return t.Count;
        throw new InvalidOperationException("A batched JVP was asked with no argument moving.");
    }
}
