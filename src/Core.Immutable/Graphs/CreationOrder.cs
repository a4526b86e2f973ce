namespace FunctionalAD;

/// <summary>
/// Lays out a graph without a visited set: every node's <see cref="Expr.Id"/> is larger than its arguments' ids,
/// so taking reachable nodes largest id first (from a heap) meets every user of a node before the node itself, and
/// meets the several uses of a shared node one after the other (nothing pushed later can have a larger id). Each
/// node is therefore recognised as seen by comparing it with the last node taken, and the walk needs memory only
/// for the heap (a few entries for a chain, about the number of inputs for a typical graph) and the result.
/// Iterative, so depth is unlimited.
/// </summary>
internal static class CreationOrder
{
    /// <summary>The nodes reachable from <paramref name="root"/> in creation order (arguments first), with each node's argument positions (−1 for none).</summary>
    public static (Expr[] Nodes, int[] First, int[] Second) Of(Expr root)
    {
        // An entry is a node to take and the use that led there: the position (counted from the root) of its user,
        // and whether it is that user's second argument.
        var heap = new PriorityQueue<(Expr Node, int User, bool AsSecond), long>();
        var nodes = new Expr[16];
        var first = new int[16];
        var second = new int[16];
        var count = 0;
        Expr? last = null;
        heap.Enqueue((root, -1, false), -root.Id);
        while (heap.TryDequeue(out var entry, out _))
        {
            var (node, user, asSecond) = entry;
            if (!ReferenceEquals(node, last))
            {
                if (count == nodes.Length)
                {
                    var capacity = checked(nodes.Length * 2);
                    Array.Resize(ref nodes, capacity);
                    Array.Resize(ref first, capacity);
                    Array.Resize(ref second, capacity);
                }
                nodes[count] = node;
                first[count] = second[count] = -1;
                var (a, b) = Arguments(node);
                if (a is not null) heap.Enqueue((a, count, false), -a.Id);
                if (b is not null) heap.Enqueue((b, count, true), -b.Id);
                last = node;
                count++;
            }
            if (user >= 0) (asSecond ? second : first)[user] = count - 1;
        }

        // Taken users first: reverse into creation order, and count positions from the start.
        Array.Resize(ref nodes, count);
        Array.Resize(ref first, count);
        Array.Resize(ref second, count);
        Array.Reverse(nodes);
        Array.Reverse(first);
        Array.Reverse(second);
        for (var i = 0; i < count; i++)
        {
            if (first[i] >= 0) first[i] = count - 1 - first[i];
            if (second[i] >= 0) second[i] = count - 1 - second[i];
        }
        return (nodes, first, second);
    }

    private static (Expr? First, Expr? Second) Arguments(Expr node) => node switch
    {
        ApplyNode a => (a.First, a.Second),
        OperationNode o => (o.First, o.Second),
        _ => (null, null),
    };
}
