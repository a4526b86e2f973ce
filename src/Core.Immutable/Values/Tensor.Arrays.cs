namespace FunctionalAD;

public readonly partial struct Tensor
{
    /// <summary>
    /// A tensor holding a copy of a multidimensional array of any rank (<c>double[,,]</c>, <c>double[,,,]</c>, F#'s
    /// <c>Array3D</c> and <c>Array4D</c>), its shape the array's lengths: <c>images[n, c, h, w]</c> becomes element
    /// (n, c, h, w) of a tensor of shape N×C×H×W.
    /// </summary>
    /// <example><code>Tensor.Of(new double[2, 3, 4])   // a 2×3×4 tensor of zeros</code></example>
    /// <exception cref="ArgumentException">The array does not hold doubles, or a length is 0.</exception>
    public static Tensor Of(Array elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (elements.GetType().GetElementType() != typeof(double))
            throw new ArgumentException($"A tensor is built from an array of doubles, not of {elements.GetType().GetElementType()?.Name}.", nameof(elements));
        var dimensions = new int[elements.Rank];
        for (var axis = 0; axis < dimensions.Length; axis++)
        {
            dimensions[axis] = elements.GetLength(axis);
            if (dimensions[axis] == 0) throw new ArgumentException($"Axis {axis} of the array is empty; every axis of a tensor has at least one element.", nameof(elements));
            if (elements.GetLowerBound(axis) != 0) throw new ArgumentException($"Axis {axis} of the array does not start at 0.", nameof(elements));
        }
        // A multidimensional array enumerates its elements in row-major order.
        var rowMajor = new double[elements.Length];
        var k = 0;
        foreach (double element in elements) rowMajor[k++] = element;
        return Of(rowMajor, Shape.Of(dimensions));
    }

    /// <summary>
    /// A copy as a multidimensional array of the tensor's rank, indexed as the tensor is: a <c>double[,,]</c> for a tensor
    /// of rank 3, a <c>double[]</c> for a vector; a scalar gives a one-element <c>double[]</c>.
    /// </summary>
    /// <example><code>var images = (double[,,,])batch.ToMultidimensionalArray();</code></example>
    public Array ToMultidimensionalArray()
    {
        var rowMajor = ToArray();
        if (Shape.Rank < 2) return rowMajor;
        var result = Array.CreateInstance(typeof(double), [.. Shape.Dimensions]);
        // Copying bytes keeps row-major order: the layout of a multidimensional array.
        Buffer.BlockCopy(rowMajor, 0, result, 0, rowMajor.Length * sizeof(double));
        return result;
    }
}
