using System.Buffers;
using System.Numerics.Tensors;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace FunctionalAD;

/// <summary>
/// Managed products, vectorised through <see cref="TensorPrimitives"/> over the contiguous columns of column-major
/// storage: Aᵀ·B as dot products of columns, A·B with a long inner dimension the same after transposing A once, and
/// the other products as multiply-adds of A's columns (in blocks of columns that stay in cache); matrix·vector alike. Only Aᵀ·Bᵀ, which nothing in the tensor rules asks for, goes to MathNet's
/// provider. The products round differently from a loop in index order (SIMD lanes, fused multiply-adds), by a few
/// ulps of Σ|aᵢ||bᵢ|.
/// </summary>
internal sealed class ManagedProducts : MatrixProducts
{
    /// <summary>Columns of A per block: 64 columns of 128 doubles (64 KB) stay in the cache while every column of C passes.</summary>
    private const int Block = 64;

    /// <summary>The inner dimension and column count from which A·B runs as dot products of columns (measured on the W3 shapes).</summary>
    private const int LongInner = 32;

    public static readonly ManagedProducts Instance = new();

    private ManagedProducts() { }

    public override string Description => "managed (System.Numerics.Tensors SIMD kernels)";

    public override bool IsNative => false;

    public override void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double[] a, int lda, double[] b, int ldb, double beta, double[] c)
    {
        if (transposeA && transposeB)
        {
            LinearAlgebraControl.Provider.MatrixMultiplyWithUpdate(Transpose.Transpose, Transpose.Transpose, 1.0, a, lda, m, b, ldb, k, beta, c);
            return;
        }
        var result = c.AsSpan(0, m * n);
        if (beta == 0) result.Clear();
        else if (beta != 1) TensorPrimitives.Multiply(result, beta, result);
        if (transposeA)
        {
            Dots(m, n, k, a, lda, b, ldb, c);
            return;
        }
        if (k >= LongInner && n >= LongInner && !transposeB)
        {
            // Long inner dimension: dot products of Aᵀ's contiguous columns (A's rows) with B's columns run faster
            // than multiply-adds into C, which load and store C's column k times; A is transposed once, into a rented buffer.
            var rented = ArrayPool<double>.Shared.Rent(m * k);
            try
            {
                for (var l = 0; l < k; l++)
                for (var i = 0; i < m; i++)
                    rented[i * k + l] = a[l * lda + i];
                Dots(m, n, k, rented, k, b, ldb, c);
            }
            finally
            {
                ArrayPool<double>.Shared.Return(rented);
            }
            return;
        }
        // C[:, j] += Σₗ op(B)(l, j)·A[:, l], a block of A's columns at a time.
        for (var start = 0; start < k; start += Block)
        {
            var end = Math.Min(k, start + Block);
            for (var j = 0; j < n; j++)
            {
                var column = result.Slice(j * m, m);
                for (var l = start; l < end; l++)
                {
                    var factor = transposeB ? b[l * ldb + j] : b[j * ldb + l];
                    TensorPrimitives.FusedMultiplyAdd(a.AsSpan(l * lda, m), factor, column, column);
                }
            }
        }
    }

    /// <summary>C(i, j) += Aᵀ[:, i] · B[:, j] for A stored k×m: both columns are contiguous, of length k.</summary>
    private static void Dots(int m, int n, int k, double[] a, int lda, double[] b, int ldb, double[] c)
    {
        for (var j = 0; j < n; j++)
        {
            var column = b.AsSpan(j * ldb, k);
            for (var i = 0; i < m; i++) c[j * m + i] += TensorPrimitives.Dot(a.AsSpan(i * lda, k), column);
        }
    }

    public override void Gemv(bool transpose, int rows, int columns, double[] a, double[] x, double beta, double[] y)
    {
        var matrix = a.AsSpan(0, rows * columns);
        if (transpose)
        {
            // yⱼ = column j · x: contiguous dot products.
            for (var j = 0; j < columns; j++)
            {
                var dot = TensorPrimitives.Dot(matrix.Slice(j * rows, rows), x.AsSpan(0, rows));
                y[j] = beta == 0 ? dot : beta * y[j] + dot;
            }
            return;
        }
        // y = Σⱼ xⱼ·column j: one contiguous multiply-add per column.
        var result = y.AsSpan(0, rows);
        if (beta == 0) result.Clear();
        else if (beta != 1) TensorPrimitives.Multiply(result, beta, result);
        for (var j = 0; j < columns; j++) TensorPrimitives.FusedMultiplyAdd(matrix.Slice(j * rows, rows), x[j], result, result);
    }
}
