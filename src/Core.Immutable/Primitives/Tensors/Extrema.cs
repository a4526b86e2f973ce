using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>What a node of the max/min reduction family computes.</summary>
internal enum ExtremumRole
{
    /// <summary><c>Max(x, axis)</c> or <c>Min(x, axis)</c>: each lane's largest (smallest) element.</summary>
    Reduce,

    /// <summary><c>(x, t)</c> → the mean of t over the elements where each lane of x has its extremum: linear in t.</summary>
    Gather,

    /// <summary><c>(x, g)</c> → g shared equally among the elements where each lane of x has its extremum: the transpose of Gather.</summary>
    Scatter,
}

/// <summary>
/// The largest or smallest element of each lane along an axis (of all elements when the axis is null). The tie rule is
/// JAX's: when several elements share the extremum, the derivative is shared equally among them, so the tangent is the
/// mean of their tangents and each gets an equal part of the cotangent; a NaN in a lane is its extremum. Which
/// elements are extreme does not change under a small nudge (away from ties), so the gather and the scatter are linear
/// in their second argument and have no derivative in the first, and the family is closed under transposition.
/// </summary>
internal sealed class ExtremumOperation(bool isMax, int? axis, ExtremumRole role) : TensorOperation
{
    public bool IsMax { get; } = isMax;
    public int? Axis { get; } = axis;
    public ExtremumRole Role { get; } = role;

    public override string Name => (IsMax ? "Max" : "Min") + Role switch { ExtremumRole.Reduce => "", ExtremumRole.Gather => "Gather", _ => "Scatter" };
    public override int Arity => Role == ExtremumRole.Reduce ? 1 : 2;
    public override ImmutableArray<double> Parameters => Axis is { } a ? [a] : [];
    internal override string? ParameterText => Axis is { } a ? string.Create(CultureInfo.InvariantCulture, $"axis: {a}") : null;

    public override Shape OutputShape(Shape x, Shape y)
    {
        if (Axis is { } a && (a < 0 || a >= x.Rank)) throw Mismatch($"axis {a} is out of range for shape {x}.");
        var reduced = Lanes.Reduced(x, Axis);
        return Role switch
        {
            ExtremumRole.Reduce => reduced,
            ExtremumRole.Gather => y == x ? reduced : throw Mismatch($"gathers from a tensor of shape {x}, not {y}."),
            _ => y == reduced ? x : throw Mismatch($"scatters a tensor of the reduced shape {reduced}, not {y}."),
        };
    }

    public override Tensor Value(Tensor x, Tensor y) => Role switch
    {
        ExtremumRole.Reduce => Gathered(x, x),
        ExtremumRole.Gather => Gathered(x, y),
        _ => Scattered(x, y),
    };

    public override Tensor Jvp(Tensor x, Tensor y, Tensor output, Tensor? dx, Tensor? dy) => Role switch
    {
        ExtremumRole.Reduce => Gathered(x, dx!.Value),
        _ when dy is null => Tensor.Zeros(output.Shape),
        ExtremumRole.Gather => Gathered(x, dy.Value),
        _ => Scattered(x, dy.Value),
    };

    public override TensorPullback Vjp(Tensor x, Tensor y, Tensor output) => (g, first, second) => Role switch
    {
        ExtremumRole.Reduce => new(first ? Scattered(x, g) : null, null),
        ExtremumRole.Gather => new(null, second ? Scattered(x, g) : null),
        _ => new(null, second ? Gathered(x, g) : null),
    };

    internal override (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? y, Expr output, Expr g) => Role switch
    {
        ExtremumRole.Reduce => (Expr.Operate(new ExtremumOperation(IsMax, Axis, ExtremumRole.Scatter), x, g), null),
        ExtremumRole.Gather => (null, Expr.Operate(new ExtremumOperation(IsMax, Axis, ExtremumRole.Scatter), x, g)),
        _ => (null, Expr.Operate(new ExtremumOperation(IsMax, Axis, ExtremumRole.Gather), x, g)),
    };

    /// <summary>For each lane, the mean of <paramref name="t"/> over the elements where x is extreme.</summary>
    private Tensor Gathered(Tensor x, Tensor t)
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
    private Tensor Scattered(Tensor x, Tensor g)
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
