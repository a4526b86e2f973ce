using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// The softmax family along an axis (all elements for LogSumExp without an axis), computed in the max-shifted form
/// so that no exponential overflows: with m the lane's maximum, LogSumExp(x) = m + log Σ exp(xⱼ − m),
/// softmax(x)ᵢ = exp(xᵢ − m) / Σ exp(xⱼ − m) and LogSoftmax(x)ᵢ = (xᵢ − m) − log Σ exp(xⱼ − m). With s = softmax(x) along the lane:
/// <list type="bullet">
/// <item>LogSumExp: d = Σ sᵢ dxᵢ; pullback of g: g·s.</item>
/// <item>Softmax: d = s ⊙ (dx − Σ sᵢ dxᵢ); pullback of g: s ⊙ (g − Σ gᵢ sᵢ).</item>
/// <item>LogSoftmax = x − LogSumExp(x): d = dx − Σ sᵢ dxᵢ; pullback of g: g − s·Σ gᵢ.</item>
/// </list>
/// A lane whose maximum is ±∞ is not shifted, so all −∞ gives −∞ and a +∞ gives +∞ (softmax NaN there).
/// </summary>
internal sealed class SoftmaxOperation(SoftmaxKind kind, int? axis) : TensorOperation
{
    public SoftmaxKind Kind { get; } = kind;
    public int? Axis { get; } = axis;
    public override ImmutableArray<double> Parameters => Axis is { } a ? [a] : [];
    public override string Name => Kind.ToString();
    public override int Arity => 1;
    internal override string? ParameterText => Axis is { } a ? string.Create(CultureInfo.InvariantCulture, $"axis: {a}") : null;

    public override Shape OutputShape(Shape x, Shape _)
    {
        if (Axis is { } a && (a < 0 || a >= x.Rank)) throw Mismatch($"axis {a} is out of range for shape {x}.");
        if (Axis is null && Kind != SoftmaxKind.LogSumExp) throw Mismatch("needs an axis.");
        return Kind == SoftmaxKind.LogSumExp ? Lanes.Reduced(x, Axis) : x;
    }

    public override Tensor Value(Tensor x, Tensor _)
    {
        var lanes = Lanes.Of(x.Shape, Axis);
        var (shifts, sums) = Shifted(x, lanes);
        if (Kind == SoftmaxKind.LogSumExp)
            return new(Lanes.Reduced(x.Shape, Axis), [.. shifts.Select((m, l) => m + Math.Log(sums[l]))]);
        var result = new double[x.Shape.Count];
        for (var l = 0; l < lanes.Count; l++)
        {
            var logSum = Math.Log(sums[l]);
            for (var t = 0; t < lanes.Length; t++)
            {
                // exp(x − m) / Σ exp(x − m): each term rounds once relative to itself, so a lane sums to 1 within a few ε.
                var k = lanes.Index(l, t);
                var shifted = x.At(k) - shifts[l];
                result[k] = Kind == SoftmaxKind.Softmax ? Math.Exp(shifted) / sums[l] : shifted - logSum;
            }
        }
        return new(x.Shape, result);
    }

    public override Tensor Jvp(Tensor x, Tensor _, Tensor output, Tensor? dx, Tensor? __)
    {
        var d = dx!.Value;
        var lanes = Lanes.Of(x.Shape, Axis);
        var s = Weights(x, output, lanes);
        var result = new double[Kind == SoftmaxKind.LogSumExp ? lanes.Count : x.Shape.Count];
        for (var l = 0; l < lanes.Count; l++)
        {
            var mean = 0.0; // Σ sᵢ dxᵢ
            for (var t = 0; t < lanes.Length; t++) { var k = lanes.Index(l, t); mean += s[k] * d.At(k); }
            if (Kind == SoftmaxKind.LogSumExp) { result[l] = mean; continue; }
            for (var t = 0; t < lanes.Length; t++)
            {
                var k = lanes.Index(l, t);
                result[k] = Kind == SoftmaxKind.Softmax ? s[k] * (d.At(k) - mean) : d.At(k) - mean;
            }
        }
        return new(output.Shape, result);
    }

