using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// The largest or smallest element of each lane along an axis (of all elements when the axis is null). The tie rule is
/// JAX's: when several elements share the extremum, the derivative is shared equally among them, so the tangent is the
/// mean of their tangents and each gets an equal part of the cotangent; a NaN in a lane is its extremum. Which
/// elements are extreme does not change under a small nudge (away from ties), so the gather and the scatter are linear
/// in their second argument and have no derivative in the first (<see cref="SelectionOperation"/>).
/// </summary>
internal sealed class ExtremumOperation(bool isMax, int? axis, SelectionRole role) : SelectionOperation(role)
{
    public bool IsMax { get; } = isMax;
    public int? Axis { get; } = axis;

    public override string Name => (IsMax ? "Max" : "Min") + RoleSuffix;
    public override ImmutableArray<double> Parameters => Axis is { } a ? [a] : [];
    internal override string? ParameterText => Axis is { } a ? string.Create(CultureInfo.InvariantCulture, $"axis: {a}") : null;

    private protected override Shape Selected(Shape x) =>
        Axis is { } a && (a < 0 || a >= x.Rank) ? throw Mismatch($"axis {a} is out of range for shape {x}.") : Lanes.Reduced(x, Axis);

    private protected override SelectionOperation In(SelectionRole role) => new ExtremumOperation(IsMax, Axis, role);

    /// <summary>For each lane, the mean of <paramref name="t"/> over the elements where x is extreme.</summary>
    private protected override Tensor Gathered(Tensor x, Tensor t)
    {
        var lanes = Lanes.Of(x.Shape, Axis);
        var result = new double[lanes.Count];
        for (var l = 0; l < lanes.Count; l++)
        {
            var (extremum, count) = Extremum(x, lanes, l);
            var sum = 0.0;
            for (var k = 0; k < lanes.Length; k++)
                if (IsExtreme(x.At(lanes.Index(l, k)), extremum)) sum += t.At(lanes.Index(l, k));
            result[l] = count == 1 ? sum : sum / count;
        }
        return new(Lanes.Reduced(x.Shape, Axis), result);
    }

    /// <summary>Each lane's cotangent shared equally among the elements where x is extreme; zeros elsewhere.</summary>
    private protected override Tensor Scattered(Tensor x, Tensor g)
    {
        var lanes = Lanes.Of(x.Shape, Axis);
        var result = new double[x.Shape.Count];
        for (var l = 0; l < lanes.Count; l++)
        {
            var (extremum, count) = Extremum(x, lanes, l);
            var share = count == 1 ? g.At(l) : g.At(l) / count;
            for (var k = 0; k < lanes.Length; k++)
                if (IsExtreme(x.At(lanes.Index(l, k)), extremum)) result[lanes.Index(l, k)] = share;
        }
        return new(x.Shape, result);
    }

    private (double Value, int Count) Extremum(Tensor x, Lanes lanes, int lane)
    {
        var best = x.At(lanes.Index(lane, 0));
        for (var k = 1; k < lanes.Length && !double.IsNaN(best); k++)
        {
            var v = x.At(lanes.Index(lane, k));
            if (double.IsNaN(v) || (IsMax ? v > best : v < best)) best = v;
        }
        var count = 0;
        for (var k = 0; k < lanes.Length; k++) if (IsExtreme(x.At(lanes.Index(lane, k)), best)) count++;
        return (best, count);
    }

    private static bool IsExtreme(double v, double extremum) => v == extremum || (double.IsNaN(extremum) && double.IsNaN(v));
}
