namespace FunctionalAD;

// Reverse mode with options: what loops keep for the backward sweep. The result is the same, bit for bit, as without.
public static partial class Reverse
{
    /// <summary>
    /// The value of <paramref name="graph"/> at <paramref name="at"/> and its pullback, keeping what
    /// <paramref name="options"/> asks of each loop for the backward sweep (see <see cref="Vjp(Expr, Bindings)"/>).
    /// </summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding, or later a cotangent, does not have the expected shape.</exception>
    public static ValueAndPullback<Tensor, Gradient> Vjp(Expr graph, Bindings at, ReverseOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(options);
        return graph.Topology.HasTensors ? VjpTensors(graph, at, options) : Vjp(graph, at);
    }

    /// <summary>The gradient of a graph with a scalar output, keeping what <paramref name="options"/> asks of each loop.</summary>
    /// <example><code>Reverse.Grad(loss, at, ReverseOptions.StoreEveryStep)</code></example>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's declared shape.</exception>
    /// <exception cref="InvalidOperationException">The graph's output is not a scalar.</exception>
    public static Gradient Grad(Expr graph, Bindings at, ReverseOptions options) => ValueAndGrad(graph, at, options).Gradient;

    /// <summary>The value and the gradient of a graph with a scalar output, keeping what <paramref name="options"/> asks of each loop.</summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's declared shape.</exception>
    /// <exception cref="InvalidOperationException">The graph's output is not a scalar.</exception>
    public static ValueAndGradient<double, Gradient> ValueAndGrad(Expr graph, Bindings at, ReverseOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(options);
        if (!graph.Topology.HasTensors) return ValueAndGrad(graph, at);
        Forward.RequireScalar(graph, "Reverse.ValueAndGrad");
        var vjp = VjpTensors(graph, at, options);
        return new(vjp.Value.ToScalar(), vjp.Pullback(1.0));
    }
}
