namespace FunctionalAD;

/// <summary>
/// The one graph walk everything else builds on: an iterative depth-first post-order over a DAG of
/// nodes with at most two arguments, visiting each node once (by reference), arguments first.
/// </summary>
internal static class PostOrder
{
    /// <summary>The nodes reachable from <paramref name="root"/>, arguments before users, and each one's position.</summary>
    public static (List<T> Order, Dictionary<T, int> Position) Of<T>(T root, Func<T, (T? First, T? Second)> arguments)
        where T : class
    {
        // Two lookups per node with arguments and one per leaf: on graphs of millions of nodes each lookup is
        // a cache miss, so the walk checks a node only when it pops it, never before pushing it.
        var position = new Dictionary<T, int>(ReferenceEqualityComparer.Instance);
        var order = new List<T>();
        var stack = new Stack<(T Node, bool Expanded)>();
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
            var (first, second) = arguments(node);
            if (first is null)
            {
                if (position.TryAdd(node, order.Count)) order.Add(node);
                continue;
            }
            if (position.ContainsKey(node)) continue;
            stack.Push((node, true));
            if (second is not null) stack.Push((second, false));
            stack.Push((first, false));
        }
        return (order, position);
    }
}
