using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// <c>Concat(a, b, axis)</c>: two vectors end to end (axis 0), two matrices stacked one above the other (axis 0,
/// same number of columns) or side by side (axis 1, same number of rows). Linear: the tangent is the concatenation
/// of the tangents (zeros where one is absent); the pullback splits the cotangent into the two parts.
/// </summary>
internal sealed class ConcatOperation(int axis) : TensorOperation
{
    public int Axis { get; } = axis;
    public override ImmutableArray<double> Parameters => [Axis];
    public override string Name => "Concat";
    public override int Arity => 2;
    internal override string? ParameterText => string.Create(CultureInfo.InvariantCulture, $"axis: {Axis}");

    public override Shape OutputShape(Shape a, Shape b) => (a.Rank, b.Rank, Axis) switch
    {
        (1, 1, 0) => Shape.Vector(a[0] + b[0]),
        (2, 2, 0) when a[1] == b[1] => Shape.Matrix(a[0] + b[0], a[1]),
        (2, 2, 1) when a[0] == b[0] => Shape.Matrix(a[0], a[1] + b[1]),
        _ => throw Mismatch($"cannot join {a} and {b} along axis {Axis}."),
    };

    public override Tensor Value(Tensor a, Tensor b) => Join(a, b);

    public override Tensor Jvp(Tensor a, Tensor b, Tensor output, Tensor? da, Tensor? db) =>
        Join(Kernels.OrZeros(da, a.Shape), Kernels.OrZeros(db, b.Shape));

    public override TensorPullback Vjp(Tensor a, Tensor b, Tensor output) => (g, first, second) =>
        new(first ? Part(g, a.Shape, 0) : null, second ? Part(g, b.Shape, Axis == 0 ? a.Shape[0] : a.Shape[1]) : null);

    /// <summary>The cotangent split in two: rows for axis 0, columns (rows of the transpose) for axis 1.</summary>
    internal override (Expr? First, Expr? Second) VjpGraph(Expr a, Expr? b, Expr output, Expr g)
    {
        if (Axis == 0) return (Expr.Rows(g, 0, a.Shape[0]), Expr.Rows(g, a.Shape[0], b!.Shape[0]));
        var t = Expr.Transpose(g);
        return (Expr.Transpose(Expr.Rows(t, 0, a.Shape[1])), Expr.Transpose(Expr.Rows(t, a.Shape[1], b!.Shape[1])));
    }

    private Tensor Join(Tensor a, Tensor b)
    {
        var shape = OutputShape(a.Shape, b.Shape);
        var result = new double[shape.Count];
        if (shape.Rank == 1 || Axis == 1)
        {
            // Column-major storage: side by side (or end to end) is one array after the other.
            Array.Copy(a.Storage, result, a.Shape.Count);
            Array.Copy(b.Storage, 0, result, a.Shape.Count, b.Shape.Count);
        }
        else
        {
            int ra = a.Shape[0], rb = b.Shape[0], rows = ra + rb;
            for (var j = 0; j < shape[1]; j++)
            {
                for (var i = 0; i < ra; i++) result[j * rows + i] = a.At(j * ra + i);
                for (var i = 0; i < rb; i++) result[j * rows + ra + i] = b.At(j * rb + i);
            }
        }
        return new(shape, result);
    }

    /// <summary>The block of <paramref name="g"/> of shape <paramref name="part"/> starting at row or column <paramref name="offset"/>.</summary>
    private Tensor Part(Tensor g, Shape part, int offset)
    {
        var result = new double[part.Count];
        if (part.Rank == 1 || Axis == 1)
        {
            var start = part.Rank == 1 ? offset : offset * part[0];
            for (var k = 0; k < result.Length; k++) result[k] = g.At(start + k);
        }
        else
        {
            int rows = g.Shape[0], r = part[0];
            for (var j = 0; j < part[1]; j++)
            for (var i = 0; i < r; i++)
                result[j * r + i] = g.At(j * rows + offset + i);
        }
        return new(part, result);
    }
}
