namespace FunctionalAD;

/// <summary>
/// The two BLAS routines the tensor rules need, over column-major storage: a matrix product (dgemm) and a
/// matrix·vector product (dgemv). Every call writes only into <c>c</c> / <c>y</c>, which the caller allocated in the
/// same call; transposes are flags, never materialised.
/// </summary>
internal abstract class MatrixProducts
{
    /// <summary>What this is, for the log line, e.g. <c>native BLAS (/usr/lib/…/libblas.so.3)</c>.</summary>
    public abstract string Description { get; }

    /// <summary>Whether the products run in a native library.</summary>
    public abstract bool IsNative { get; }

    /// <summary>
    /// C ← op(A)·op(B) + beta·C, C m×n. A is stored with <paramref name="lda"/> rows (m×k, or k×m when transposed),
    /// B with <paramref name="ldb"/> rows (k×n, or n×k when transposed); C has m rows.
    /// </summary>
    public abstract void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double[] a, int lda, double[] b, int ldb, double beta, double[] c);

    /// <summary>y ← op(A)·x + beta·y for A stored <paramref name="rows"/>×<paramref name="columns"/>.</summary>
    public abstract void Gemv(bool transpose, int rows, int columns, double[] a, double[] x, double beta, double[] y);
}
