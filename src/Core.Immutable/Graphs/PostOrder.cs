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
        var position = new Dictionary<T, int>(ReferenceEqualityComparer.Instance);
        var order = new List<T>();
        var stack = new Stack<(T Node, bool Expanded)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, expanded) = stack.Pop();
            if (position.ContainsKey(node)) continue;
            var (first, second) = expanded ? (null, null) : arguments(node);
            if (first is null)
            {
                position[node] = order.Count;
                order.Add(node);
                continue;
            }
            stack.Push((node, true));
            if (second is not null && !position.ContainsKey(second)) stack.Push((second, false));
            if (!position.ContainsKey(first)) stack.Push((first, false));
        }
        return (order, position);
    }
}
