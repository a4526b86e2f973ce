using System.Collections.Immutable;
using System.Globalization;
using System.Numerics.Tensors;

namespace FunctionalAD;

/// <summary>
/// <c>Sum(x)</c> and <c>Mean(x)</c> over all elements (a scalar), or along an axis: axis 0 of an m×n matrix sums
/// down the rows (a vector of n), axis 1 across the columns (a vector of m); axis 0 of a vector gives a scalar.
/// Both are linear: the tangent is the sum (mean) of dx, and the pullback spreads each cotangent back over its lane
/// (divided by the lane's length for the mean).
/// </summary>
internal sealed partial class ReduceOperation(bool isMean, int? axis) : TensorOperation
{
    public bool IsMean { get; } = isMean;
    public int? Axis { get; } = axis;
    public override ImmutableArray<double> Parameters => Axis is { } a ? [a] : [];
    public override string Name => IsMean ? "Mean" : "Sum";
    public override int Arity => 1;
    internal override string? ParameterText => Axis is { } a ? string.Create(CultureInfo.InvariantCulture, $"axis: {a}") : null;

    public override Shape OutputShape(Shape x, Shape _)
    {
        if (Axis is { } a && (a < 0 || a >= x.Rank))
            throw Mismatch($"axis {a} is out of range for shape {x}.");
        return Lanes.Reduced(x, Axis);
    }

    public override Tensor Value(Tensor x, Tensor _) => Reduce(x);

    public override Tensor Jvp(Tensor x, Tensor _, Tensor output, Tensor? dx, Tensor? __) => Reduce(dx!.Value);

    public override TensorPullback Vjp(Tensor x, Tensor _, Tensor output) => (g, first, _) =>
    {
        if (!first) return default;
        var lanes = Lanes.Of(x.Shape, Axis);
        var scale = IsMean ? 1.0 / lanes.Length : 1.0;
        var result = new double[x.Shape.Count];
        for (var l = 0; l < lanes.Count; l++)
        {
            var share = scale * g.At(l);
            if (lanes.Stride == 1) result.AsSpan(lanes.Index(l, 0), lanes.Length).Fill(share);
            else for (var t = 0; t < lanes.Length; t++) result[lanes.Index(l, t)] = share;
        }
        return new(new Tensor(x.Shape, result), null);
    };

    /// <summary>The cotangent spread back over each lane (times 1/length for the mean, as the pullback scales it).</summary>
    internal override (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? y, Expr output, Expr g) =>
        (BroadcastToOperation.Spread(IsMean ? Expr.Constant(1.0 / Lanes.Of(x.Shape, Axis).Length) * g : g, x.Shape, Axis), null);

    private Tensor Reduce(Tensor x)
    {
        var result = new double[Lanes.Of(x.Shape, Axis).Count];
        ReduceInto(x.Shape, x.Storage, result);
        return new(Lanes.Reduced(x.Shape, Axis), result);
    }

    /// <summary>Each lane of <paramref name="x"/> (of <paramref name="shape"/>, in storage order) reduced into <paramref name="result"/>.</summary>
    private void ReduceInto(Shape shape, ReadOnlySpan<double> x, Span<double> result)
    {
        var lanes = Lanes.Of(shape, Axis);
        var contiguous = lanes.Stride == 1 && !shape.IsScalar;
        for (var l = 0; l < lanes.Count; l++)
        {
            var sum = 0.0;
            // A contiguous lane (all elements, a vector, a matrix's column) is a vectorised sum, in another order of additions.
            if (contiguous) sum += TensorPrimitives.Sum(x.Slice(lanes.Index(l, 0), lanes.Length));
            else for (var t = 0; t < lanes.Length; t++) sum += x[lanes.Index(l, t)];
            result[l] = IsMean ? sum / lanes.Length : sum;
        }
    }
}
