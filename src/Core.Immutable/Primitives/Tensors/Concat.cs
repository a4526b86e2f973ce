using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// <c>Concat(a, b, axis)</c>: two tensors of one rank joined along an axis, every other dimension equal — vectors end to
/// end, matrices one above the other (axis 0) or side by side (axis 1), batches of images one after the other. Linear:
/// the tangent is the concatenation of the tangents (zeros where one is absent); the pullback slices the cotangent into
/// the two parts. In storage (first axis fastest) each tensor is inner × axis × outer, so the join copies, for each
/// outer index, a run of a's and then a run of b's.
/// </summary>
internal sealed class ConcatOperation(int axis) : TensorOperation
{
    public int Axis { get; } = axis;
    public override ImmutableArray<double> Parameters => [Axis];
    public override string Name => "Concat";
    public override int Arity => 2;
    internal override string? ParameterText => string.Create(CultureInfo.InvariantCulture, $"axis: {Axis}");

    public override Shape OutputShape(Shape a, Shape b)
    {
        if (Axis >= 0 && ((Axis < a.Rank && a[Axis] == Shape.Batch) || (Axis < b.Rank && b[Axis] == Shape.Batch)))
            throw Mismatch($"cannot join {a} and {b} along axis {Axis}, the free batch dimension N, whose size is known only when the graph runs.");
        var fits = a.Rank == b.Rank && Axis >= 0 && Axis < a.Rank
            && Enumerable.Range(0, a.Rank).All(k => k == Axis || a[k] == b[k]);
        return fits
            ? Shape.Of(a.Dimensions.SetItem(Axis, a[Axis] + b[Axis]).AsSpan())
            : throw Mismatch($"cannot join {a} and {b} along axis {Axis}.");
    }

    public override Tensor Value(Tensor a, Tensor b) => Join(a, b);

    public override Tensor Jvp(Tensor a, Tensor b, Tensor output, Tensor? da, Tensor? db) =>
        Join(Kernels.OrZeros(da, a.Shape), Kernels.OrZeros(db, b.Shape));

    public override TensorPullback Vjp(Tensor a, Tensor b, Tensor output) => (g, first, second) =>
        new(first ? Part(a.Shape, 0).Value(g, 0) : null, second ? Part(b.Shape, a.Shape[Axis]).Value(g, 0) : null);

    /// <summary>The cotangent sliced in two along the axis.</summary>
    internal override (Expr? First, Expr? Second) VjpGraph(Expr a, Expr? b, Expr output, Expr g) =>
        (Expr.Operate(Part(a.Shape, 0), g), Expr.Operate(Part(b!.Shape, a.Shape[Axis]), g));

    private AxisSliceOperation Part(Shape part, int offset) => new(Axis, offset, part[Axis], 1, null);

    private Tensor Join(Tensor a, Tensor b)
    {
        var shape = OutputShape(a.Shape, b.Shape);
        int inner = 1, outer = 1;
        for (var k = 0; k < Axis; k++) inner *= shape[k];
        for (var k = Axis + 1; k < shape.Rank; k++) outer *= shape[k];
        int runA = inner * a.Shape[Axis], runB = inner * b.Shape[Axis];
        var result = new double[shape.Count];
        for (var o = 0; o < outer; o++)
        {
            Array.Copy(a.Storage, o * runA, result, o * (runA + runB), runA);
            Array.Copy(b.Storage, o * runB, result, o * (runA + runB) + runA, runB);
        }
        return new(shape, result);
    }
}
