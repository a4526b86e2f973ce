namespace FunctionalAD;

/// <summary>
/// Where compiled code keeps numbers in memory: only the nodes whose numbers pass from one chunk to another,
/// from the caller (inputs, the output) or to a backward rule get a slot in the buffers, numbered in node order,
/// so that the buffers stay small (a few slots per term of a sum instead of one per node) and a chunk's slots
/// are at the same offsets from its first slot wherever the same shape of graph repeats.
/// </summary>
internal sealed class Layout
{
    private readonly int[] before;

    public Layout(int nodes, Func<int, bool> needsSlot)
    {
        SlotOf = new int[nodes];
        before = new int[nodes + 1];
        var count = 0;
        for (var i = 0; i < nodes; i++)
        {
            before[i] = count;
            SlotOf[i] = needsSlot(i) ? count++ : -1;
        }
        before[nodes] = Count = count;
    }

    /// <summary>Each node's slot, or −1.</summary>
    public int[] SlotOf { get; }

    /// <summary>The number of slots: the length of each buffer.</summary>
    public int Count { get; }

    /// <summary>The number of slots of the nodes before <paramref name="node"/>: the first slot of a chunk that starts there.</summary>
    public int Before(int node) => before[node];

    /// <summary>The end of the chunk of <see cref="Compiler.ChunkSize"/> nodes that holds <paramref name="node"/>.</summary>
    public static int ChunkEnd(int node, int nodes) => Math.Min((node / Compiler.ChunkSize + 1) * Compiler.ChunkSize, nodes);
}
