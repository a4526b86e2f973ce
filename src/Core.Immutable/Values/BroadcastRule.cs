namespace FunctionalAD;

/// <summary>
/// Broadcasting, numpy's rule, for shapes of any rank: align the dimensions from the right, and a dimension of size 1
/// (or a missing one) stretches to the other's size. A vector of n broadcasts over the rows of an m×n matrix, an m×1
/// matrix over its columns, a C×1×1 tensor over the channels of an N×C×H×W batch. Elementwise primitives and the
/// arithmetic of <see cref="Tensor"/> values both follow it.
/// </summary>
internal static class BroadcastRule
{
    /// <summary>The broadcast shape of <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <exception cref="ShapeMismatchException">A dimension differs and neither side is 1; the message names <paramref name="operation"/> and both shapes.</exception>
    public static Shape Shape(string operation, Shape a, Shape b)
    {
        if (a == b || b.IsScalar) return a;
        if (a.IsScalar) return b;
        var rank = Math.Max(a.Rank, b.Rank);
        Span<int> dimensions = stackalloc int[rank];
        for (var k = 1; k <= rank; k++)
        {
            int x = k <= a.Rank ? a[a.Rank - k] : 1, y = k <= b.Rank ? b[b.Rank - k] : 1;
            dimensions[rank - k] = x == y || y == 1 ? x : x == 1 ? y
                : throw new ShapeMismatchException(operation,
                    $"{operation}: cannot broadcast {a} with {b} (axis {rank - k} of the result: {Size(x)} against {Size(y)}).");
        }
        return FunctionalAD.Shape.Of(dimensions);
    }

    private static string Size(int dimension) => dimension == FunctionalAD.Shape.Batch ? "N" : dimension.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// For each element of the broadcast <paramref name="result"/>, in storage order, the storage index of the element of
    /// <paramref name="operand"/> it reads; null when the operand has the result's shape (each element reads itself).
    /// </summary>
    public static int[]? Map(Shape operand, Shape result)
    {
        if (operand == result) return null;
        var map = new int[result.Count];
        if (operand.IsScalar) return map;
        // Each result axis steps the operand by its own stride, or by 0 where the operand stretches (size 1 or missing).
        var rank = result.Rank;
        var operandStrides = StorageOrder.Strides(operand);
        Span<int> steps = stackalloc int[rank];
        for (var axis = 0; axis < rank; axis++)
        {
            var own = axis - (rank - operand.Rank);
            steps[axis] = own >= 0 && operand[own] != 1 ? operandStrides[own] : 0;
        }
        Span<int> counter = stackalloc int[rank];
        var offset = 0;
        for (var k = 0; k < map.Length; k++)
        {
            map[k] = offset;
            for (var axis = 0; axis < rank; axis++)
            {
                offset += steps[axis];
                if (++counter[axis] < result[axis]) break;
                offset -= steps[axis] * result[axis];
                counter[axis] = 0;
            }
        }
        return map;
    }

    /// <summary>
    /// When the axes along which <paramref name="operand"/> does not stretch are one run of consecutive axes of
    /// <paramref name="result"/> (a bias C×1×1 over N×C×H×W, a row over a matrix), its element for result element k (in
    /// storage order) is (k / Inner) % Count, with no map to build; null otherwise.
    /// </summary>
    public static (int Inner, int Count)? Block(Shape operand, Shape result)
    {
        var offset = result.Rank - operand.Rank;
        int first = -1, last = -1;
        for (var axis = 0; axis < operand.Rank; axis++)
        {
            if (operand[axis] == 1) continue;
            if (first < 0) first = axis;
            else if (last != axis - 1) return null;
            last = axis;
        }
        if (first < 0) return (1, 1);
        int inner = 1, count = 1;
        for (var axis = 0; axis < first + offset; axis++) inner *= result[axis];
        for (var axis = first; axis <= last; axis++) count *= operand[axis];
        return (inner, count);
    }
}
