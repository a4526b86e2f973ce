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
        var inputs = topology.Bind(at);
        var seeds = topology.Seeds(direction);
        double[] values = Interpreter.Rent(topology.Count), tangents = Interpreter.Rent(topology.Count);
        try
        {
            Interpreter.Values(topology, inputs, values);
            return new Dual(values[topology.Count - 1], Interpreter.Tangents(topology, values, seeds, tangents));
        }
        finally
        {
            Interpreter.Return(values);
            Interpreter.Return(tangents);
        }
    }

    /// <summary>The gradient of <paramref name="graph"/> at <paramref name="at"/>, by one JVP per input.</summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    public static Gradient Grad(Expr graph, Bindings at)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var topology = graph.Topology;
        var values = topology.RentValues(at);
        var tangents = Interpreter.Rent(topology.Count);
        var partials = new double[topology.InputNames.Length];
        var seeds = new double[partials.Length];
        try
        {
            for (var i = 0; i < partials.Length; i++)
            {
                seeds[i] = 1;
                partials[i] = Interpreter.Tangents(topology, values, seeds, tangents);
                seeds[i] = 0;
            }
        }
        finally
        {
            Interpreter.Return(values);
            Interpreter.Return(tangents);
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
}
