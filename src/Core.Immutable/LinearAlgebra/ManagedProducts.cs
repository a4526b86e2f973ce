using System.Buffers;
using System.Numerics;
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
        InColumns(m, n, k, (from, to) =>
        {
            for (var start = 0; start < k; start += Block)
            {
                var end = Math.Min(k, start + Block);
                for (var j = from; j < to; j++)
                {
                    var column = c.AsSpan(j * m, m);
                    for (var l = start; l < end; l++)
                    {
                        var factor = transposeB ? b[l * ldb + j] : b[j * ldb + l];
                        TensorPrimitives.FusedMultiplyAdd(a.AsSpan(l * lda, m), factor, column, column);
                    }
                }
            }
        });
    }

    /// <summary>The multiply-adds from which a product is split over threads (W3's 128×784·784×256 is 26 million).</summary>
    private const long ParallelWork = 1 << 22;

    // The columns of C in even-aligned chunks, one per thread, each computed as one thread would compute it.
    private static void InColumns(int m, int n, int k, Action<int, int> columns)
    {
        var threads = Math.Min(Threads.Count, n / 2);
        if (threads < 2 || (long)m * n * k < ParallelWork)
        {
            columns(0, n);
            return;
        }
        var pairs = n / 2;
        Parallel.For(0, threads, Threads.Options, t =>
        {
            var from = 2 * (int)((long)pairs * t / threads);
            var to = t == threads - 1 ? n : 2 * (int)((long)pairs * (t + 1) / threads);
            columns(from, to);
        });
    }

    /// <summary>
    /// C(i, j) += Aᵀ[:, i] · B[:, j] for A stored k×m: both columns are contiguous, of length k. Four columns of A
    /// against two of B at a time, so that every vector loaded feeds two or four of the eight multiply-adds.
    /// </summary>
    private static void Dots(int m, int n, int k, double[] a, int lda, double[] b, int ldb, double[] c) =>
        InColumns(m, n, k, (from, to) => Dots(m, k, a, lda, b, ldb, c, from, to));

    // Columns from … to − 1 of C; from is even, so columns pair as they do over the whole product (the same bits).
    private static void Dots(int m, int k, double[] a, int lda, double[] b, int ldb, double[] c, int from, int to)
    {
        var n = to;
        var j = from;
        for (; j + 2 <= n; j += 2)
        {
            var i = 0;
            for (; i + 4 <= m; i += 4) Block4x2(a, i, lda, b, j, ldb, k, c, m);
            for (; i < m; i++)
            {
                c[j * m + i] += TensorPrimitives.Dot(a.AsSpan(i * lda, k), b.AsSpan(j * ldb, k));
                c[(j + 1) * m + i] += TensorPrimitives.Dot(a.AsSpan(i * lda, k), b.AsSpan((j + 1) * ldb, k));
            }
        }
        for (; j < n; j++)
        {
            var column = b.AsSpan(j * ldb, k);
            for (var i = 0; i < m; i++) c[j * m + i] += TensorPrimitives.Dot(a.AsSpan(i * lda, k), column);
        }
    }

    /// <summary>The eight dot products of columns i … i+3 of A with columns j, j+1 of B, added into C.</summary>
    private static void Block4x2(double[] a, int i, int lda, double[] b, int j, int ldb, int k, double[] c, int m)
    {
        ReadOnlySpan<double> a0 = a.AsSpan(i * lda, k), a1 = a.AsSpan((i + 1) * lda, k), a2 = a.AsSpan((i + 2) * lda, k), a3 = a.AsSpan((i + 3) * lda, k);
        ReadOnlySpan<double> b0 = b.AsSpan(j * ldb, k), b1 = b.AsSpan((j + 1) * ldb, k);
        Vector<double> s00 = default, s10 = default, s20 = default, s30 = default, s01 = default, s11 = default, s21 = default, s31 = default;
        var width = Vector<double>.Count;
        var l = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; l + width <= k; l += width)
            {
                Vector<double> x0 = new(b0[l..]), x1 = new(b1[l..]);
                Vector<double> y0 = new(a0[l..]), y1 = new(a1[l..]), y2 = new(a2[l..]), y3 = new(a3[l..]);
                s00 = Vector.FusedMultiplyAdd(y0, x0, s00);
                s10 = Vector.FusedMultiplyAdd(y1, x0, s10);
                s20 = Vector.FusedMultiplyAdd(y2, x0, s20);
                s30 = Vector.FusedMultiplyAdd(y3, x0, s30);
                s01 = Vector.FusedMultiplyAdd(y0, x1, s01);
                s11 = Vector.FusedMultiplyAdd(y1, x1, s11);
                s21 = Vector.FusedMultiplyAdd(y2, x1, s21);
                s31 = Vector.FusedMultiplyAdd(y3, x1, s31);
            }
        }
        double t00 = Vector.Sum(s00), t10 = Vector.Sum(s10), t20 = Vector.Sum(s20), t30 = Vector.Sum(s30);
        double t01 = Vector.Sum(s01), t11 = Vector.Sum(s11), t21 = Vector.Sum(s21), t31 = Vector.Sum(s31);
        for (; l < k; l++)
        {
            double x0 = b0[l], x1 = b1[l];
            t00 += a0[l] * x0; t10 += a1[l] * x0; t20 += a2[l] * x0; t30 += a3[l] * x0;
            t01 += a0[l] * x1; t11 += a1[l] * x1; t21 += a2[l] * x1; t31 += a3[l] * x1;
        }
        int first = j * m + i, second = (j + 1) * m + i;
        c[first] += t00; c[first + 1] += t10; c[first + 2] += t20; c[first + 3] += t30;
        c[second] += t01; c[second + 1] += t11; c[second + 2] += t21; c[second + 3] += t31;
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
