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
    /// <summary>
    /// The nodes reachable from <paramref name="root"/>, numbered from the root (0) in decreasing creation order (users
    /// before their arguments), with each node's argument numbers (−1 for none) and opcode, kept in
    /// <see cref="Blocks{T}"/>. Null when an argument's id is not smaller than its user's (ids ran out, see
    /// <see cref="Expr.Id"/>) or a node has more than two arguments: then the graph must be laid out by a walk with a visited set.
    /// </summary>
    public static (Blocks<Expr> Nodes, Blocks<int> First, Blocks<int> Second, Blocks<Opcode> Opcodes, int Count)? Of(Expr root)
    {
        // An entry is a node to take and the use that led there: the number of its user, and whether it is that
        // user's second argument.
        var heap = new PriorityQueue<(Expr Node, int User, bool AsSecond), int>();
        var nodes = new Blocks<Expr>();
        var first = new Blocks<int>();
        var second = new Blocks<int>();
        var opcodes = new Blocks<Opcode>();
        var count = 0;
        Expr? last = null;
        heap.Enqueue((root, -1, false), -root.Id);
        while (heap.TryDequeue(out var entry, out _))
        {
            var (node, user, asSecond) = entry;
            if (!ReferenceEquals(node, last))
            {
                nodes.Reserve(count);
                first.Reserve(count);
                second.Reserve(count);
                opcodes.Reserve(count);
                nodes[count] = node;
                opcodes[count] = Opcodes.Of(node); // while the node is in the cache
                first[count] = second[count] = -1;
                if (node is ApplyNode { Arity: > 2 }) return null; // laid out by the walk that takes any number of arguments
                var (a, b) = Arguments(node);
                if (a is not null)
                {
                    if (a.Id >= node.Id) return null;
                    heap.Enqueue((a, count, false), -a.Id);
                }
                if (b is not null)
                {
                    if (b.Id >= node.Id) return null;
                    heap.Enqueue((b, count, true), -b.Id);
                }
                last = node;
                count++;
            }
            if (user >= 0) (asSecond ? second : first)[user] = count - 1;
        }
        return (nodes, first, second, opcodes, count);
    }

    private static (Expr? First, Expr? Second) Arguments(Expr node) => node switch
    {
        ApplyNode a => (a.First, a.Second),
        _ => (null, null),
    };
}
