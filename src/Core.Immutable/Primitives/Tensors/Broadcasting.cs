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

    /// <summary>Storage index, in a tensor of <paramref name="shape"/>, of element (i, j) of the broadcast result (<see cref="BroadcastRule.Index"/>).</summary>
    public static int Index(Shape shape, int i, int j) => BroadcastRule.Index(shape, i, j);

    /// <summary>Sums <paramref name="cotangent"/> (of the broadcast shape) over the dimensions that <paramref name="target"/> stretched.</summary>
    public static Tensor Reduce(Tensor cotangent, Shape target)
    {
        if (cotangent.Shape == target) return cotangent;
        var shape = cotangent.Shape;
        int rows = shape.PaddedRows, columns = shape.PaddedColumns;
        var storage = cotangent.Storage;
        // The common cases as vectorised sums (+ 0 turns a sum of −0s into +0, as the loop below gives): all elements,
        // a bias's column sums, and a column's row sums (added column by column, in the loop's order).
        if (target.IsScalar) return TensorPrimitives.Sum(storage) + 0.0;
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
        var result = new double[target.Count];
        for (var j = 0; j < columns; j++)
        for (var i = 0; i < rows; i++)
            result[Index(target, i, j)] += storage[j * rows + i];
        return new(target, result);
    }
}
