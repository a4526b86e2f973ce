using System.Runtime.InteropServices;

namespace FunctionalAD;

/// <summary>
/// A native BLAS found at run time, called through the C interface (<c>cblas_dgemm</c>, <c>cblas_dgemv</c>) with
/// column-major storage, the layout of <see cref="Tensor"/>. The library stays loaded for the life of the process.
/// </summary>
internal sealed unsafe class NativeBlas : MatrixProducts
{
    private const int ColumnMajor = 102, NoTranspose = 111, Transposed = 112;

    private readonly delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> dgemm;
    private readonly delegate* unmanaged[Cdecl]<int, int, int, int, double, double*, int, double*, int, double, double*, int, void> dgemv;

    private NativeBlas(string library, IntPtr handle, bool optimised)
    {
        Library = library;
        IsOptimised = optimised;
        dgemm = (delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)
            NativeLibrary.GetExport(handle, "cblas_dgemm");
        dgemv = (delegate* unmanaged[Cdecl]<int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)
            NativeLibrary.GetExport(handle, "cblas_dgemv");
    }

    /// <summary>The library as it was loaded: a path, or a name the system's loader resolved.</summary>
    public string Library { get; }

    /// <summary>
    /// Whether the library is a tuned BLAS (OpenBLAS, MKL, BLIS, Accelerate), told by the symbols it exports, not
    /// by its file name: Debian's <c>libblas.so.3</c> may be the reference BLAS or OpenBLAS behind an alternative.
    /// </summary>
    public bool IsOptimised { get; }

    public override string Description => $"native BLAS ({Library}{(IsOptimised ? "" : ", reference implementation")})";

    public override bool IsNative => true;

    /// <summary>Loads <paramref name="library"/> (a path or a name); null with the reason when it does not load or lacks the two routines.</summary>
    public static NativeBlas? TryLoad(string library, out string reason)
    {
        if (!NativeLibrary.TryLoad(library, out var handle))
        {
            reason = $"{library}: not found or not loadable";
            return null;
        }
        foreach (var routine in (ReadOnlySpan<string>)["cblas_dgemm", "cblas_dgemv"])
        {
            if (!NativeLibrary.TryGetExport(handle, routine, out _))
            {
                NativeLibrary.Free(handle);
                reason = $"{library}: loads but does not export {routine}";
                return null;
            }
        }
        var optimised = library.Contains("Accelerate", StringComparison.Ordinal)
            || OptimisedMarkers.Any(symbol => NativeLibrary.TryGetExport(handle, symbol, out _));
        reason = "";
        return new NativeBlas(library, handle, optimised);
    }

    /// <summary>Symbols only a tuned BLAS exports: OpenBLAS, MKL, BLIS.</summary>
    private static readonly string[] OptimisedMarkers = ["openblas_get_config", "MKL_Get_Version", "mkl_get_version", "bli_info_get_version_str"];

    public override void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double[] a, int lda, double[] b, int ldb, double beta, double[] c)
    {
        fixed (double* pa = a, pb = b, pc = c)
        {
            dgemm(ColumnMajor, transposeA ? Transposed : NoTranspose, transposeB ? Transposed : NoTranspose,
                m, n, k, 1.0, pa, Math.Max(1, lda), pb, Math.Max(1, ldb), beta, pc, Math.Max(1, m));
        }
    }

    public override void Gemv(bool transpose, int rows, int columns, double[] a, double[] x, double beta, double[] y)
    {
        fixed (double* pa = a, px = x, py = y)
        {
            dgemv(ColumnMajor, transpose ? Transposed : NoTranspose, rows, columns, 1.0, pa, Math.Max(1, rows), px, 1, beta, py, 1);
        }
    }
}
