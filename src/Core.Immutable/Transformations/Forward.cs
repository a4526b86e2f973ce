using System.Collections.Immutable;
using System.Numerics;

namespace FunctionalAD;

/// <summary>
/// Forward mode: values and tangents pushed together from the inputs to the output with each
/// primitive's JVP rule — over a graph, or over a function written with <see cref="Dual{T}"/> numbers.
/// One sweep gives the derivative along one direction.
/// </summary>
public static partial class Forward
{
    /// <summary>
    /// The value of <paramref name="graph"/> at <paramref name="at"/> and its directional derivative J·v along
    /// <paramref name="direction"/> (input names to tangents of the inputs' shapes; a name left out has tangent zero).
    /// </summary>
    /// <example><code>double dydx = Forward.Jvp(w * x + b, at, Bindings.Of(("x", 1.0))).Tangent;   // w</code></example>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding or a tangent does not have its input's shape.</exception>
    /// <exception cref="ArgumentException"><paramref name="direction"/> names an input the graph does not have.</exception>
    public static ValueAndTangent<Tensor> Jvp(Expr graph, Bindings at, Bindings direction)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(direction);
        var topology = graph.Topology;
        if (topology.HasTensors) return JvpTensors(graph, at, direction);
        var inputs = topology.Bind(at);
        var seeds = topology.Seeds(direction);
        double[] values = Interpreter.Rent(topology.Count, clear: false), tangents = Interpreter.Rent(topology.Count);
        try
        {
            Interpreter.Values(topology, inputs, values);
            return new(values[topology.Count - 1], Interpreter.Tangents(topology, values, seeds, tangents));
        }
        finally
        {
            Interpreter.Return(values);
            Interpreter.Return(tangents);
        }
    }

    /// <summary>
    /// The gradient of a graph with a scalar output at <paramref name="at"/>, by one JVP per input element: one tensor
    /// per input, of that input's shape.
    /// </summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's declared shape.</exception>
    /// <exception cref="InvalidOperationException">The graph's output is not a scalar.</exception>
    public static Gradient Grad(Expr graph, Bindings at)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(at);
        var topology = graph.Topology;
        if (topology.HasTensors) return GradTensors(graph, at);
        var values = Interpreter.RentValues(topology, at);
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
        return Gradient.Owning(topology.InputNames, partials);
    }

    /// <summary>
    /// The derivative of a univariate function at <paramref name="x"/>. Generic over the scalar, so it nests:
    /// inside a function of a <c>Dual&lt;double&gt;</c>, differentiate with <c>T = Dual&lt;double&gt;</c> and the
    /// result is itself a dual number, differentiable by the outer call.
    /// </summary>
    /// <example><code>Forward.Derivative(t => Dual.Sin(t) * t, 1.0)   // sin 1 + cos 1</code></example>
    public static T Derivative<T>(Func<Dual<T>, Dual<T>> f, T x) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return f(new Dual<T>(x, T.One, Dual<T>.NewTag())).Tangent;
    }

    /// <summary>
    /// The value of <paramref name="f"/> at <paramref name="point"/> and its derivative along
    /// <paramref name="direction"/>, in one sweep.
    /// </summary>
    /// <exception cref="ArgumentException">The point and the direction differ in length.</exception>
    public static Dual<T> JvpOf<T>(Func<Dual<T>[], Dual<T>> f, T[] point, T[] direction) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(direction);
        Shapes.RequireSameLength(point.Length, direction.Length, "JvpOf", "point", "direction");
        return f(Seed(point, direction));
    }

    /// <summary>The gradient of <paramref name="f"/> at <paramref name="point"/>, by one JVP per component.</summary>
    public static ImmutableArray<T> GradOf<T>(Func<Dual<T>[], Dual<T>> f, T[] point) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        var copy = point.ToArray();
        var gradient = new T[copy.Length];
        for (var i = 0; i < copy.Length; i++) gradient[i] = f(Seed(copy, i)).Tangent;
        return [.. gradient];
    }

    /// <summary>Fresh duals at <paramref name="point"/> with the given tangents, all carrying one fresh perturbation tag.</summary>
    internal static Dual<T>[] Seed<T>(T[] point, T[] direction) where T : IFloatingPointIeee754<T>
    {
        // Every element is written below, so the array need not be zeroed first.
        var duals = GC.AllocateUninitializedArray<Dual<T>>(point.Length);
        var tag = Dual<T>.NewTag();
        for (var i = 0; i < duals.Length; i++) duals[i] = new Dual<T>(point[i], direction[i], tag);
        return duals;
    }

    /// <summary>Fresh duals at <paramref name="point"/> with tangent 1 in component <paramref name="axis"/>, 0 elsewhere.</summary>
    internal static Dual<T>[] Seed<T>(T[] point, int axis) where T : IFloatingPointIeee754<T>
    {
        var duals = new Dual<T>[point.Length];
        var tag = Dual<T>.NewTag();
        for (var i = 0; i < duals.Length; i++) duals[i] = new Dual<T>(point[i], i == axis ? T.One : T.Zero, tag);
        return duals;
    }
}
