namespace FunctionalAD;

// The linear rearrangements and reductions along many directions: the tangent is the operation applied to each slab,
// written straight into the result's slab (the default would copy every slab into a tensor of its own and back).

internal sealed partial class TransposeOperation
{
    internal override TangentBatch? JvpBatch(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<TangentBatch?> tangents)
    {
        var da = tangents[0]!;
        int rows = da.Shape[0], columns = da.Shape[1];
        var result = TangentBatch.Rent(output.Shape, da.Count, clear: false);
        for (var j = 0; j < da.Count; j++)
        {
            var slab = da.Slab(j);
            var into = result.Storage.AsSpan(j * da.Size, da.Size);
            for (var c = 0; c < columns; c++)
            for (var r = 0; r < rows; r++)
                into[r * columns + c] = slab[c * rows + r];
        }
        return result;
    }
}

internal sealed partial class ReshapeOperation
{
    internal override TangentBatch? JvpBatch(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<TangentBatch?> tangents)
    {
        var dx = tangents[0]!;
        var result = TangentBatch.Rent(Target, dx.Count, clear: false);
        // Below rank 2 the storage is the row-major order: the batch is copied whole.
        if (dx.Shape.Rank < 2 && Target.Rank < 2)
        {
            dx.All.CopyTo(result.Storage);
            return result;
        }
        var rowMajor = new double[dx.Size];
        for (var j = 0; j < dx.Count; j++)
        {
            StorageOrder.ToRowMajor(dx.Shape, dx.Slab(j), rowMajor);
            StorageOrder.FromRowMajor(Target, rowMajor, result.Storage.AsSpan(j * dx.Size, dx.Size));
        }
        return result;
    }
}

internal sealed partial class BroadcastToOperation
{
    internal override TangentBatch? JvpBatch(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<TangentBatch?> tangents)
    {
        var dx = tangents[0]!;
        var result = TangentBatch.Rent(output.Shape, dx.Count, clear: false);
        var size = output.Shape.Count;
        var map = Broadcasting.Map(dx.Shape, output.Shape);
        for (var j = 0; j < dx.Count; j++)
        {
            var slab = dx.Slab(j);
            var into = result.Storage.AsSpan(j * size, size);
            if (map is null) slab.CopyTo(into);
            else for (var k = 0; k < size; k++) into[k] = slab[map[k]];
        }
        return result;
    }
}

internal sealed partial class ReduceOperation
{
    internal override TangentBatch? JvpBatch(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<TangentBatch?> tangents)
    {
        var dx = tangents[0]!;
        var size = output.Shape.Count;
        var result = TangentBatch.Rent(output.Shape, dx.Count, clear: false);
        for (var j = 0; j < dx.Count; j++) ReduceInto(dx.Shape, dx.Slab(j), result.Storage.AsSpan(j * size, size));
        return result;
    }
}
