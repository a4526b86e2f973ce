namespace FunctionalAD;

// Batched tangents: a primitive's JVP along many directions at once (TangentBatch). The defaults apply the JVP rule
// slab by slab, so every primitive, a user's included, runs batched unchanged; the hot ones state faster forms.
public abstract partial class Primitive
{
    /// <summary>
    /// The JVP along every direction of the argument batches at once (null is an exact zero, and not every batch is
    /// null; all have one count): the output's batch, or null for an exact zero. By default <see cref="Jvp"/> slab by
    /// slab, skipping a direction along which no argument moves, as a one-direction sweep skips such a node.
    /// </summary>
    internal virtual TangentBatch? JvpBatch(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<TangentBatch?> tangents)
    {
        var count = TangentBatch.CountOf(tangents);
        var size = output.Shape.Count;
        TangentBatch? result = null;
        var slab = new Tensor?[tangents.Length];
        for (var j = 0; j < count; j++)
        {
            var moves = false;
            for (var i = 0; i < slab.Length; i++)
            {
                slab[i] = tangents[i] is { } t && !t.IsZero(j) ? t.SlabTensor(j) : null;
                moves |= slab[i] is not null;
            }
            if (!moves || Jvp(arguments, output, slab) is not { } tangent) continue;
            result ??= TangentBatch.Rent(output.Shape, count, clear: true);
            tangent.Storage.AsSpan(0, size).CopyTo(result.Storage.AsSpan(j * size, size));
        }
        return result;
    }

    /// <summary>
    /// The value, of <paramref name="shape"/>, and its batch of tangents in one step (for a sweep that computes values
    /// and tangents together); by default <see cref="Value"/> then <see cref="JvpBatch"/>. A product overrides it
    /// to multiply the value's operand and its tangents side by side.
    /// </summary>
    internal virtual (Tensor Value, TangentBatch? Tangent) ValueAndJvpBatch(ReadOnlySpan<Tensor> arguments, Shape shape, ReadOnlySpan<TangentBatch?> tangents)
    {
        var value = Value(arguments, shape);
        return (value, JvpBatch(arguments, value, tangents));
    }
}