    public override TensorPullback Vjp(Tensor x, Tensor _, Tensor output) => (g, first, _) =>
    {
        if (!first) return default;
        var lanes = Lanes.Of(x.Shape, Axis);
        var s = Weights(x, output, lanes);
        var result = new double[x.Shape.Count];
        for (var l = 0; l < lanes.Count; l++)
        {
            var inner = 0.0; // Σ gᵢ sᵢ for Softmax, Σ gᵢ for LogSoftmax
            if (Kind != SoftmaxKind.LogSumExp)
                for (var t = 0; t < lanes.Length; t++) { var k = lanes.Index(l, t); inner += Kind == SoftmaxKind.Softmax ? g.At(k) * s[k] : g.At(k); }
            for (var t = 0; t < lanes.Length; t++)
            {
                var k = lanes.Index(l, t);
                result[k] = Kind switch
                {
                    SoftmaxKind.LogSumExp => g.At(l) * s[k],
                    SoftmaxKind.Softmax => s[k] * (g.At(k) - inner),
                    _ => g.At(k) - s[k] * inner,
                };
            }
        }
        return new(new Tensor(x.Shape, result), null);
    };

    /// <summary>The pullback's formulas with graph operations: s = exp(x − LogSumExp) or the output itself, sums along the lanes, spreads back over them.</summary>
    internal override (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? y, Expr z, Expr g)
    {
        Expr Spread(Expr reduced) => BroadcastToOperation.Spread(reduced, x.Shape, Axis);
        Expr LaneSums(Expr e) => Expr.Operate(new ReduceOperation(false, Axis), e);
        return (Kind switch
        {
            SoftmaxKind.LogSumExp => Spread(g) * Expr.Exp(x - Spread(z)),
            SoftmaxKind.Softmax => z * (g - Spread(LaneSums(g * z))),
            _ => g - Expr.Exp(z) * Spread(LaneSums(g)),
        }, null);
    }

    /// <summary>The max-shifted LogSumExp of every lane.</summary>
    internal static double[] LogSumExp(Tensor x, Lanes lanes)
    {
        var (shifts, sums) = Shifted(x, lanes);
        return [.. shifts.Select((m, l) => m + Math.Log(sums[l]))];
    }

    /// <summary>Each lane's shift m (its maximum, or 0 when that is not finite) and Σ exp(xᵢ − m) ∈ [1, length].</summary>
    private static (double[] Shifts, double[] Sums) Shifted(Tensor x, Lanes lanes)
    {
        var (shifts, sums) = (new double[lanes.Count], new double[lanes.Count]);
        for (var l = 0; l < lanes.Count; l++)
        {
            var max = double.NegativeInfinity;
            for (var t = 0; t < lanes.Length; t++) max = Math.Max(max, x.At(lanes.Index(l, t)));
            var shift = double.IsFinite(max) ? max : 0;
            var sum = 0.0;
            for (var t = 0; t < lanes.Length; t++) sum += Math.Exp(x.At(lanes.Index(l, t)) - shift);
            (shifts[l], sums[l]) = (shift, sum);
        }
        return (shifts, sums);
    }

    /// <summary>softmax(x) along the lanes, recovered from the output where that is cheaper.</summary>
    private double[] Weights(Tensor x, Tensor output, Lanes lanes)
    {
        var s = new double[x.Shape.Count];
        switch (Kind)
        {
            case SoftmaxKind.Softmax:
                for (var k = 0; k < s.Length; k++) s[k] = output.At(k);
                break;
            case SoftmaxKind.LogSoftmax:
                for (var k = 0; k < s.Length; k++) s[k] = Math.Exp(output.At(k));
                break;
            default:
                for (var l = 0; l < lanes.Count; l++)
                for (var t = 0; t < lanes.Length; t++)
                {
                    var k = lanes.Index(l, t);
                    s[k] = Math.Exp(x.At(k) - output.At(l));
                }
                break;
        }
        return s;
    }
}

/// <summary>The members of the softmax family.</summary>
internal enum SoftmaxKind
{
    LogSumExp,
    Softmax,
    LogSoftmax,
}
