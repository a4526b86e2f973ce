namespace FunctionalAD;

/// <summary>
/// The one-dimensional slices of a tensor along an axis, in its column-major storage: lane l holds the elements at
/// l·StartStep + t·Stride for t below Length. Reductions and the softmax family work lane by lane; the reduced
/// tensor holds one element per lane, in lane order.
/// </summary>
internal readonly record struct Lanes(int Count, int Length, int Stride, int StartStep)
{
    /// <summary>The lanes of <paramref name="shape"/> along <paramref name="axis"/> (already normalised); null is all elements as one lane.</summary>
    public static Lanes Of(Shape shape, int? axis) => (axis, shape.Rank) switch
    {
        (null, _) or (_, < 2) => new(1, shape.Count, 1, 0),
        (0, _) => new(shape[1], shape[0], 1, shape[0]),
        _ => new(shape[0], shape[1], shape[0], 1),
    };

    /// <summary>The shape left when each lane is reduced to one number.</summary>
    public static Shape Reduced(Shape shape, int? axis) => (axis, shape.Rank) switch
    {
        (null, _) or (_, < 2) => Shape.Scalar,
        (0, _) => Shape.Vector(shape[1]),
        _ => Shape.Vector(shape[0]),
    };

    /// <summary>Storage index of element <paramref name="t"/> of lane <paramref name="lane"/>.</summary>
    public int Index(int lane, int t) => lane * StartStep + t * Stride;

    /// <summary>
    /// Checks an axis against a shape and normalises it: −1 is the last axis. A scalar has no axis.
    /// </summary>
    public static int Axis(string operation, Shape shape, int axis)
    {
        var rank = shape.Rank;
        var normal = axis < 0 ? axis + rank : axis;
        if (rank == 0 || normal < 0 || normal >= rank)
            throw new ShapeMismatchException(operation, $"{operation}: axis {axis} is out of range for shape {shape}.");
        return normal;
    }
}
