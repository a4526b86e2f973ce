namespace FunctionalAD;

/// <summary>
/// <c>Transpose(A)</c>: an m×n matrix becomes n×m. It is linear: the tangent is dAᵀ and the pullback of G is Gᵀ.
/// </summary>
internal sealed partial class TransposeOperation : TensorOperation
{
    public static readonly TransposeOperation Instance = new();

    public override string Name => "Transpose";
    public override int Arity => 1;

    public override Shape OutputShape(Shape a, Shape _) => a.Rank == 2
        ? Shape.Matrix(a[1], a[0])
        : throw Mismatch($"cannot transpose {a}: Transpose takes a matrix (Reshape turns a vector into a 1×n or n×1 matrix).");

    public override Tensor Value(Tensor a, Tensor _) => Of(a);

    public override Tensor Jvp(Tensor a, Tensor _, Tensor output, Tensor? da, Tensor? __) => Of(da!.Value);

    public override TensorPullback Vjp(Tensor a, Tensor _, Tensor output) => (g, first, _) => new(first ? Of(g) : null, null);

    internal override (Expr? First, Expr? Second) VjpGraph(Expr a, Expr? y, Expr output, Expr g) => (Expr.Transpose(g), null);

    internal static Tensor Of(Tensor a)
    {
        int rows = a.Shape[0], columns = a.Shape[1];
        var result = new double[rows * columns];
        for (var j = 0; j < columns; j++)
        for (var i = 0; i < rows; i++)
            result[i * columns + j] = a.At(j * rows + i);
        return new(Shape.Matrix(columns, rows), result);
    }
}
