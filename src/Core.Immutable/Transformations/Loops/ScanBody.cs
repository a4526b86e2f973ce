using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A scan's two body graphs laid out once — the new carry and the output slice, both from the carry, the current slice
/// of the sequence (when there is one) and the parameters — and where each of those is among each body's inputs.
/// </summary>
internal sealed class ScanBody
{
    public ScanBody(Expr carryGraph, Expr outputGraph, string carry, string? slice)
    {
        CarryGraph = carryGraph;
        OutputGraph = outputGraph;
        Carry = carry;
        Slice = slice;
        CarryTopology = carryGraph.Topology;
        OutputTopology = outputGraph.Topology;
        var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
        foreach (var topology in new[] { CarryTopology, OutputTopology })
        {
            var declared = TensorSweeps.InputShapes(topology);
            for (var s = 0; s < declared.Length; s++)
            {
                var name = topology.InputNames[s];
                if (shapes.TryGetValue(name, out var other) && other != declared[s])
                    throw new ShapeMismatchException("Scan", $"Scan: the input '{name}' has shape {other} in the new carry and {declared[s]} in the output.");
                shapes[name] = declared[s];
            }
        }
        CarryShape = shapes.GetValueOrDefault(carry, carryGraph.Shape);
        SliceShape = slice is null ? null : shapes.TryGetValue(slice, out var sliceShape) ? sliceShape : null;
        Parameters = [.. shapes.Keys.Where(n => n != carry && n != slice).Order(StringComparer.Ordinal)];
        ParameterShapes = [.. Parameters.Select(n => shapes[n])];
        CarrySlots = Slots(CarryTopology);
        OutputSlots = Slots(OutputTopology);
    }

    public Expr CarryGraph { get; }

    public Expr OutputGraph { get; }

    public string Carry { get; }

    /// <summary>The name of the input that is the current slice of the sequence; null for a scan without one.</summary>
    public string? Slice { get; }

    public Topology CarryTopology { get; }

    public Topology OutputTopology { get; }

    public Shape CarryShape { get; }

    /// <summary>The slice's shape where a body reads it; null when neither does.</summary>
    public Shape? SliceShape { get; }

    /// <summary>The bodies' other inputs, in ordinal order: the scan node's last arguments.</summary>
    public ImmutableArray<string> Parameters { get; }

    public ImmutableArray<Shape> ParameterShapes { get; }

    /// <summary>Where the carry, the slice and each parameter are among the new carry's inputs (−1 where it does not read them).</summary>
    public (int Carry, int Slice, int[] Parameters) CarrySlots { get; }

    /// <summary>Where the carry, the slice and each parameter are among the output's inputs.</summary>
    public (int Carry, int Slice, int[] Parameters) OutputSlots { get; }

    private (int, int, int[]) Slots(Topology topology) =>
        (topology.InputNames.IndexOf(Carry), Slice is null ? -1 : topology.InputNames.IndexOf(Slice),
            [.. Parameters.Select(n => topology.InputNames.IndexOf(n))]);
}
