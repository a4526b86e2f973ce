namespace FunctionalAD;

// Numerical derivatives: an independent check on the two modes that uses no derivative rule at all.
public static partial class Graph
{
    /// <summary>The relative step of <see cref="CentralDifferences(Expr, Bindings)"/>: h = 1e-6 · max(1, |x|).</summary>
    public const double DefaultRelativeStep = 1e-6;

    /// <summary>
    /// The gradient of a graph with a scalar output at <paramref name="at"/> estimated by central differences, element
    /// by element: (f(x + h·eₖ) − f(x − h·eₖ)) / 2h with h = 1e-6 · max(1, |xₖ|), one tensor per input, of its shape.
    /// Accurate to about 1e-9 relative for smooth functions away from kinks, and wrong across a kink. It uses values
    /// only, so it checks forward and reverse mode independently of the primitives' derivative rules.
    /// </summary>
    /// <example><code>Graph.CentralDifferences(w * x + b, at)["w"]   // ≈ 3 = x</code></example>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's shape.</exception>
    /// <exception cref="InvalidOperationException">The graph's output is not a scalar.</exception>
    public static Gradient CentralDifferences(Expr graph, Bindings at) => CentralDifferences(graph, at, DefaultRelativeStep);

    /// <summary>The gradient estimated by central differences with step h = <paramref name="relativeStep"/> · max(1, |xₖ|).</summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="relativeStep"/> is not a positive finite number.</exception>
    /// <exception cref="InvalidOperationException">The graph's output is not a scalar.</exception>
    public static Gradient CentralDifferences(Expr graph, Bindings at, double relativeStep)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(at);
        if (!(relativeStep > 0) || double.IsInfinity(relativeStep))
            throw new ArgumentOutOfRangeException(nameof(relativeStep), relativeStep, "The relative step must be a positive finite number.");
        var topology = graph.Topology;
        if (topology.HasTensors) return CentralDifferencesOfTensors(graph, at, relativeStep);
        var point = topology.Bind(at);
        var partials = new double[point.Length];
        for (var i = 0; i < point.Length; i++)
        {
            var x = point[i];
            var h = relativeStep * Math.Max(1, Math.Abs(x));
            point[i] = x + h;
            var above = Interpreter.Values(topology, point)[^1];
            point[i] = x - h;
            var below = Interpreter.Values(topology, point)[^1];
            point[i] = x;
            partials[i] = (above - below) / (2 * h);
        }
        return Gradient.Owning(topology.InputNames, partials);
    }

    /// <summary>The central differences on the tensor sweeps, one element at a time.</summary>
    private static Gradient CentralDifferencesOfTensors(Expr graph, Bindings at, double relativeStep)
    {
        Forward.RequireScalar(graph, "Graph.CentralDifferences");
        var topology = graph.Topology;
        var inputs = TensorSweeps.Bind(topology, at);
        var partials = new Tensor[inputs.Length];
        for (var slot = 0; slot < inputs.Length; slot++)
        {
            var x = inputs[slot];
            var elements = x.ToArray();
            var estimates = new double[elements.Length];
            for (var k = 0; k < elements.Length; k++)
            {
                var h = relativeStep * Math.Max(1, Math.Abs(elements[k]));
                double At(double value)
                {
                    var moved = (double[])elements.Clone();
                    moved[k] = value;
                    var point = (Tensor[])inputs.Clone();
                    point[slot] = Kernels.FromRowMajor(x.Shape, moved);
                    return TensorSweeps.Values(topology, point)[^1].ToScalar();
                }
                estimates[k] = (At(elements[k] + h) - At(elements[k] - h)) / (2 * h);
            }
            partials[slot] = Kernels.FromRowMajor(x.Shape, estimates);
        }
        return new Gradient(topology.InputNames, [.. partials]);
    }
}
