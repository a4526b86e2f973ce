using System.Buffers;
using System.Numerics.Tensors;

namespace FunctionalAD;

// MatMul along many directions: A·dB over every direction is one product A·[dB₁ … dBₖ] (the batch's storage is that
// matrix); a basis direction (the Hessian's seeds) picks a column of A instead of multiplying by the identity; and
// with A constant, the value and the tangents come from one product A·[B | dB₁ … dBₖ], which reads A once.
internal sealed partial class MatMulOperation
{
    /// <summary>dAⱼ·B + A·dBⱼ for every direction j, the first term first, as the one-direction rule sums them.</summary>
    internal override TangentBatch? JvpBatch(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<TangentBatch?> tangents)
    {
        var (a, b) = (arguments[0], arguments[1]);
        var (da, db) = (tangents[0], tangents[1]);
        int m = a.Shape[0], k = a.Shape[1], n = b.Shape.Rank == 1 ? 1 : b.Shape[1];
        var (size, count) = (m * n, TangentBatch.CountOf(tangents));
        // Zeros where a basis direction of A writes a single row, or nothing moves.
        var batch = TangentBatch.Rent(output.Shape, count, clear: da is not null || db is null);
        var result = batch.Storage;
        if (da is not null) FirstTerms(b, da, m, k, n, result);
        if (db is null) return batch;
        if (db.Units is { } units)
        {
            // A·E(r, c) is A's column r in column c, and zeros elsewhere; + 0 turns −0 into +0, as the product's sum does.
            for (var j = 0; j < count; j++)
            {
                var slab = result.AsSpan(j * size, size);
                if (units[j] < 0)
                {
                    if (da is null) slab.Clear();
                    continue;
                }
                var (r, c) = (units[j] % k, units[j] / k);
                var column = slab.Slice(c * m, m);
                ReadOnlySpan<double> from = a.Storage.AsSpan(r * m, m);
                if (da is not null)
                {
                    TensorPrimitives.Add(column, from, column);
                    continue;
                }
                slab[..(c * m)].Clear();
                slab[((c + 1) * m)..].Clear();
                TensorPrimitives.Add(from, 0.0, column);
            }
        }
        else if (n * count == 1) LinearAlgebra.Products.Gemv(false, m, k, a.Storage, db.Storage, da is null ? 0 : 1, result);
        else LinearAlgebra.Products.Gemm(false, false, m, n * count, k, a.Storage, m, db.Storage, k, da is null ? 0 : 1, result);
        return batch;
    }

    /// <summary>dAⱼ·B into each slab of <paramref name="result"/>: a row of B for a basis direction, a product otherwise.</summary>
    private static void FirstTerms(Tensor b, TangentBatch da, int m, int k, int n, double[] result)
    {
        var size = m * n;
        double[]? product = null;
        for (var j = 0; j < da.Count; j++)
        {
            if (da.Units is { } units)
            {
                if (units[j] < 0) continue;
                // E(r, c)·B has B's row c in row r.
                var (r, c) = (units[j] % m, units[j] / m);
                for (var column = 0; column < n; column++) result[j * size + column * m + r] = b.Storage[column * k + c];
                continue;
            }
            if (da.IsZero(j)) continue;
            product ??= new double[size];
            Product(da.SlabTensor(j), b, 0, product);
            product.CopyTo(result.AsSpan(j * size, size));
        }
    }

    /// <summary>With A constant: A·[B | dB₁ … dBₖ] in one product, split into the value and the tangents.</summary>
    internal override (Tensor Value, TangentBatch? Tangent) ValueAndJvpBatch(ReadOnlySpan<Tensor> arguments, Shape shape, ReadOnlySpan<TangentBatch?> tangents)
    {
        var (a, b) = (arguments[0], arguments[1]);
        if (tangents[0] is not null || tangents[1] is not { Units: null } db) return base.ValueAndJvpBatch(arguments, shape, tangents);
        int m = a.Shape[0], k = a.Shape[1], n = b.Shape.Rank == 1 ? 1 : b.Shape[1];
        var (size, count) = (m * n, db.Count);
        var (right, product) = (ArrayPool<double>.Shared.Rent(k * n * (count + 1)), ArrayPool<double>.Shared.Rent(size * (count + 1)));
        b.Storage.AsSpan(0, k * n).CopyTo(right);
        db.All.CopyTo(right.AsSpan(k * n));
        LinearAlgebra.Products.Gemm(false, false, m, n * (count + 1), k, a.Storage, m, right, k, 0, product);
        var tangent = TangentBatch.Rent(shape, count, clear: false);
        product.AsSpan(size, size * count).CopyTo(tangent.Storage);
        var value = new Tensor(shape, product[..size]);
        ArrayPool<double>.Shared.Return(right);
        ArrayPool<double>.Shared.Return(product);
        return (value, tangent);
    }
}
