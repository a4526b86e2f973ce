using MathNet.Numerics.Providers.LinearAlgebra;

namespace FunctionalAD;

/// <summary>
/// The products on MathNet.Numerics' linear-algebra provider (its managed code unless the application chose another
/// provider): the reference the benchmarks compare the managed kernels with.
/// </summary>
internal sealed class MathNetProducts : MatrixProducts
{
    public static readonly MathNetProducts Instance = new();

    private MathNetProducts() { }

    public override string Description => $"MathNet.Numerics ({LinearAlgebraControl.Provider})";

    public override bool IsNative => false;

    public override void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double[] a, int lda, double[] b, int ldb, double beta, double[] c) =>
        // MathNet takes each operand's stored dimensions and the transpose flags, as BLAS does.
        LinearAlgebraControl.Provider.MatrixMultiplyWithUpdate(
            transposeA ? Transpose.Transpose : Transpose.DontTranspose,
            transposeB ? Transpose.Transpose : Transpose.DontTranspose,
            1.0, a, lda, transposeA ? m : k, b, ldb, transposeB ? k : n, beta, c);

    public override void Gemv(bool transpose, int rows, int columns, double[] a, double[] x, double beta, double[] y) =>
        Gemm(transpose, false, transpose ? columns : rows, 1, transpose ? rows : columns, a, rows, x, transpose ? rows : columns, beta, y);
}
