using System.Collections.Immutable;

namespace FunctionalAD;

public static partial class Reverse
{
    /// <summary>
    /// Reverse mode as a graph transformation: a <see cref="GradientGraph"/> holding the simplified graph
    /// of <paramref name="graph"/> and, for each of its inputs, a graph of the partial derivative (of the input's
    /// shape) — built once, then printed, evaluated at any point, or differentiated again. Each adjoint is one node
    /// shared by everything that depends on it; each primitive's partials, and each other primitive's VJP as graph operations, come from
    /// the same statement as its numeric rules; the product of a partial and an adjoint is the strong-zero product ⊙,
    /// so the graph gives what <see cref="Grad(Expr, Bindings)"/> gives, also where a partial is ∞ or NaN and the
    /// adjoint is 0. An elementwise primitive's cotangent is summed back to a broadcast argument's shape with
    /// <see cref="Expr.SumTo"/>. Constants fold, algebraic noise disappears and equal subexpressions merge as the
    /// graph is built (<see cref="Graph.Simplify"/>). Linear time; iterative, so depth is unlimited.
    /// </summary>
    /// <example><code>Reverse.GradGraph(w * x + b)["w"]   // the graph x</code></example>
    /// <exception cref="NotSupportedException">A primitive of the graph states no partials as graphs.</exception>
    /// <exception cref="InvalidOperationException">The graph's output is not a scalar.</exception>
    public static GradientGraph GradGraph(Expr graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Forward.RequireScalar(graph, "Reverse.GradGraph");
        Graph.RequireBatchSize(graph, "Reverse.GradGraph");
        var builder = new GraphBuilder();
        return GradGraphOver(builder, builder.Intern(graph), graph.Topology);
    }

    /// <summary>
    /// The gradient graph of a graph already canonical in <paramref name="builder"/>, built with it. The partials are
    /// those of the inputs of <paramref name="original"/>, the graph before simplification: an input that simplifying
    /// removed (<c>0·x</c>) has partial zero.
    /// </summary>
    internal static GradientGraph GradGraphOver(GraphBuilder builder, Expr value, Topology original)
    {
        var topology = value.Topology;
        builder.Reserve(2 * topology.Count); // about what the partials and adjoints add (1.7 times over random graphs)
        var adjoints = new Expr?[topology.Count];
        var names = original.InputNames;
        var partials = new Expr?[names.Length];
        var shapes = new Shape[partials.Length];
        var slots = topology.InputNames.Select(n => ImmutableArray.BinarySearch(names, n, StringComparer.Ordinal)).ToArray();
        for (var i = 0; i < original.Count; i++)
            if (original.InputSlot[i] >= 0) shapes[original.InputSlot[i]] = original.Nodes[i].Shape;
        // Which nodes depend on an input: a tensor operation is asked only for the cotangents that lead somewhere.
        var needed = TensorSweeps.Needs(topology, [.. Enumerable.Repeat(true, topology.InputNames.Length)]);
        var cotangents = new Expr?[TensorSweeps.MaxArity(topology)];
        adjoints[^1] = builder.Constant(1);
        // The backward sweep of Reverse.Grad, with graphs for numbers: a contribution is partial ⊙ adjoint,
        // and contributions to one node add up in the order Grad adds them, so the arithmetic is the same.
        for (var i = topology.Count - 1; i >= 0; i--)
        {
            if (adjoints[i] is not { } adjoint) continue; // no path to the output: an exact zero
            adjoints[i] = null;
            int first = topology.First[i], second = topology.Second[i];
            switch (topology.Nodes[i])
            {
                case ApplyNode { Primitive: ElementwisePrimitive p } a:
                    var (dx, dy) = p.PartialsGraph(topology.Nodes[first], second < 0 ? null : topology.Nodes[second], a);
                    Accumulate(builder, ref adjoints[first], topology.Nodes[first].Shape, dx, adjoint);
                    if (second >= 0) Accumulate(builder, ref adjoints[second], topology.Nodes[second].Shape, dy!, adjoint);
                    break;
                case ApplyNode a when needed[i]:
                    var positions = topology.ArgumentsOf(i);
                    var arguments = new Expr[positions.Length];
                    for (var k = 0; k < arguments.Length; k++) arguments[k] = topology.Nodes[positions[k]];
                    Array.Clear(cotangents);
                    a.Primitive.VjpGraph(arguments, a, adjoint, cotangents);
                    for (var k = 0; k < arguments.Length; k++)
                        if (needed[positions[k]]) Add(builder, ref adjoints[positions[k]], cotangents[k]);
                    break;
                case InputNode:
                    ref var slot = ref partials[slots[topology.InputSlot[i]]];
                    slot = slot is null ? adjoint : builder.Apply(Primitives.Add, slot, adjoint, null);
                    break;
            }
        }
        return new GradientGraph(value, names, [.. partials.Select((p, slot) => p ?? builder.Zero(shapes[slot]))]);
    }

    /// <summary>Adds partial ⊙ adjoint, summed back to the argument's shape where the argument was broadcast.</summary>
    private static void Accumulate(GraphBuilder builder, ref Expr? sum, Shape shape, Expr partial, Expr adjoint)
    {
        var contribution = builder.Apply(Primitives.StrongMultiply, builder.InternOver(partial), adjoint, null);
        if (contribution.Shape != shape) contribution = builder.Operate(new SumToOperation(shape), contribution, null);
        AddCanonical(builder, ref sum, contribution);
    }

    /// <summary>Adds a tensor operation's cotangent graph (null is zero).</summary>
    private static void Add(GraphBuilder builder, ref Expr? sum, Expr? cotangent)
    {
        if (cotangent is not null) AddCanonical(builder, ref sum, builder.InternOver(cotangent));
    }

    private static void AddCanonical(GraphBuilder builder, ref Expr? sum, Expr contribution)
    {
        if (GraphBuilder.IsZero(contribution)) return;
        sum = sum is null ? contribution : builder.Apply(Primitives.Add, sum, contribution, null);
    }
}
