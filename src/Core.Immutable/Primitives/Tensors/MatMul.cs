namespace FunctionalAD;

/// <summary>
/// Matrix products. <c>MatMul(A, B)</c>: A m×k times B k×n is m×n, and A m×k times a vector of k is a vector of m.
/// d(AB) = dA·B + A·dB; the pullback of G is (G·Bᵀ, Aᵀ·G). A vector b is handled as the k×1 column it is, so both
/// cases share one formula. The products run on <see cref="LinearAlgebra"/>'s backend (a native BLAS or managed
/// code); transposes are the routines' flags, never formed, and every product goes into a new array.
/// </summary>
internal sealed partial class MatMulOperation : TensorOperation
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

    /// <summary>A·B, which is the tangent dA·B + A·dB along dA = A, dB = 0.</summary>
    public override Tensor Value(Tensor a, Tensor b) => Tangent(a, b, a, null);

    public override Tensor Jvp(Tensor a, Tensor b, Tensor output, Tensor? da, Tensor? db) => Tangent(a, b, da, db);

    /// <summary>dA·B + A·dB: the second product accumulates into the first's result (beta = 1).</summary>
    private static Tensor Tangent(Tensor a, Tensor b, Tensor? da, Tensor? db)
    {
        int m = a.Shape[0], n = b.Shape.Rank == 1 ? 1 : b.Shape[1];
        var result = new double[m * n];
        var beta = 0.0;
        foreach (var (left, right) in (ReadOnlySpan<(Tensor?, Tensor?)>)[(da, b), (db is null ? null : a, db)])
        {
            if (left is not { } x || right is not { } y) continue;
            Product(x, y, beta, result);
            beta = 1;
        }
        return new(b.Shape.Rank == 1 ? Shape.Vector(m) : Shape.Matrix(m, n), result);
    }

    /// <summary>
    /// beta·result + x·y, with x m×k and y k×n or a vector of k, on the backend: <see cref="Value"/> is this with beta = 0
    /// into a new (zeroed) array, and a compiled plan calls it the same way into a buffer it zeroed.
    /// </summary>
    internal static void Product(Tensor x, Tensor y, double beta, double[] result)
    {
        int m = x.Shape[0], k = x.Shape[1];
        if (y.Shape.Rank == 1) LinearAlgebra.Products.Gemv(false, m, k, x.Storage, y.Storage, beta, result);
        else LinearAlgebra.Products.Gemm(false, false, m, y.Shape[1], k, x.Storage, m, y.Storage, k, beta, result);
    }

    /// <summary>G·Bᵀ, m×k (for a vector b the outer product G bᵀ), into <paramref name="result"/>, which must hold zeros.</summary>
    internal static void FirstCotangent(Tensor a, Tensor b, Tensor g, double[] result)
    {
        int m = a.Shape[0], k = a.Shape[1], n = b.Shape.Rank == 1 ? 1 : b.Shape[1];
        LinearAlgebra.Products.Gemm(false, true, m, k, n, g.Storage, m, b.Storage, k, 0, result);
    }

    /// <summary>Aᵀ·G, k×n (for a vector, Aᵀg), into <paramref name="result"/>, which must hold zeros.</summary>
    internal static void SecondCotangent(Tensor a, Tensor b, Tensor g, double[] result)
    {
        int m = a.Shape[0], k = a.Shape[1];
        if (b.Shape.Rank == 1) LinearAlgebra.Products.Gemv(true, m, k, a.Storage, g.Storage, 0, result);
        else LinearAlgebra.Products.Gemm(true, false, k, b.Shape[1], m, a.Storage, m, g.Storage, m, 0, result);
    }

    /// <summary>Both cotangents are products, which the backend adds into a running sum as it forms them (beta = 1).</summary>
    internal override bool AddsVjpInPlace(int argument) => true;

    /// <summary>sum + G·Bᵀ or sum + Aᵀ·G, formed in place.</summary>
    internal override void AddVjpInto(ReadOnlySpan<Tensor> arguments, Tensor g, int argument, double[] sum)
    {
        var (a, b) = (arguments[0], arguments[1]);
        int m = a.Shape[0], k = a.Shape[1], n = b.Shape.Rank == 1 ? 1 : b.Shape[1];
        if (argument == 0) LinearAlgebra.Products.Gemm(false, true, m, k, n, g.Storage, m, b.Storage, k, 1, sum);
        else if (b.Shape.Rank == 1) LinearAlgebra.Products.Gemv(true, m, k, a.Storage, g.Storage, 1, sum);
        else LinearAlgebra.Products.Gemm(true, false, k, n, m, a.Storage, m, g.Storage, m, 1, sum);
    }

    /// <summary>(G·Bᵀ, Aᵀ·G); for a vector b, G is a vector and its cotangent is the outer product G bᵀ.</summary>
    internal override (Expr? First, Expr? Second) VjpGraph(Expr a, Expr? b, Expr output, Expr g) =>
        b!.Shape.Rank == 2
            ? (Expr.MatMul(g, Expr.Transpose(b)), Expr.MatMul(Expr.Transpose(a), g))
            : (Expr.MatMul(Expr.Reshape(g, Shape.Matrix(a.Shape[0], 1)), Expr.Reshape(b, Shape.Matrix(1, a.Shape[1]))),
               Expr.MatMul(Expr.Transpose(a), g));

    public override TensorPullback Vjp(Tensor a, Tensor b, Tensor output) => (g, first, second) =>
    {
        Tensor? ga = null, gb = null;
        if (first)
        {
            var result = new double[a.Shape.Count];
            FirstCotangent(a, b, g, result);
            ga = new Tensor(a.Shape, result);
        }
        if (second)
        {
            var result = new double[b.Shape.Count];
            SecondCotangent(a, b, g, result);
            gb = new Tensor(b.Shape, result);
        }
        return new(ga, gb);
    };
}
