using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// Indexing along an axis, as numpy's <c>take</c> and torch's <c>index_select</c>, with its transpose:
/// <list type="bullet">
/// <item><c>Take(table, indices)</c>: the table's slices along the axis at each index, so the result has the table's
/// shape with the axis replaced by the indices' shape;</item>
/// <item><c>ScatterAdd(values, indices)</c>: each slice of values added into a tensor of zeros at its index along the
/// axis (which is <see cref="Size"/> long), the slices of a repeated index adding up.</item>
/// </list>
/// Both are linear in their first argument and each is the other's transpose, so gradient graphs and Hessians close
/// over the pair. The indices are piecewise constant: they get no derivative (a zero tangent, no cotangent), as
/// OneHot's labels. An index that is not an integer in 0 … length − 1 is reported when the graph is evaluated,
/// naming its position.
/// </summary>
internal sealed class TakeOperation(bool scatter, int axis, int size) : TensorOperation
{
    /// <summary>Whether this is the transpose, ScatterAdd.</summary>
    public bool Scatter { get; } = scatter;

    /// <summary>The axis of the table (of ScatterAdd's result) that is indexed, normalised.</summary>
    public int Axis { get; } = axis;

    /// <summary>ScatterAdd's length of the indexed axis; 0 for Take, which reads it from the table.</summary>
    public int Size { get; } = size;

    /// <summary>Take along <paramref name="axis"/>.</summary>
    public static TakeOperation Take(int axis) => new(false, axis, 0);

    /// <summary>ScatterAdd into an axis of <paramref name="size"/> at <paramref name="axis"/>.</summary>
    public static TakeOperation ScatterAdd(int axis, int size) => new(true, axis, size);

    public override string Name => Scatter ? "ScatterAdd" : "Take";

    public override int Arity => 2;

    public override ImmutableArray<double> Parameters => Scatter ? [Axis, Size] : [Axis];

    internal override string? ParameterText => Scatter
        ? string.Create(CultureInfo.InvariantCulture, $"axis: {Axis}, size: {Size}")
        : string.Create(CultureInfo.InvariantCulture, $"axis: {Axis}");

    public override Shape OutputShape(Shape x, Shape indices)
    {
        if (!Scatter)
        {
            if (Axis >= x.Rank) throw Mismatch($"axis {Axis} is out of range for a table of shape {x} (indices {indices}).");
            return Shape.Of([.. x.Dimensions[..Axis], .. indices.Dimensions, .. x.Dimensions[(Axis + 1)..]]);
        }
        var k = indices.Rank;
        if (x.Rank < Axis + k || !x.Dimensions.AsSpan(Axis, k).SequenceEqual(indices.Dimensions.AsSpan()))
            throw Mismatch($"the values of shape {x} do not hold the indices' shape {indices} at axis {Axis}.");
        return Shape.Of([.. x.Dimensions[..Axis], Size, .. x.Dimensions[(Axis + k)..]]);
    }

    public override Tensor Value(Tensor x, Tensor indices) => Scatter ? Scattered(x, indices) : Taken(x, indices);

    public override Tensor Jvp(Tensor x, Tensor indices, Tensor output, Tensor? dx, Tensor? dIndices) =>
        dx is { } t ? Value(t, indices) : Tensor.Zeros(output.Shape);

    public override TensorPullback Vjp(Tensor x, Tensor indices, Tensor output) =>
        (g, first, _) => new(first ? Transposed(x.Shape).Value(g, indices) : null, null);

    internal override (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? indices, Expr output, Expr g) =>
        (Expr.Operate(Transposed(x.Shape), g, indices!), null);

    /// <summary>The other member of the pair, for a first argument of shape <paramref name="x"/>.</summary>
    private TakeOperation Transposed(Shape x) => Scatter ? Take(Axis) : ScatterAdd(Axis, x[Axis]);

    // In storage (first axis fastest) a tensor is inner × length × outer along the axis: the axes before it, the axis,
    // the axes after it. The indices' axes replace the middle one in the same order, so slice p of the result is the
    // contiguous run of `inner` numbers at inner·(p + count·o) for each outer o.
    private Tensor Taken(Tensor table, Tensor indices)
    {
        var (inner, length, outer) = Split(table.Shape, Axis, 1);
        var rows = Checked(indices, length);
        var (source, result) = (table.Storage, new double[inner * rows.Length * outer]);
        for (var o = 0; o < outer; o++)
        for (var p = 0; p < rows.Length; p++)
            Array.Copy(source, inner * (rows[p] + length * o), result, inner * (p + rows.Length * o), inner);
        return new(OutputShape(table.Shape, indices.Shape), result);
    }

    private Tensor Scattered(Tensor values, Tensor indices)
    {
        var (inner, count, outer) = Split(values.Shape, Axis, indices.Shape.Rank);
        var rows = Checked(indices, Size);
        var (source, result) = (values.Storage, new double[inner * Size * outer]);
        for (var o = 0; o < outer; o++)
        for (var p = 0; p < count; p++)
        {
            int from = inner * (p + count * o), to = inner * (rows[p] + Size * o);
            for (var i = 0; i < inner; i++) result[to + i] += source[from + i];
        }
        return new(OutputShape(values.Shape, indices.Shape), result);
    }

    /// <summary>The sizes before, of, and after the <paramref name="axes"/> axes from <paramref name="axis"/>.</summary>
    private static (int Inner, int Middle, int Outer) Split(Shape shape, int axis, int axes)
    {
        var dimensions = shape.Dimensions;
        int Product(int from, int to)
        {
            var product = 1;
            for (var a = from; a < to; a++) product *= dimensions[a];
            return product;
        }
        return (Product(0, axis), Product(axis, axis + axes), Product(axis + axes, dimensions.Length));
    }

    /// <summary>The indices as integers, each checked to be a whole number in 0 … length − 1.</summary>
    private int[] Checked(Tensor indices, int length)
    {
        var values = indices.Storage;
        var rows = new int[values.Length];
        for (var p = 0; p < rows.Length; p++)
        {
            var value = values[p];
            if (!(value >= 0 && value < length && value == Math.Floor(value)))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{Name}: the index {value:R} at position {Position(indices.Shape, p)} of the indices is not an integer in 0 … {length - 1} (axis {Axis} has length {length})."));
            rows[p] = (int)value;
        }
        return rows;
    }

    /// <summary>The position of storage element <paramref name="p"/> as the user indexes it: <c>(1, 2)</c>, or <c>()</c> for a scalar.</summary>
    private static string Position(Shape shape, int p)
    {
        var coordinates = new int[shape.Rank];
        for (var a = 0; a < shape.Rank; a++)
        {
            coordinates[a] = p % shape[a];
            p /= shape[a];
        }
        return "(" + string.Join(", ", coordinates) + ")";
    }
}
