namespace FunctionalAD;

/// <summary>
/// Where a tensor keeps its elements: the first axis varies fastest (Fortran's order), so a matrix is column-major, as
/// MathNet.Numerics and BLAS read it, and padding a shape with leading axes of size 1 leaves its storage unchanged —
/// which is what broadcasting from the right needs. Users see row-major order (numpy's) in every factory and copy;
/// these conversions are the one place that maps between the two.
/// </summary>
internal static class StorageOrder
{
    /// <summary>The storage step of each axis: 1 for the first, then the product of the dimensions before it.</summary>
    public static int[] Strides(Shape shape)
    {
        var strides = new int[shape.Rank];
        var step = 1;
        for (var axis = 0; axis < strides.Length; axis++)
        {
            strides[axis] = step;
            step *= shape[axis];
        }
        return strides;
    }

    /// <summary>Copies <paramref name="rowMajor"/> into <paramref name="storage"/> in storage order.</summary>
    public static void FromRowMajor(Shape shape, ReadOnlySpan<double> rowMajor, Span<double> storage)
    {
        if (shape.Rank < 2)
        {
            rowMajor[..shape.Count].CopyTo(storage);
            return;
        }
        if (shape.Rank == 2)
        {
            int rows = shape[0], columns = shape[1];
            for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                storage[j * rows + i] = rowMajor[i * columns + j];
            return;
        }
        var offsets = RowMajorOffsets(shape);
        for (var k = 0; k < offsets.Length; k++) storage[offsets[k]] = rowMajor[k];
    }

    /// <summary>Copies <paramref name="storage"/> into <paramref name="rowMajor"/> in row-major order.</summary>
    public static void ToRowMajor(Shape shape, ReadOnlySpan<double> storage, Span<double> rowMajor)
    {
        if (shape.Rank < 2)
        {
            storage[..shape.Count].CopyTo(rowMajor);
            return;
        }
        if (shape.Rank == 2)
        {
            int rows = shape[0], columns = shape[1];
            for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                rowMajor[i * columns + j] = storage[j * rows + i];
            return;
        }
        var offsets = RowMajorOffsets(shape);
        for (var k = 0; k < offsets.Length; k++) rowMajor[k] = storage[offsets[k]];
    }

    /// <summary>The storage index of the element at row-major position <paramref name="rowMajorIndex"/>.</summary>
    public static int StorageIndex(Shape shape, int rowMajorIndex)
    {
        var index = 0;
        var strides = Strides(shape);
        for (var axis = shape.Rank - 1; axis >= 0; axis--)
        {
            index += rowMajorIndex % shape[axis] * strides[axis];
            rowMajorIndex /= shape[axis];
        }
        return index;
    }

    /// <summary>The storage index of the element at <paramref name="indices"/>, one per axis, each checked.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside its axis, or the count differs from the rank.</exception>
    public static int StorageIndex(Shape shape, ReadOnlySpan<int> indices)
    {
        if (indices.Length != shape.Rank)
            throw new ArgumentOutOfRangeException(nameof(indices), $"A tensor of shape {shape} takes {shape.Rank} ind{(shape.Rank == 1 ? "ex" : "ices")}, not {indices.Length}.");
        int index = 0, step = 1;
        for (var axis = 0; axis < indices.Length; axis++)
        {
            if ((uint)indices[axis] >= (uint)shape[axis])
                throw new ArgumentOutOfRangeException(nameof(indices),
                    $"Index {indices[axis]} on axis {axis} is outside the tensor of shape {shape} (0 to {shape[axis] - 1}).");
            index += indices[axis] * step;
            step *= shape[axis];
        }
        return index;
    }

    /// <summary>The storage index of each element in row-major order: an odometer over the axes, last axis fastest.</summary>
    private static int[] RowMajorOffsets(Shape shape)
    {
        var rank = shape.Rank;
        var strides = Strides(shape);
        var counter = new int[rank];
        var offsets = new int[shape.Count];
        var offset = 0;
        for (var k = 0; k < offsets.Length; k++)
        {
            offsets[k] = offset;
            for (var axis = rank - 1; axis >= 0; axis--)
            {
                offset += strides[axis];
                if (++counter[axis] < shape[axis]) break;
                offset -= strides[axis] * shape[axis];
                counter[axis] = 0;
            }
        }
        return offsets;
    }
}
