using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// <c>Permute(x, axes)</c>: the axes of x reordered, axis k of the result being axis <c>axes[k]</c> of x (numpy's
/// <c>transpose(x, axes)</c>); <c>Permute(A, [1, 0])</c> is the transpose of a matrix. It is linear: the tangent is dx
/// permuted and the pullback permutes the cotangent back by the inverse order.
/// </summary>
internal sealed class PermuteOperation(ImmutableArray<int> axes) : TensorOperation
{
    public ImmutableArray<int> Axes { get; } = axes;
    public override ImmutableArray<double> Parameters => [.. Axes.Select(a => (double)a)];
    public override string Name => "Permute";
    public override int Arity => 1;
    internal override string? ParameterText => "axes: [" + string.Join(", ", Axes.Select(a => a.ToString(CultureInfo.InvariantCulture))) + "]";

    public override Shape OutputShape(Shape x, Shape _)
    {
        if (Axes.Length != x.Rank || Axes.Distinct().Count() != Axes.Length || Axes.Any(a => a < 0 || a >= x.Rank))
            throw Mismatch($"the axes [{string.Join(", ", Axes)}] are not an order of the {x.Rank} axes of {x}.");
        return Shape.Of([.. Axes.Select(a => x[a])]);
    }

    public override Tensor Value(Tensor x, Tensor _) => Of(x, Axes);

    public override Tensor Jvp(Tensor x, Tensor _, Tensor output, Tensor? dx, Tensor? __) => Of(dx!.Value, Axes);

    public override TensorPullback Vjp(Tensor x, Tensor _, Tensor output) => (g, first, _) => new(first ? Of(g, Inverse) : null, null);

    internal override (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? y, Expr output, Expr g) =>
        (Expr.Operate(new PermuteOperation(Inverse), g), null);

    /// <summary>The order that undoes this one.</summary>
    private ImmutableArray<int> Inverse
    {
        get
        {
            var inverse = new int[Axes.Length];
            for (var k = 0; k < inverse.Length; k++) inverse[Axes[k]] = k;
            return [.. inverse];
        }
    }

    /// <summary>The permuted copy: each result element, in storage order, read from x through x's strides in the new order.</summary>
    internal static Tensor Of(Tensor x, ImmutableArray<int> axes)
    {
        var shape = Shape.Of([.. axes.Select(a => x.Shape[a])]);
        if (shape.IsScalar) return x;
        var strides = StorageOrder.Strides(x.Shape);
        var rank = axes.Length;
        Span<int> steps = stackalloc int[rank];
        Span<int> counter = stackalloc int[rank];
        for (var k = 0; k < rank; k++) steps[k] = strides[axes[k]];
        var source = x.Storage;
        var result = new double[source.Length];
        var offset = 0;
        for (var k = 0; k < result.Length; k++)
        {
            result[k] = source[offset];
            for (var axis = 0; axis < rank; axis++)
            {
                offset += steps[axis];
                if (++counter[axis] < shape[axis]) break;
                offset -= steps[axis] * shape[axis];
                counter[axis] = 0;
            }
        }
        return new(shape, result);
    }
}
