namespace FunctionalAD;

/// <summary>
/// Broadcasting of rank ≤ 2 shapes, numpy's rule: align from the right, and a dimension of size 1 (or a missing
/// one) stretches to the other's size. A scalar pads to 1×1 and a vector of n to a row 1×n, so a vector of n
/// broadcasts over the rows of an m×n matrix and an m×1 matrix over its columns. Elementwise primitives and the
/// arithmetic of <see cref="Tensor"/> values both follow it.
/// </summary>
internal static class BroadcastRule
{
    /// <summary>The broadcast shape of <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <exception cref="ShapeMismatchException">A dimension differs and neither side is 1.</exception>
    public static Shape Shape(string operation, Shape a, Shape b)
    {
        if (a == b) return a;
        int rows = Join(a.PaddedRows, b.PaddedRows), columns = Join(a.PaddedColumns, b.PaddedColumns);
        if (rows < 0 || columns < 0)
            throw new ShapeMismatchException(operation, $"{operation}: cannot broadcast {a} with {b}.");
        var rank = Math.Max(a.Rank, b.Rank);
        return rank switch
        {
            0 => FunctionalAD.Shape.Scalar,
            1 => FunctionalAD.Shape.Vector(columns),
            _ => FunctionalAD.Shape.Matrix(rows, columns),
        };

        static int Join(int x, int y) => x == y || y == 1 ? x : x == 1 ? y : -1;
    }

    /// <summary>Storage index, in a tensor of <paramref name="shape"/>, of element (i, j) of the broadcast result.</summary>
    public static int Index(Shape shape, int i, int j)
    {
        int rows = shape.PaddedRows, columns = shape.PaddedColumns;
        return (columns == 1 ? 0 : j) * rows + (rows == 1 ? 0 : i);
    }
}
