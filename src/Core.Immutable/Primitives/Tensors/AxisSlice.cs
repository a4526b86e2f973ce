using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// A strided slice along one axis and its transpose, one family: <c>Slice(x, axis, start, count, step)</c> keeps
/// elements start, start + step, …, start + (count − 1)·step of the axis; <c>Unslice(g, axis, start, step, size)</c>
/// puts them back in an axis of <c>size</c>, zeros elsewhere. Both are linear, and each one's pullback is the other.
/// In storage (first axis fastest) a tensor is inner × axis × outer, inner the product of the axes before it and outer
/// of those after, so each kept element moves a run of <c>inner</c> numbers.
/// </summary>
internal sealed class AxisSliceOperation(int axis, int start, int count, int step, int? size) : TensorOperation
{
    public int Axis { get; } = axis;
    public int Start { get; } = start;
    public int Count { get; } = count;
    public int Step { get; } = step;

    /// <summary>With the transpose (an unslice): the length of the axis it gives back; null for the slice.</summary>
    public int? Size { get; } = size;

    public override string Name => Size is null ? "Slice" : "Unslice";
    public override int Arity => 1;
    public override ImmutableArray<double> Parameters => [Axis, Start, Count, Step, Size ?? 0];

    internal override string? ParameterText => string.Create(CultureInfo.InvariantCulture,
        $"axis: {Axis}, start: {Start}, count: {Count}, step: {Step}{(Size is { } s ? $", size: {s}" : "")}");

    public override Shape OutputShape(Shape x, Shape _)
    {
        if (Axis < 0 || Axis >= x.Rank) throw Mismatch($"axis {Axis} is out of range for shape {x}.");
        if (x[Axis] == Shape.Batch) throw Mismatch($"cannot slice axis {Axis} of {x}, the free batch dimension N, whose size is known only when the graph runs.");
        if (Count < 1 || Step < 1 || Start < 0) throw Mismatch($"takes a start ≥ 0, a count ≥ 1 and a step ≥ 1, not {Start}, {Count}, {Step}.");
        var length = Size ?? x[Axis];
        // Start > length − 1 − (count − 1)·step, in longs: the last element kept must lie in the axis.
        if (Start + (long)(Count - 1) * Step >= length)
            throw Mismatch($"elements {Start} to {Start + (long)(Count - 1) * Step} (step {Step}) are outside axis {Axis} of length {length} of {(Size is null ? x : Resized(x, length))}.");
        if (Size is not null && x[Axis] != Count) throw Mismatch($"puts back {Count} elements along axis {Axis}, but {x} has {x[Axis]}.");
        return Resized(x, Size ?? Count);
    }

    private Shape Resized(Shape x, int length) => Shape.Of(x.Dimensions.SetItem(Axis, length).AsSpan());

    public override Tensor Value(Tensor x, Tensor _) => Move(x, OutputShape(x.Shape, default));

    public override Tensor Jvp(Tensor x, Tensor _, Tensor output, Tensor? dx, Tensor? __) => Move(dx!.Value, output.Shape);

    public override TensorPullback Vjp(Tensor x, Tensor _, Tensor output) => (g, first, _) => new(first ? Transposed(x.Shape[Axis]).Move(g, x.Shape) : null, null);

    internal override (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? y, Expr output, Expr g) =>
        (Expr.Operate(Transposed(x.Shape[Axis]), g), null);

    /// <summary>The other member of the family: a slice's unslice back to an axis of <paramref name="length"/>, an unslice's slice.</summary>
    private AxisSliceOperation Transposed(int length) => new(Axis, Start, Count, Step, Size is null ? length : null);

    /// <summary>Copies each kept run of <paramref name="x"/> to its place in a tensor of <paramref name="shape"/> (zeros elsewhere).</summary>
    private Tensor Move(Tensor x, Shape shape)
    {
        int inner = 1, outer = 1;
        for (var a = 0; a < Axis; a++) inner *= shape[a];
        for (var a = Axis + 1; a < shape.Rank; a++) outer *= shape[a];
        var (full, part) = Size is null ? (x.Shape[Axis], Count) : (shape[Axis], Count);
        var source = x.Storage;
        var result = new double[shape.Count];
        for (var o = 0; o < outer; o++)
        for (var t = 0; t < part; t++)
        {
            var (partRun, fullRun) = (inner * (t + part * o), inner * (Start + t * Step + full * o));
            if (Size is null) Array.Copy(source, fullRun, result, partRun, inner);
            else Array.Copy(source, partRun, result, fullRun, inner);
        }
        return new(shape, result);
    }
}
