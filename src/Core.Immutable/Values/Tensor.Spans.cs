namespace FunctionalAD;

public readonly partial struct Tensor
{
    /// <summary>
    /// A tensor of <paramref name="shape"/> holding a copy of <paramref name="elements"/>, given in row-major order (the
    /// order of <see cref="ToArray"/> and <see cref="CopyTo"/>), e.g. from a buffer or a slice of a larger array.
    /// </summary>
    /// <exception cref="ArgumentException">The number of elements is not the shape's element count.</exception>
    public static Tensor Of(ReadOnlySpan<double> elements, Shape shape)
    {
        if (elements.Length != shape.Count)
            throw new ArgumentException($"A tensor of shape {shape} has {shape.Count} element{(shape.Count == 1 ? "" : "s")}, not {elements.Length}.", nameof(elements));
        if (shape.IsScalar) return new(elements[0]);
        var storage = new double[elements.Length];
        StorageOrder.FromRowMajor(shape, elements, storage);
        return new(shape, storage);
    }

    /// <summary>Copies the elements into <paramref name="destination"/> in row-major order (as <see cref="ToArray"/>), allocating nothing.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the tensor.</exception>
    public void CopyTo(Span<double> destination)
    {
        if (destination.Length < Shape.Count)
            throw new ArgumentException($"The destination holds {destination.Length} element{(destination.Length == 1 ? "" : "s")}; the tensor of shape {Shape} has {Shape.Count}.", nameof(destination));
        if (data is null)
        {
            destination[0] = scalar;
            return;
        }
        StorageOrder.ToRowMajor(Shape, data, destination);
    }
}
