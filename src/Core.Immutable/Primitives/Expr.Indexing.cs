namespace FunctionalAD;

// Building graphs that index: take along an axis and its transpose, embedding lookups.
public abstract partial class Expr
{
    /// <summary>
    /// The slices of <paramref name="table"/> along <paramref name="axis"/> at each of <paramref name="indices"/> (numpy's
    /// <c>take</c>, torch's <c>index_select</c>): the result has the table's shape with that axis replaced by the
    /// indices' shape, of any rank. The indices are integers given as numbers; they get no derivative. The table's
    /// cotangent is <see cref="ScatterAdd"/>: the output's cotangent added back at the indices, repeated ones adding up.
    /// </summary>
    /// <param name="table">The tensor to index, of rank at least 1.</param>
    /// <param name="indices">Whole numbers in 0 … length − 1 of the axis, of any shape; a scalar drops the axis.</param>
    /// <param name="axis">The axis to index; −1 is the last.</param>
    /// <example><code>Expr.Take(Expr.Input("t", Shape.Of(5, 3)), Expr.Constant(Tensor.Vector(4, 0, 4)), axis: 0)   // rows 4, 0, 4: 3×3</code></example>
    /// <exception cref="ShapeMismatchException">The axis is not an axis of the table; the message names both shapes.</exception>
    /// <exception cref="ArgumentException">When evaluated: an index is not an integer in range (the message names its position).</exception>
    public static Expr Take(Expr table, Expr indices, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(indices);
        var rank = table.Shape.Rank;
        var normal = axis < 0 ? axis + rank : axis;
        if (normal < 0 || normal >= rank)
            throw new ShapeMismatchException("Take", $"Take: axis {axis} is out of range for a table of shape {table.Shape} (indices {indices.Shape}).");
        return Operate(TakeOperation.Take(normal), table, indices);
    }

    /// <summary>
    /// The transpose of <see cref="Take"/> (torch's <c>index_add</c> into zeros): a tensor whose <paramref name="axis"/>
    /// has length <paramref name="size"/>, zero except that each slice of <paramref name="values"/> is added at its index;
    /// slices of a repeated index add up. The values have the result's shape with that axis replaced by the indices'
    /// shape. Linear in the values; the indices get no derivative.
    /// </summary>
    /// <param name="values">The slices to add, one per index.</param>
    /// <param name="indices">Whole numbers in 0 … size − 1, of any shape.</param>
    /// <param name="axis">The axis of the result that the indices address; −1 is the last.</param>
    /// <param name="size">The length of that axis.</param>
    /// <example><code>Expr.ScatterAdd(Expr.Input("g", Shape.Of(3, 2)), Expr.Constant(Tensor.Vector(1, 0, 1)), axis: 0, size: 4)   // 4×2</code></example>
    /// <exception cref="ArgumentOutOfRangeException">The size is less than 1.</exception>
    /// <exception cref="ShapeMismatchException">The values do not hold the indices' shape at the axis; the message names both shapes.</exception>
    /// <exception cref="ArgumentException">When evaluated: an index is not an integer in range (the message names its position).</exception>
    public static Expr ScatterAdd(Expr values, Expr indices, int axis, int size)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var rank = values.Shape.Rank - indices.Shape.Rank + 1; // the result's
        var normal = axis < 0 ? axis + rank : axis;
        if (normal < 0 || normal >= rank)
            throw new ShapeMismatchException("ScatterAdd",
                $"ScatterAdd: axis {axis} is out of range for values of shape {values.Shape} with indices of shape {indices.Shape}.");
        return Operate(TakeOperation.ScatterAdd(normal, size), values, indices);
    }

    /// <summary>
    /// An embedding lookup: row <c>ids[…]</c> of a <paramref name="table"/> of vocabulary × width for each id, so ids of
    /// any shape give that shape × width (ids of batch × length give batch × length × width). It is
    /// <see cref="Take"/> along axis 0; the table's gradient adds each position's cotangent into its id's row.
    /// </summary>
    /// <example><code>Expr.Embedding(Expr.Input("E", Shape.Of(1000, 16)), Expr.Input("ids", Shape.Of(32, 20)))   // 32×20×16</code></example>
    /// <exception cref="ShapeMismatchException">The table is not a matrix; the message names both shapes.</exception>
    /// <exception cref="ArgumentException">When evaluated: an id is not an integer in 0 … vocabulary − 1 (the message names its position).</exception>
    public static Expr Embedding(Expr table, Expr ids)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(ids);
        if (table.Shape.Rank != 2)
            throw new ShapeMismatchException("Embedding",
                $"Embedding: the table must be a matrix of vocabulary × width, not shape {table.Shape} (ids {ids.Shape}).");
        return Take(table, ids, 0);
    }
}
