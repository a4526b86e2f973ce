using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// The first place where a computation produced NaN or an infinity from finite numbers, as found by
/// <see cref="Anomalies.Find(Expr, Bindings, DifferentiationMode)"/>: the node whose rule produced it, which number, and
/// the argument values it saw. In a tensor graph, the number is the first bad element (in row-major order) of the
/// node's value, tangent or cotangent, <see cref="Element"/> says which, and the arguments are those of that element
/// for an elementwise node (none for a tensor operation, whose element depends on many).
/// </summary>
/// <param name="Mode">The mode that was run.</param>
/// <param name="Quantity">Which number went wrong: the value, a tangent or a cotangent.</param>
/// <param name="Node">The node whose rule produced the number (an input or constant if it was given so).</param>
/// <param name="Printed">The node in infix notation, cut at 256 characters.</param>
/// <param name="Position">The node's position in the graph's topological order (<see cref="Graph.Nodes"/>).</param>
/// <param name="Number">The offending number: NaN, +∞ or −∞.</param>
/// <param name="Arguments">The values of the node's arguments (empty for an input, a constant or a tensor operation).</param>
/// <param name="Direction">For a tangent, the input whose direction was being swept (with the element, <c>W[3]</c>, for a tensor input); otherwise null.</param>
/// <param name="Argument">For a cotangent, which argument of the node (0 or 1) received it; otherwise null.</param>
public sealed record Anomaly(
    DifferentiationMode Mode,
    AnomalyQuantity Quantity,
    Expr Node,
    string Printed,
    int Position,
    double Number,
    ImmutableArray<double> Arguments,
    string? Direction,
    int? Argument)
{
    /// <summary>For a tensor node, the row-major index of the offending element (of the value, tangent or cotangent); null for a scalar.</summary>
    public int? Element { get; init; }

    /// <summary>One sentence, e.g. <c>reverse mode: the pullback of sqrt(x) sent ∞ to its argument 0 (x = 0)</c>.</summary>
    public override string ToString()
    {
        var number = Format(Number);
        var what = Quantity switch
        {
            AnomalyQuantity.Value when Node is InputNode => $"the input {Printed} is {number}",
            AnomalyQuantity.Value when Node is ConstantNode => $"the constant {Printed} is {number}",
            AnomalyQuantity.Value => $"the value of {Printed} is {number}",
            AnomalyQuantity.Tangent => $"the tangent of {Printed} along {Direction} is {number}",
            _ => $"the pullback of {Printed} sent {number} to its argument {Argument}",
        };
        var element = Element is { } k ? $" at element {k}" : "";
        var arguments = Arguments.IsEmpty ? "" : $" (arguments: {string.Join(", ", Arguments.Select(Format))})";
        return $"{Mode.ToString().ToLowerInvariant()} mode: {what}{element}{arguments}";
    }

    private static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+∞",
        double.NegativeInfinity => "−∞",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
