namespace FunctionalAD;

public static partial class Forward
{
    /// <summary>
    /// The value of a flat graph (<see cref="FlatGraph"/>) at <paramref name="at"/> and its directional derivative along
    /// <paramref name="direction"/> (input names to tangents; a name left out has tangent zero).
    /// </summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">An input or a tangent is a tensor.</exception>
    /// <exception cref="ArgumentException"><paramref name="direction"/> names an input the graph does not have.</exception>
    public static ValueAndTangent<double> Jvp(FlatGraph graph, Bindings at, Bindings direction)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(direction);
        return ScalarJvp(graph.Topology, at, direction);
    }
}
