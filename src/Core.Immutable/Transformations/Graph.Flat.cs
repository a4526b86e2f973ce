namespace FunctionalAD;

public static partial class Graph
{
    /// <summary>The value of a flat graph (<see cref="FlatGraph"/>) with its inputs bound by <paramref name="at"/>.</summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">An input is bound to a tensor.</exception>
    public static double Evaluate(FlatGraph graph, Bindings at)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(at);
        return ScalarValue(graph.Topology, at);
    }
}
