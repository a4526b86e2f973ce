using System.Numerics.Tensors;

namespace FunctionalAD;

/// <summary>
/// Broadcasting in the primitives: the shape rule of <see cref="BroadcastRule"/> (numpy's, which tensor values follow
/// too), and the VJP of a broadcast, which sums the cotangent over the stretched dimensions (<see cref="Reduce"/>).
/// </summary>
internal static class Broadcasting
{
    /// <summary>The broadcast shape of <paramref name="a"/> and <paramref name="b"/> (<see cref="BroadcastRule.Shape"/>).</summary>
    /// <exception cref="ShapeMismatchException">A dimension differs and neither side is 1.</exception>
    public static Shape Shape(string operation, Shape a, Shape b) => BroadcastRule.Shape(operation, a, b);

    /// <summary>The storage index in <paramref name="operand"/> of each element of the broadcast <paramref name="result"/> (<see cref="BroadcastRule.Map"/>).</summary>
    public static int[]? Map(Shape operand, Shape result) => BroadcastRule.Map(operand, result);

    /// <summary>Sums <paramref name="cotangent"/> (of the broadcast shape) over the dimensions that <paramref name="target"/> stretched.</summary>
    public static Tensor Reduce(Tensor cotangent, Shape target)
    {
        if (cotangent.Shape == target) return cotangent;
        var shape = cotangent.Shape;
        var storage = cotangent.Storage;
        // The common cases as vectorised sums (+ 0 turns a sum of −0s into +0, as the loop below gives): all elements,
        // a bias's column sums, and a column's row sums (added column by column, in the loop's order).
        if (target.IsScalar) return TensorPrimitives.Sum(storage) + 0.0;
        if (shape.Rank > 2) return Spread(storage, target, shape);
        int rows = shape.PaddedRows, columns = shape.PaddedColumns;
        if (target.PaddedRows == 1 && target.PaddedColumns == columns)
        {
            var sums = new double[columns];
            for (var j = 0; j < columns; j++) sums[j] = TensorPrimitives.Sum(storage.AsSpan(j * rows, rows)) + 0.0;
            return new(target, sums);
        }
        if (target.PaddedColumns == 1 && target.PaddedRows == rows)
        {
            var sums = new double[rows];
            for (var j = 0; j < columns; j++) TensorPrimitives.Add(sums, storage.AsSpan(j * rows, rows), sums);
            return new(target, sums);
        }
        return Spread(storage, target, shape);
    }

    // Each element of the cotangent added into the element of the target it was broadcast from, in storage order.
    private static Tensor Spread(double[] storage, Shape target, Shape shape)
    {
        var result = new double[target.Count];
        if (BroadcastRule.Block(target, shape) is var (inner, count))
        {
            // Runs of inner elements share one target element: each run is a vectorised sum.
            for (int start = 0, j = 0; start < storage.Length; start += inner, j = j + 1 == count ? 0 : j + 1)
                result[j] += TensorPrimitives.Sum(storage.AsSpan(start, inner));
            return new(target, result);
        }
        var map = Map(target, shape)!;
        for (var k = 0; k < storage.Length; k++) result[map[k]] += storage[k];
        return new(target, result);
    }
}
