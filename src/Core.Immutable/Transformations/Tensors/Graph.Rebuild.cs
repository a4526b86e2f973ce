namespace FunctionalAD;

public static partial class Graph
{
    /// <summary>The operation node over new arguments, or the node itself when they are the same (shapes are checked again).</summary>
    private static Expr Rebuild(OperationNode node, Expr first, Expr? second) =>
        ReferenceEquals(first, node.First) && ReferenceEquals(second, node.Second)
            ? node
            : second is null ? Expr.Operate(node.Operation, first) : Expr.Operate(node.Operation, first, second);
}
