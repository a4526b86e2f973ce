using System.Collections.Immutable;
using System.Numerics;

namespace FunctionalAD;

/// <summary>
/// Reverse mode: a forward sweep computes every node's value, then a backward sweep in reverse
/// topological order sends cotangents from the output to the inputs through each primitive's pullback
/// rule, adding the contributions of shared nodes in one buffer of adjoints. One backward sweep gives
/// the whole gradient. A node whose cotangent is exactly zero is skipped, so a branch that does not reach the output contributes zero, never NaN.
/// </summary>
public static partial class Reverse
{
    /// <summary>
    /// The value of <paramref name="graph"/> at <paramref name="at"/> and its pullback, which maps an output cotangent
    /// (of the output's shape; a number for a scalar output) to one cotangent per input, of that input's shape.
    /// </summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding, or later a cotangent, does not have the expected shape.</exception>
    public static ValueAndPullback<Tensor, Gradient> Vjp(Expr graph, Bindings at)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(at);
        var topology = graph.Topology;
        if (topology.HasTensors) return VjpTensors(graph, at);
        var values = Interpreter.Values(topology, topology.Bind(at));
        return new(values[^1], cotangent =>
        {
            RequireCotangentShape(graph, cotangent);
            return Gradient.Owning(topology.InputNames, Sweep(topology, values, cotangent.ToScalar()));
        });
    }

    /// <summary>The gradient of a graph with a scalar output at <paramref name="at"/>: one tensor per input, of that input's shape.</summary>
    /// <example><code>double dw = Reverse.Grad(w * x + b, at)["w"];   // dy/dw = x</code></example>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's declared shape.</exception>
    /// <exception cref="InvalidOperationException">The graph's output is not a scalar.</exception>
    public static Gradient Grad(Expr graph, Bindings at) => ValueAndGrad(graph, at).Gradient;

    /// <summary>The value and the gradient of a graph with a scalar output, from one forward and one backward sweep.</summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's declared shape.</exception>
    /// <exception cref="InvalidOperationException">The graph's output is not a scalar.</exception>
    public static ValueAndGradient<double, Gradient> ValueAndGrad(Expr graph, Bindings at)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(at);
        var topology = graph.Topology;
        if (topology.HasTensors)
        {
            Forward.RequireScalar(graph, "Reverse.ValueAndGrad");
            var vjp = VjpTensors(graph, at);
            return new(vjp.Value.ToScalar(), vjp.Pullback(1.0));
        }
        return ScalarValueAndGrad(topology, at);
    }

    /// <summary>The value and the gradient of a scalar layout (an <see cref="Expr"/> graph's or a <see cref="FlatGraph"/>'s) on the interpreter.</summary>
    private static ValueAndGradient<double, Gradient> ScalarValueAndGrad(Topology topology, Bindings at)
    {
        var values = Interpreter.RentValues(topology, at);
        try
        {
            return new(values[topology.Count - 1], Gradient.Owning(topology.InputNames, Sweep(topology, values, 1)));
        }
        finally
        {
            Interpreter.Return(values);
        }
    }

    /// <summary>
    /// The value of a function written with <see cref="ReverseNumber{T}"/>s at <paramref name="point"/> and its
    /// pullback, mapping an output cotangent to one cotangent per component of the point. The pullback is pure:
    /// each call is a fresh backward sweep over the recorded operations.
    /// </summary>
    public static ValueAndPullback<T, ImmutableArray<T>> VjpOf<T>(Func<ReverseNumber<T>[], ReverseNumber<T>> f, T[] point)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        var inputs = Variables(point);
        var output = f([.. inputs]);
        ReverseNumber<T>.EndRecording(inputs);
        return new(output.Value, cotangent => [.. ReverseNumber<T>.Sweep(inputs, [output], [cotangent])]);
    }

    /// <summary>The value and the gradient of a function written with <see cref="ReverseNumber{T}"/>s.</summary>
    public static ValueAndGradient<T, ImmutableArray<T>> ValueAndGradOf<T>(Func<ReverseNumber<T>[], ReverseNumber<T>> f, T[] point)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        var inputs = Variables(point);
        var output = f([.. inputs]);
        return new(output.Value, [.. ReverseNumber<T>.SweepOnce(inputs, [output], [T.One])]);
    }

    /// <summary>The gradient of a function written with <see cref="ReverseNumber{T}"/>s, in one backward sweep.</summary>
    /// <example><code>Reverse.GradOf(v => v[0] * v[1] + v[2], [3.0, 2.0, 1.0])   // [2, 3, 1]</code></example>
    public static ImmutableArray<T> GradOf<T>(Func<ReverseNumber<T>[], ReverseNumber<T>> f, T[] point)
        where T : IFloatingPointIeee754<T> =>
        ValueAndGradOf(f, point).Gradient;

    /// <summary>Fresh variables at <paramref name="point"/>, one per component, on a new tape owned by the calling thread.</summary>
    internal static ReverseNumber<T>[] Variables<T>(ReadOnlySpan<T> point) where T : IFloatingPointIeee754<T>
    {
        var tape = ReverseTape<T>.Open();
        var inputs = new ReverseNumber<T>[point.Length];
        for (var i = 0; i < inputs.Length; i++) inputs[i] = ReverseNumber<T>.Variable(tape, point[i]);
        return inputs;
    }

    /// <summary>The backward sweep from every node's value; returns one cotangent per input name.</summary>
    private static double[] Sweep(Topology topology, double[] values, double seed)
    {
        var inputs = new double[topology.InputNames.Length];
        var adjoints = Interpreter.Rent(topology.Count);
        try
        {
            Interpreter.Adjoints(topology, values, seed, adjoints, inputs);
        }
        finally
        {
            Interpreter.Return(adjoints);
        }
        return inputs;
    }
}
