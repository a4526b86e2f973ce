namespace FunctionalAD;

/// <summary>
/// The matrix product of each pair of slabs: m×k×B times k×n×B is m×n×B, slab b of the result being A[:, :, b]·B[:, :, b].
/// With the first axis fastest in storage, each slab is a column-major matrix as it is stored, so each product runs on
/// the backend without a copy. Batched <c>MatMul</c> of any rank is built on it (batch axes broadcast, moved last,
/// flattened). It is bilinear: the tangent is dA·B + A·dB slab by slab, and the pullback of G is (G·Bᵀ, Aᵀ·G) slab by slab,
/// stated with itself and <see cref="PermuteOperation"/> (which transposes every slab).
/// </summary>
internal sealed class BatchedProductOperation : TensorOperation
{
    public static readonly BatchedProductOperation Instance = new();

    public override string Name => "BatchedProduct";
    public override int Arity => 2;

    public override Shape OutputShape(Shape a, Shape b) =>
        a.Rank == 3 && b.Rank == 3 && a[1] == b[0] && a[2] == b[2]
            ? Shape.Of(a[0], b[1], a[2])
            : throw Mismatch($"cannot multiply the slabs of {a} by those of {b}: it takes m×k×batch and k×n×batch.");

    public override Tensor Value(Tensor a, Tensor b) => Product(a, false, b, false, OutputShape(a.Shape, b.Shape));

    public override Tensor Jvp(Tensor a, Tensor b, Tensor output, Tensor? da, Tensor? db) =>
        Kernels.Add(da is { } x ? Value(x, b) : null, db is { } y ? Value(a, y) : null)!.Value;

    public override TensorPullback Vjp(Tensor a, Tensor b, Tensor output) => (g, first, second) => new(
        first ? Product(g, false, b, true, a.Shape) : null,
        second ? Product(a, true, g, false, b.Shape) : null);

    internal override (Expr? First, Expr? Second) VjpGraph(Expr a, Expr? b, Expr output, Expr g) =>
        (Expr.Operate(Instance, g, Expr.Permute(b!, [1, 0, 2])), Expr.Operate(Instance, Expr.Permute(a, [1, 0, 2]), g));

    /// <summary>op(x)·op(y) slab by slab into a tensor of <paramref name="shape"/>, op transposing each slab where asked.</summary>
    private static Tensor Product(Tensor x, bool transposeX, Tensor y, bool transposeY, Shape shape)
    {
        int m = shape[0], n = shape[1], batch = shape[2];
        int xRows = x.Shape[0], yRows = y.Shape[0], inner = transposeX ? xRows : x.Shape[1];
        var (xSlab, ySlab, resultSlab) = (x.Shape[0] * x.Shape[1], y.Shape[0] * y.Shape[1], m * n);
        var (xs, ys) = (new double[xSlab], new double[ySlab]);
        var slab = new double[resultSlab];
        var result = new double[shape.Count];
        for (var s = 0; s < batch; s++)
        {
            // The products take whole arrays: each slab is copied out, multiplied and copied back.
            Array.Copy(x.Storage, s * xSlab, xs, 0, xSlab);
            Array.Copy(y.Storage, s * ySlab, ys, 0, ySlab);
            LinearAlgebra.Products.Gemm(transposeX, transposeY, m, n, inner, xs, xRows, ys, yRows, 0, slab);
            Array.Copy(slab, 0, result, s * resultSlab, resultSlab);
        }
        return new(shape, result);
    }
}
