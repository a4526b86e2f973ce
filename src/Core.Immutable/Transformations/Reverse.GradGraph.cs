namespace FunctionalAD;

public static partial class Reverse
{
    /// <summary>
    /// Reverse mode as a graph transformation: a <see cref="GradientGraph"/> holding the simplified graph
    /// of <paramref name="graph"/> and, for each of its inputs, a graph of the partial derivative — built
    /// once, then printed, evaluated at any point, or differentiated again. Each adjoint is one node shared
    /// by everything that depends on it; each primitive's partials come from the same statement as its JVP
    /// and VJP rules; the product of a partial and an adjoint is the strong-zero product ⊙, so the graph
    /// gives exactly what <see cref="Grad(Expr, Bindings)"/> gives, also where a partial is ∞ or NaN and the adjoint is 0.
    /// Constants fold, algebraic noise disappears and equal subexpressions merge as the graph is built
    /// (<see cref="Graph.Simplify"/>). Linear time; iterative, so depth is unlimited.
    /// </summary>
    /// <example><code>Reverse.GradGraph(w * x + b)["w"]   // the graph x</code></example>
    /// <exception cref="NotSupportedException">A primitive of the graph states no partials as graphs.</exception>
    public static GradientGraph GradGraph(Expr graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        graph.Topology.RequireScalar("Reverse.GradGraph");
        var builder = new GraphBuilder();
        return GradGraphOver(builder, builder.Intern(graph));
    }

    /// <summary>The gradient graph of a graph already canonical in <paramref name="builder"/>, built with it.</summary>
    internal static GradientGraph GradGraphOver(GraphBuilder builder, Expr value)
    {
        var topology = value.Topology;
        builder.Reserve(2 * topology.Count); // about what the partials and adjoints add (1.7 times over random graphs)
        var adjoints = new Expr?[topology.Count];
        var partials = new Expr?[topology.InputNames.Length];
        adjoints[^1] = builder.Constant(1);
        // The backward sweep of Reverse.Grad, with graphs for numbers: a contribution is partial ⊙ adjoint,
        // and contributions to one node add up in the order Grad adds them, so the arithmetic is the same.
        for (var i = topology.Count - 1; i >= 0; i--)
        {
            if (adjoints[i] is not { } adjoint) continue; // no path to the output: an exact zero
            adjoints[i] = null;
            switch (topology.Nodes[i])
            {
                case ApplyNode a:
                    int first = topology.First[i], second = topology.Second[i];
                    var (dx, dy) = a.Primitive.PartialsGraph(topology.Nodes[first], second < 0 ? null : topology.Nodes[second], a);
                    Accumulate(builder, ref adjoints[first], dx, adjoint);
                    if (second >= 0) Accumulate(builder, ref adjoints[second], dy!, adjoint);
                    break;
                case InputNode:
                    ref var slot = ref partials[topology.InputSlot[i]];
                    slot = slot is null ? adjoint : builder.Apply(Primitives.Add, slot, adjoint, null);
                    break;
            }
        }
        var zero = builder.Constant(0);
        return new GradientGraph(value, topology.InputNames, [.. partials.Select(p => p ?? zero)]);
    }

    private static void Accumulate(GraphBuilder builder, ref Expr? sum, Expr partial, Expr adjoint)
    {
        var contribution = builder.Apply(Primitives.StrongMultiply, builder.InternOver(partial), adjoint, null);
        if (contribution is ConstantNode { Value: 0 }) return;
        sum = sum is null ? contribution : builder.Apply(Primitives.Add, sum, contribution, null);
    }
}
