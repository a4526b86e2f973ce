namespace FunctionalAD;

public static partial class Graph
{
    /// <summary>
    /// <paramref name="graph"/> with constants folded, algebraic noise removed (<c>x·1</c>, <c>1·x</c>,
    /// <c>x + 0</c>, <c>0 + x</c>, <c>0·x → 0</c>, <c>x − 0</c>, <c>0 − x → −x</c>, <c>−(−x)</c>,
    /// <c>x / 1</c>, and <c>⊙</c> by a finite nonzero constant or of a square into <c>*</c>) and structurally
    /// equal subexpressions merged into one node, in time linear in the
    /// number of nodes. The result has the same value wherever the graph's values are finite; the rewrites
    /// change at most the sign of a zero, and <c>0·x → 0</c> follows the strong-zero convention (it is 0
    /// even where x is ∞ or NaN). Tensor graphs are simplified the same way, every node keeping its shape (<c>0·X</c>
    /// is the zero tensor of X's shape), and a linear tensor operation of a zero tensor is a zero tensor. Nodes that
    /// need no change are reused; the original graph is unchanged.
    /// </summary>
    /// <example><code>Graph.Simplify(1.0 * x + 0.0 * y + (2.0 + 3.0))   // x + 5</code></example>
    public static Expr Simplify(Expr graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return new GraphBuilder().Intern(graph);
    }
}
