namespace FunctionalAD;

public static partial class Reverse
{
    /// <summary>The gradient of a flat graph (<see cref="FlatGraph"/>) at <paramref name="at"/>: one number per input.</summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">An input is bound to a tensor.</exception>
    public static Gradient Grad(FlatGraph graph, Bindings at) => ValueAndGrad(graph, at).Gradient;

    /// <summary>The value and the gradient of a flat graph, from one forward and one backward sweep.</summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">An input is bound to a tensor.</exception>
    public static ValueAndGradient<double, Gradient> ValueAndGrad(FlatGraph graph, Bindings at)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(at);
        return ScalarValueAndGrad(graph.Topology, at);
    }
}
