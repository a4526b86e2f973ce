using System.Collections.Immutable;

namespace FunctionalAD;

// Anomaly detection on tensor graphs: the tensor sweeps, element by element.
public static partial class Anomalies
{
    /// <summary>The first anomaly on the tensor sweeps, element by element.</summary>
    private static Anomaly? FindTensors(Topology topology, Bindings at, DifferentiationMode mode)
    {
        var inputs = TensorSweeps.Bind(topology, at);
        var values = TensorSweeps.Values(topology, inputs);
        for (var i = 0; i < values.Length; i++)
        {
            if (FirstBad(values[i]) is var k and >= 0) return Make(topology, values, i, mode, AnomalyQuantity.Value, values[i], k, null, null);
        }
        return mode == DifferentiationMode.Forward ? FirstTangent(topology, values, inputs) : FirstCotangent(topology, values);
    }

    private static Anomaly? FirstTangent(Topology topology, Tensor[] values, Tensor[] inputs)
    {
        var seeds = new Tensor?[inputs.Length];
        for (var slot = 0; slot < inputs.Length; slot++)
        {
            for (var e = 0; e < inputs[slot].Shape.Count; e++)
            {
                seeds[slot] = TensorSweeps.Basis(inputs[slot].Shape, e);
                var tangents = TensorSweeps.AllTangents(topology, values, seeds);
                for (var i = 0; i < tangents.Length; i++)
                {
                    if (topology.First[i] >= 0 && tangents[i] is { } t && FirstBad(t) is var k and >= 0)
                    {
                        var direction = inputs[slot].Shape.IsScalar ? topology.InputNames[slot] : $"{topology.InputNames[slot]}[{e}]";
                        return Make(topology, values, i, DifferentiationMode.Forward, AnomalyQuantity.Tangent, t, k, direction, null);
                    }
                }
            }
            seeds[slot] = null;
        }
        return null;
    }

    private static Anomaly? FirstCotangent(Topology topology, Tensor[] values)
    {
        var adjoints = new Tensor?[topology.Count];
        var all = Enumerable.Repeat(true, topology.Count).ToArray();
        var arity = TensorSweeps.MaxArity(topology);
        var (arguments, asked, cotangents) = (new Tensor[arity], new bool[arity], new Tensor?[arity]);
        adjoints[^1] = Tensor.Filled(values[^1].Shape, 1);
        for (var i = adjoints.Length - 1; i >= 0; i--)
        {
            if (adjoints[i] is not { } adjoint || topology.Nodes[i] is not ApplyNode a) continue;
            var positions = topology.ArgumentsOf(i).ToArray();
            var pulled = TensorSweeps.PullBack(topology, values, i, a.Primitive, adjoint, all, arguments, asked, cotangents).ToArray();
            for (var argument = 0; argument < positions.Length; argument++)
            {
                var target = positions[argument];
                if (pulled[argument] is not { } g) continue;
                adjoints[target] = Kernels.Add(adjoints[target], g);
                if (FirstBad(g) is var k and >= 0)
                    return Make(topology, values, i, DifferentiationMode.Reverse, AnomalyQuantity.Cotangent, g, k, null, argument);
                if (FirstBad(adjoints[target]!.Value) is var s and >= 0)
                    return Make(topology, values, i, DifferentiationMode.Reverse, AnomalyQuantity.Cotangent, adjoints[target]!.Value, s, null, argument);
            }
            adjoints[i] = null;
        }
        return null;
    }

    /// <summary>The row-major index of the first element that is NaN or infinite, or −1.</summary>
    private static int FirstBad(Tensor t)
    {
        if (t.Shape.IsScalar) return double.IsFinite(t.ToScalar()) ? -1 : 0;
        var elements = t.ToArray();
        for (var k = 0; k < elements.Length; k++)
            if (!double.IsFinite(elements[k])) return k;
        return -1;
    }

    private static Anomaly Make(
        Topology topology, Tensor[] values, int i, DifferentiationMode mode, AnomalyQuantity quantity, Tensor numbers, int element,
        string? direction, int? argument)
    {
        var node = topology.Nodes[i];
        // The arguments of the bad element, when the node is elementwise (an argument may be broadcast).
        var arguments = ImmutableArray<double>.Empty;
        if (node is ApplyNode { Primitive: not TensorOperation })
        {
            var stored = StorageOrder.StorageIndex(node.Shape, element);
            arguments = [.. topology.ArgumentsOf(i).ToArray()
                .Select(a => values[a].At(Broadcasting.Map(values[a].Shape, node.Shape) is { } map ? map[stored] : stored))];
        }
        var number = numbers.ToArray()[element];
        return new Anomaly(mode, quantity, node, ExprPrinter.Print(node, PrintedLength), i, number, arguments, direction, argument)
        {
            Element = node.Shape.IsScalar && numbers.Shape.IsScalar ? null : element,
        };
    }
}
