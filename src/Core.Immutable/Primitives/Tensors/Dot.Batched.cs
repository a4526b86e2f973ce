namespace FunctionalAD;

// Dot along many directions: one dot product per slab, read in place.
internal sealed partial class DotOperation
{
    /// <summary>duⱼ·v + u·dvⱼ for every direction j, rounded as the one-direction rule rounds it.</summary>
    internal override TangentBatch? JvpBatch(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<TangentBatch?> tangents)
    {
        var (u, v) = (arguments[0], arguments[1]);
        var (du, dv) = (tangents[0], tangents[1]);
        var count = TangentBatch.CountOf(tangents);
        var result = TangentBatch.Rent(Shape.Scalar, count, clear: false);
        for (var j = 0; j < count; j++)
            result.Storage[j] = (du is null ? 0 : Sum(du.Slab(j), v.Storage)) + (dv is null ? 0 : Sum(u.Storage, dv.Slab(j)));
        return result;
    }

    private static double Sum(ReadOnlySpan<double> u, ReadOnlySpan<double> v) => System.Numerics.Tensors.TensorPrimitives.Dot(u, v) + 0.0;
}
