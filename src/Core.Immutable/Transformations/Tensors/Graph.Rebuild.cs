namespace FunctionalAD;

public static partial class Graph
{
    /// <summary>
    /// The node at position <paramref name="i"/> of <paramref name="topology"/> over the rebuilt arguments in
    /// <paramref name="rebuilt"/>, or the node itself when they are the same (shapes are checked again).
    /// </summary>
    private static Expr Rebuild(ApplyNode node, Topology topology, int i, Expr[] rebuilt) => Rebuild(node, node.Primitive, topology, i, rebuilt);

    /// <summary>As <see cref="Rebuild(ApplyNode, Topology, int, Expr[])"/>, applying <paramref name="primitive"/> in place of the node's own.</summary>
    private static Expr Rebuild(ApplyNode node, Primitive primitive, Topology topology, int i, Expr[] rebuilt)
    {
        var arguments = topology.ArgumentsOf(i);
        var same = ReferenceEquals(primitive, node.Primitive);
        for (var k = 0; k < arguments.Length && same; k++) same = ReferenceEquals(rebuilt[arguments[k]], node.Argument(k));
        if (same) return node;
        var made = new Expr[arguments.Length];
        for (var k = 0; k < made.Length; k++) made[k] = rebuilt[arguments[k]];
        return Expr.Apply(primitive, made);
    }
}
