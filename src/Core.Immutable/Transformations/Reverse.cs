using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>The value of a scalar function and its pullback, which maps an output cotangent to input cotangents.</summary>
/// <typeparam name="TCotangents">The input cotangents: a <see cref="Gradient"/> for graphs, an array for functions.</typeparam>
/// <param name="Value">The function's value.</param>
/// <param name="Pullback">Maps the output cotangent u to uᵀJ; pure, callable any number of times.</param>
public sealed record ValueAndPullback<TCotangents>(double Value, Func<double, TCotangents> Pullback);

/// <summary>The value of a scalar function and its gradient.</summary>
/// <typeparam name="TGradient">The gradient: a <see cref="Gradient"/> for graphs, an array for functions.</typeparam>
/// <param name="Value">The function's value.</param>
/// <param name="Gradient">The partial derivatives, one per input.</param>
public sealed record ValueAndGradient<TGradient>(double Value, TGradient Gradient);

/// <summary>
/// Reverse mode: a forward sweep records each primitive's pullback closure, then a backward sweep in
/// reverse topological order sends cotangents from the output to the inputs, adding the contributions
/// of shared nodes. One backward sweep gives the whole gradient. A node whose cotangent is exactly zero
/// is skipped, so a branch that does not reach the output contributes zero, never NaN.
/// </summary>
public static partial class Reverse
{
    /// <summary>The value of <paramref name="graph"/> at <paramref name="at"/> and its pullback.</summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    public static ValueAndPullback<Gradient> Vjp(Expr graph, Bindings at)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var topology = graph.Topology;
        if (topology.HasTensors) return VjpTensors(graph, at);
        var values = topology.Values(topology.Bind(at));
        var pullbacks = new Pullback?[topology.Count];
        for (var i = 0; i < pullbacks.Length; i++)
        {
            if (topology.Nodes[i] is ApplyNode a)
            {
                int second = topology.Second[i];
                pullbacks[i] = a.Primitive.Vjp(values[topology.First[i]], second < 0 ? 0 : values[second], values[i]);
            }
        }
        return new ValueAndPullback<Gradient>(values[^1], cotangent => new Gradient(topology.InputNames, Sweep(topology, pullbacks, cotangent)));
    }

    /// <summary>The gradient of <paramref name="graph"/> at <paramref name="at"/>: one entry per input name.</summary>
    /// <example><code>Reverse.Grad(w * x + b, at)["w"]   // dy/dw = x</code></example>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    public static Gradient Grad(Expr graph, Bindings at) => Vjp(graph, at).Pullback(1);

    /// <summary>The value and the gradient of <paramref name="graph"/> at <paramref name="at"/>, from one forward and one backward sweep.</summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    public static ValueAndGradient<Gradient> ValueAndGrad(Expr graph, Bindings at)
    {
        var vjp = Vjp(graph, at);
        return new(vjp.Value, vjp.Pullback(1));
    }

    /// <summary>
    /// The value of a function written with <see cref="ReverseNumber"/>s at <paramref name="point"/> and its
    /// pullback, mapping an output cotangent to one cotangent per component of the point.
    /// </summary>
    public static ValueAndPullback<ImmutableArray<double>> VjpOf(
        Func<ReverseNumber[], ReverseNumber> f, double[] point)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        var inputs = point.Select(ReverseNumber.Variable).ToArray();
        var output = f([.. inputs]) ?? throw new InvalidOperationException("The function returned null instead of a ReverseNumber.");
        return new(output.Value, cotangent => ReverseNumber.Sweep(output, inputs, cotangent));
    }

    /// <summary>The value and the gradient of a function written with <see cref="ReverseNumber"/>s.</summary>
    public static ValueAndGradient<ImmutableArray<double>> ValueAndGradOf(Func<ReverseNumber[], ReverseNumber> f, double[] point)
    {
        var vjp = VjpOf(f, point);
        return new(vjp.Value, vjp.Pullback(1));
    }

    /// <summary>The gradient of a function written with <see cref="ReverseNumber"/>s, in one backward sweep.</summary>
    /// <example><code>Reverse.GradOf(v => v[0] * v[1] + v[2], [3.0, 2.0, 1.0])   // [2, 3, 1]</code></example>
    public static ImmutableArray<double> GradOf(Func<ReverseNumber[], ReverseNumber> f, double[] point) =>
        VjpOf(f, point).Pullback(1);

    /// <summary>The backward sweep over a graph's recorded pullbacks; returns one cotangent per input name.</summary>
    private static double[] Sweep(Topology topology, Pullback?[] pullbacks, double seed)
    {
        var adjoints = new double[topology.Count];
        var inputs = new double[topology.InputNames.Length];
        adjoints[^1] = seed;
        for (var i = adjoints.Length - 1; i >= 0; i--)
        {
            var adjoint = adjoints[i];
            if (adjoint == 0) continue; // a zero cotangent is never multiplied into a pullback
            if (pullbacks[i] is { } pullback)
            {
                var (first, second) = pullback(adjoint);
                adjoints[topology.First[i]] += first;
                if (topology.Second[i] >= 0) adjoints[topology.Second[i]] += second;
            }
            else if (topology.InputSlot[i] >= 0)
            {
                inputs[topology.InputSlot[i]] += adjoint;
            }
        }
        return inputs;
    }
}
