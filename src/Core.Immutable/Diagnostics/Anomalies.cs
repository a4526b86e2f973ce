using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// Anomaly detection, opt-in (as PyTorch's <c>detect_anomaly</c>): runs a mode over a graph while checking every
/// number it makes, and reports the first node whose rule turned finite numbers into NaN or an infinity —
/// its value, a tangent, or a cotangent its pullback sent back. It costs a second run of the mode, so use it
/// to find a fault, not in every step.
/// </summary>
public static partial class Anomalies
{
    private const int PrintedLength = 256;

    /// <summary>
    /// The first anomaly in differentiating <paramref name="graph"/> at <paramref name="at"/> in
    /// <paramref name="mode"/>, or null when every value, tangent and cotangent is finite. Values are checked
    /// first, in topological order; then, in forward mode, the tangents of each input's sweep in input order,
    /// and in reverse mode the cotangents of the backward sweep, from the output towards the inputs.
    /// </summary>
    /// <remarks>
    /// On a graph with tensor nodes every element is checked, and <see cref="Anomaly.Element"/> names the element; in
    /// forward mode there is one tangent sweep per input element, and in reverse mode the backward sweep of a tensor
    /// output is seeded with ones.
    /// </remarks>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's shape.</exception>
    public static Anomaly? Find(Expr graph, Bindings at, DifferentiationMode mode = DifferentiationMode.Reverse)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (mode is not (DifferentiationMode.Forward or DifferentiationMode.Reverse))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "The mode must be Forward or Reverse.");
        var topology = graph.Topology;
        if (topology.HasTensors) return FindTensors(topology, at, mode);
        var values = Interpreter.Values(topology, topology.Bind(at));
        return FirstValue(topology, values, mode)
               ?? (mode == DifferentiationMode.Forward ? FirstTangent(topology, values) : FirstCotangent(topology, values));
    }

    /// <summary>
    /// The gradient of <paramref name="graph"/> at <paramref name="at"/> by <paramref name="mode"/>, checked:
    /// the same bits as <see cref="Reverse.Grad(Expr, Bindings)"/> or <see cref="Forward.Grad(Expr, Bindings)"/>, or an exception that names the
    /// first node that produced NaN or an infinity.
    /// </summary>
    /// <exception cref="AnomalyException">A value, tangent or cotangent is NaN or infinite; see <see cref="Find(Expr, Bindings, DifferentiationMode)"/>.</exception>
    /// <exception cref="InvalidOperationException">The graph's output is not a scalar.</exception>
    public static Gradient CheckedGrad(Expr graph, Bindings at, DifferentiationMode mode = DifferentiationMode.Reverse)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Forward.RequireScalar(graph, "Anomalies.CheckedGrad");
        if (Find(graph, at, mode) is { } anomaly) throw new AnomalyException(anomaly);
        return mode == DifferentiationMode.Forward ? Forward.Grad(graph, at) : Reverse.Grad(graph, at);
    }

    private static Anomaly? FirstValue(Topology topology, double[] values, DifferentiationMode mode)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i])) return Make(topology, values, i, mode, AnomalyQuantity.Value, values[i], null, null);
        }
        return null;
    }

    /// <summary>One tangent sweep per input, as <see cref="Forward.Grad(Expr, Bindings)"/> runs them, checking each tangent.</summary>
    private static Anomaly? FirstTangent(Topology topology, double[] values)
    {
        var tangents = new double[topology.Count];
        for (var seed = 0; seed < topology.InputNames.Length; seed++)
        {
            for (var i = 0; i < tangents.Length; i++)
            {
                switch (topology.Nodes[i])
                {
                    case InputNode:
                        tangents[i] = topology.InputSlot[i] == seed ? 1 : 0;
                        break;
                    case ApplyNode a:
                        int first = topology.First[i], second = topology.Second[i];
                        double dx = tangents[first], dy = second < 0 ? 0 : tangents[second];
                        tangents[i] = dx == 0 && dy == 0
                            ? 0
                            : ((ElementwisePrimitive)a.Primitive).Jvp(values[first], second < 0 ? 0 : values[second], values[i], dx, dy);
                        if (!double.IsFinite(tangents[i]))
                            return Make(topology, values, i, DifferentiationMode.Forward, AnomalyQuantity.Tangent, tangents[i], topology.InputNames[seed], null);
                        break;
                    default:
                        tangents[i] = 0;
                        break;
                }
            }
        }
        return null;
    }

    /// <summary>The backward sweep of <see cref="Reverse.Grad(Expr, Bindings)"/>, checking each cotangent a pullback sends and each sum it makes.</summary>
    private static Anomaly? FirstCotangent(Topology topology, double[] values)
    {
        var adjoints = new double[topology.Count];
        adjoints[^1] = 1;
        for (var i = adjoints.Length - 1; i >= 0; i--)
        {
            if (adjoints[i] == 0 || topology.Nodes[i] is not ApplyNode a) continue;
            int first = topology.First[i], second = topology.Second[i];
            var pullback = ((ElementwisePrimitive)a.Primitive).Vjp(values[first], second < 0 ? 0 : values[second], values[i]);
            var (toFirst, toSecond) = pullback(adjoints[i]);
            adjoints[first] += toFirst;
            if (!double.IsFinite(adjoints[first]))
                return Make(topology, values, i, DifferentiationMode.Reverse, AnomalyQuantity.Cotangent, toFirst, null, 0, adjoints[first]);
            if (second < 0) continue;
            adjoints[second] += toSecond;
            if (!double.IsFinite(adjoints[second]))
                return Make(topology, values, i, DifferentiationMode.Reverse, AnomalyQuantity.Cotangent, toSecond, null, 1, adjoints[second]);
        }
        return null;
    }

    private static Anomaly Make(
        Topology topology, double[] values, int i, DifferentiationMode mode, AnomalyQuantity quantity, double number,
        string? direction, int? argument, double? sum = null)
    {
        var node = topology.Nodes[i];
        ImmutableArray<double> arguments = topology.First[i] < 0
            ? []
            : topology.Second[i] < 0 ? [values[topology.First[i]]] : [values[topology.First[i]], values[topology.Second[i]]];
        // A finite contribution can still overflow the sum it joins: then the sum is what went wrong.
        var reported = double.IsFinite(number) && sum is { } s ? s : number;
        return new Anomaly(mode, quantity, node, ExprPrinter.Print(node, PrintedLength), i, reported, arguments, direction, argument);
    }
}
