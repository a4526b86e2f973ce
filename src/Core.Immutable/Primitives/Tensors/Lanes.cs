namespace FunctionalAD;

/// <summary>
/// The one-dimensional slices of a tensor along an axis, in its storage (first axis fastest): element t of lane l is at
/// Start(l) + t·Stride, where the lanes before the axis's stride step by 1 and those after it by Stride·Length.
/// Reductions and the softmax family work lane by lane; the reduced tensor holds one element per lane, in lane order,
/// which is the storage order of the shape with the axis removed.
/// </summary>
internal readonly record struct Lanes(int Count, int Length, int Stride)
{
    /// <summary>The lanes of <paramref name="shape"/> along <paramref name="axis"/> (already normalised); null is all elements as one lane.</summary>
    public static Lanes Of(Shape shape, int? axis)
    {
        if (axis is not { } a || shape.Rank < 2) return new(1, shape.Count, 1);
        var stride = 1;
        for (var k = 0; k < a; k++) stride *= shape[k];
        return new(shape.Count / shape[a], shape[a], stride);
    }

    /// <summary>The shape left when each lane is reduced to one number: the shape without the axis.</summary>
    public static Shape Reduced(Shape shape, int? axis)
    {
        if (axis is not { } a || shape.Rank < 2) return Shape.Scalar;
        var dimensions = shape.Dimensions.RemoveAt(a);
        return Shape.Of(dimensions.AsSpan());
    }

    /// <summary>The shape with the axis kept at size 1 (numpy's keepdims).</summary>
    public static Shape Kept(Shape shape, int axis)
    {
        var dimensions = shape.Dimensions.SetItem(axis, 1);
        return Shape.Of(dimensions.AsSpan());
    }

    /// <summary>Storage index of element 0 of lane <paramref name="lane"/>.</summary>
    public int Start(int lane) => Stride == 1 ? lane * Length : lane % Stride + lane / Stride * Stride * Length;

    /// <summary>Storage index of element <paramref name="t"/> of lane <paramref name="lane"/>.</summary>
    public int Index(int lane, int t) => Start(lane) + t * Stride;

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
