using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// Forward mode: values and tangents pushed together from the inputs to the output with each
/// primitive's JVP rule — over a graph, or over a function written with <see cref="Dual"/> numbers.
/// One sweep gives the derivative along one direction.
/// </summary>
public static partial class Forward
{
    /// <summary>
    /// The value of <paramref name="graph"/> at <paramref name="at"/> and its directional derivative along
    /// <paramref name="direction"/> (input names to tangents; a name left out has tangent zero).
    /// </summary>
    /// <example><code>Forward.Jvp(w * x + b, at, Bindings.Of(("x", 1.0))).Tangent   // dy/dx = w</code></example>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="direction"/> names an input the graph does not have.</exception>
    public static Dual Jvp(Expr graph, Bindings at, Bindings direction)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(direction);
        var topology = graph.Topology;
        if (topology.HasTensors) return JvpTensors(graph, at, direction);
        var values = topology.Values(topology.Bind(at));
        foreach (var name in direction.Names)
        {
            if (ImmutableArray.BinarySearch(topology.InputNames, name, StringComparer.Ordinal) < 0)
                throw new ArgumentException(
                    $"The direction gives a tangent for '{name}', but the graph has no such input; its inputs are: {NamedValues.ListNames(topology.InputNames)}.",
                    nameof(direction));
        }
        var seeds = topology.InputNames.Select(n => direction.GetOrDefault(n, 0)).ToArray();
        return new Dual(values[^1], TangentSweep(topology, values, seeds));
    }

    /// <summary>The gradient of <paramref name="graph"/> at <paramref name="at"/>, by one JVP per input.</summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    public static Gradient Grad(Expr graph, Bindings at)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var topology = graph.Topology;
        if (topology.HasTensors) return GradTensors(graph, at);
        var values = topology.Values(topology.Bind(at));
        var partials = new double[topology.InputNames.Length];
        var seeds = new double[partials.Length];
        for (var i = 0; i < partials.Length; i++)
        {
            seeds[i] = 1;
            partials[i] = TangentSweep(topology, values, seeds);
            seeds[i] = 0;
        }
        return new Gradient(topology.InputNames, partials);
    }

    /// <summary>The derivative of a univariate function at <paramref name="x"/>.</summary>
    /// <example><code>Forward.Derivative(t => Dual.Sin(t) * t, 1.0)   // sin 1 + cos 1</code></example>
    public static double Derivative(Func<Dual, Dual> f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f(Dual.Variable(x)).Tangent;
    }

    /// <summary>
    /// The value of <paramref name="f"/> at <paramref name="point"/> and its derivative along
    /// <paramref name="direction"/>, in one sweep.
    /// </summary>
    /// <exception cref="ArgumentException">The point and the direction differ in length.</exception>
    public static Dual JvpOf(Func<Dual[], Dual> f, double[] point, double[] direction)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(direction);
        if (point.Length != direction.Length)
            throw new ArgumentException(
                $"The direction has {direction.Length} components but the point has {point.Length}.", nameof(direction));
        return f([.. point.Select((x, i) => new Dual(x, direction[i]))]);
    }

    /// <summary>The gradient of <paramref name="f"/> at <paramref name="point"/>, by one JVP per component.</summary>
    public static ImmutableArray<double> GradOf(Func<Dual[], Dual> f, double[] point)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        var copy = point.ToArray();
        return [.. copy.Select((_, i) => f([.. copy.Select((x, j) => new Dual(x, i == j ? 1 : 0))]).Tangent)];
    }

    /// <summary>One forward sweep of tangents, given every node's value and each input's tangent.</summary>
    internal static double TangentSweep(Topology topology, double[] values, double[] inputTangents)
    {
        var tangents = new double[topology.Count];
        for (var i = 0; i < tangents.Length; i++)
        {
            switch (topology.Nodes[i])
            {
                case InputNode:
                    tangents[i] = inputTangents[topology.InputSlot[i]];
                    break;
                case ApplyNode a:
                    int first = topology.First[i], second = topology.Second[i];
                    double dx = tangents[first], dy = second < 0 ? 0 : tangents[second];
                    // A node none of whose arguments moves does not move: no rule is asked, so no 0 · ∞.
                    tangents[i] = dx == 0 && dy == 0
                        ? 0
                        : a.Primitive.Jvp(values[first], second < 0 ? 0 : values[second], values[i], dx, dy);
                    break;
            }
        }
        return tangents[^1];
    }
}
