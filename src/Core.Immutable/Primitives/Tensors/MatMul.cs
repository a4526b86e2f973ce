using MathNet.Numerics.LinearAlgebra.Double;

namespace FunctionalAD;

/// <summary>
/// Matrix products. <c>MatMul(A, B)</c>: A m×k times B k×n is m×n, and A m×k times a vector of k is a vector of m.
/// d(AB) = dA·B + A·dB; the pullback of G is (G·Bᵀ, Aᵀ·G). A vector b is handled as the k×1 column it is, so both
/// cases share one formula; the products run on MathNet's kernels without forming a transpose.
/// </summary>
internal sealed record MatMulOperation : TensorOperation
{
    public static readonly MatMulOperation Instance = new();

    public override string Name => "MatMul";
    public override int Arity => 2;

    public override Shape OutputShape(Shape a, Shape b) => (a.Rank, b.Rank) switch
    {
        (2, 2) when a[1] == b[0] => Shape.Matrix(a[0], b[1]),
        (2, 1) when a[1] == b[0] => Shape.Vector(a[0]),
        (2, _) when b.Rank > 0 => throw Mismatch($"cannot multiply {a} by {b}: the inner dimensions {a[1]} and {b[0]} differ."),
        _ => throw Mismatch($"cannot multiply {a} by {b}: MatMul takes a matrix and a matrix or a vector (Dot multiplies two vectors, * scales)."),
    };

    public override Tensor Value(Tensor a, Tensor b) => Product(a, b);

    public override Tensor Jvp(Tensor a, Tensor b, Tensor output, Tensor? da, Tensor? db) =>
        Kernels.Add(da is { } x ? Product(x, b) : null, db is { } y ? Product(a, y) : null)!.Value;

    public override TensorPullback Vjp(Tensor a, Tensor b, Tensor output) => (g, first, second) =>
    {
        var gm = Columns(g);
        return new(
            first ? Kernels.Wrap(a.Shape, (DenseMatrix)gm.TransposeAndMultiply(Columns(b))) : null,
            second ? Kernels.Wrap(b.Shape, (DenseMatrix)Columns(a).TransposeThisAndMultiply(gm)) : null);
    };

    private static Tensor Product(Tensor a, Tensor b)
    {
        var shape = a.Shape.Rank == 2 && b.Shape.Rank == 2 ? Shape.Matrix(a.Shape[0], b.Shape[1]) : Shape.Vector(a.Shape[0]);
        return Kernels.Wrap(shape, (DenseMatrix)Columns(a).Multiply(Columns(b)));
    }

    /// <summary>A read-only MathNet view: a matrix as itself, a vector as a column.</summary>
    private static DenseMatrix Columns(Tensor t) =>
        t.Shape.Rank == 2 ? t.AsMatrix() : new DenseMatrix(t.Shape.Count, 1, t.Storage);
}
