using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FunctionalAD;

/// <summary>
/// The one graph walk everything else builds on: an iterative depth-first post-order over a DAG of
/// nodes, visiting each node once (by reference), arguments first.
/// </summary>
internal static class PostOrder
{
    /// <summary>
    /// Several graphs in one order, a node shared between them once, arguments before users; with each node's position.
    /// </summary>
    public static (Expr[] Nodes, Dictionary<Expr, int> Position) OfAll(IReadOnlyList<Expr> roots)
    {
        var position = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        var order = new List<Expr>();
        foreach (var root in roots)
        {
            // Nodes laid out for an earlier root are leaves of this walk: each node is visited O(1) times.
            var (walk, _) = Of(root, position.ContainsKey);
            foreach (var node in walk)
                if (position.TryAdd(node, order.Count)) order.Add(node);
        }
        return ([.. order], position);
    }

    /// <summary>
    /// The nodes reachable from <paramref name="root"/>, arguments before users (first argument first), and each one's
    /// position. A node for which <paramref name="isLeaf"/> holds is taken as it is, without its arguments.
    /// </summary>
    public static (List<Expr> Order, Dictionary<Expr, int> Position) Of(Expr root, Func<Expr, bool>? isLeaf = null)
    {
        // Two lookups per node with arguments and one per leaf: on graphs of millions of nodes each lookup is
        // a cache miss, so the walk checks a node only when it pops it, never before pushing it.
        var position = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        var order = new List<Expr>();
        var stack = new Stack<(Expr Node, bool Expanded)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, expanded) = stack.Pop();
            if (expanded)
            {
                // Its arguments are done, and it is not (a second visit would have to come from a descendant).
                position.Add(node, order.Count);
                order.Add(node);
                continue;
            }
            if (node is not ApplyNode apply || (isLeaf is not null && isLeaf(node)))
            {
                if (position.TryAdd(node, order.Count)) order.Add(node);
                continue;
            }
            if (position.ContainsKey(node)) continue;
            stack.Push((node, true));
            for (var k = apply.Arity - 1; k >= 0; k--) stack.Push((apply.Argument(k), false));
        }
        return (order, position);
    }

    /// <summary>
    /// The same post-order over a graph already numbered some other way: <paramref name="count"/> nodes, the root numbered <paramref name="root"/>, argument numbers <paramref name="first"/> and
    /// <paramref name="second"/> (−1 for none) and a tag per node (<paramref name="tags"/>). Returns the nodes, their
    /// argument positions and tags in the order <see cref="Of"/> gives, so that a layout depends on the graph's
    /// structure alone. Walks int arrays only: no lookup by node.
    /// </summary>
    public static (T[] Nodes, int[] First, int[] Second, TTag[] Tags) Renumber<T, TTag>(
        Blocks<T> nodes, Blocks<int> first, Blocks<int> second, Blocks<TTag> tags, int count, int root)
    {
        var position = Positions(new BlockArguments(first, second), count, root, out _);
        var renumbered = new T[count];
        var newFirst = new int[count];
        var newSecond = new int[count];
        var newTags = new TTag[count];
        // Stored by reference into the array's data: an element store to T[] checks the element's type against the
        // array's (covariance), which reads the node and costs a cache miss per node on large graphs.
        ref var target = ref MemoryMarshal.GetArrayDataReference(renumbered);
        for (var c = 0; c < count; c++)
        {
            var p = position[c];
            Unsafe.Add(ref target, p) = nodes[c];
            newTags[p] = tags[c];
            var (a, b) = (first[c], second[c]);
            newFirst[p] = a < 0 ? -1 : position[a];
            newSecond[p] = b < 0 ? -1 : position[b];
        }
        return (renumbered, newFirst, newSecond, newTags);
    }

    /// <summary>
    /// Each node's place in the post-order from <paramref name="root"/> (depth first, first argument first), or −1 for a
    /// node the root does not reach; <paramref name="placed"/> is how many are placed. The one statement of the order for
    /// graphs numbered as int arrays, which <see cref="Renumber"/> and a flat tape's layout share; struct argument lists,
    /// so that each caller's reads are inlined.
    /// </summary>
    public static int[] Positions<TArguments>(TArguments arguments, int count, int root, out int placed) where TArguments : struct, IArgumentNumbers
    {
        // position[c]: −1 before the node is met, −2 while its arguments are being visited, then its place in the order.
        var position = new int[count];
        Array.Fill(position, -1);
        var stack = new int[64];
        var top = 0;
        var next = 0;
        stack[top++] = root;
        while (top > 0)
        {
            var entry = stack[--top];
            if (entry < 0)
            {
                position[~entry] = next++; // arguments done: an expanded node (~c) takes its place
                continue;
            }
            if (position[entry] != -1) continue; // met before: already placed (a DAG cannot meet a node being expanded)
            var (a, b) = (arguments.First(entry), arguments.Second(entry));
            if (a < 0)
            {
                position[entry] = next++;
                continue;
            }
            if (top + 3 > stack.Length) Array.Resize(ref stack, checked(stack.Length * 2));
            position[entry] = -2;
            stack[top++] = ~entry;
            if (b >= 0) stack[top++] = b;
            stack[top++] = a;
        }
        placed = next;
        return position;
    }
}

/// <summary>A node's argument numbers (−1 for none), as <see cref="PostOrder.Positions"/> reads them.</summary>
internal interface IArgumentNumbers
{
    /// <summary>The first argument's number of node <paramref name="node"/>, −1 for a leaf.</summary>
    int First(int node);

    /// <summary>The second argument's number of node <paramref name="node"/>, −1 for none.</summary>
    int Second(int node);
}

/// <summary>Argument numbers kept in <see cref="Blocks{T}"/>.</summary>
internal readonly struct BlockArguments(Blocks<int> first, Blocks<int> second) : IArgumentNumbers
{
    public int First(int node) => first[node];

    public int Second(int node) => second[node];
}

/// <summary>Argument numbers kept in arrays.</summary>
internal readonly struct ArrayArguments(int[] first, int[] second) : IArgumentNumbers
{
    public int First(int node) => first[node];

    public int Second(int node) => second[node];
}
