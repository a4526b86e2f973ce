using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// Row slicing and indexing along axis 0. <c>Rows(x, start, count)</c> keeps rows start … start + count − 1 of a
/// matrix (elements of a vector); <c>Row(x, i)</c> takes row i of a matrix as a vector (element i of a vector as a
/// scalar). Linear: the tangent is the same slice of dx; the pullback puts the cotangent back in place among zeros.
/// </summary>
internal sealed class SliceOperation(int start, int count, bool dropAxis) : TensorOperation
{
    public int Start { get; } = start;
    public int Count { get; } = count;
    public bool DropAxis { get; } = dropAxis;
    public override ImmutableArray<double> Parameters => [Start, Count];
    public override string Name => DropAxis ? "Row" : "Rows";
    public override int Arity => 1;
    public override string Symbol => DropAxis ? "row" : "rows";
    internal override string? ParameterText => DropAxis
        ? Start.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Start}, {Count}");

    public override Shape OutputShape(Shape x, Shape _)
    {
        if (x.Rank is 0 or > 2) throw Mismatch($"takes rows of a vector or a matrix, not of {(x.IsScalar ? "a scalar" : x.ToString())}.");
        // Start > rows − count rather than Start + Count > rows: the sum overflows for a start near int.MaxValue.
        if (Start < 0 || Count < 1 || Start > x[0] - Count)
            throw Mismatch(DropAxis
                ? $"row {Start} is outside {x}, which has {x[0]} rows."
                : $"rows {Start} to {Start + Count - 1} are outside {x}, which has {x[0]} rows.");
        return (x.Rank, DropAxis) switch
        {
            (1, true) => Shape.Scalar,
            (1, false) => Shape.Vector(Count),
            (_, true) => Shape.Vector(x[1]),
            _ => Shape.Matrix(Count, x[1]),
        };
    }

    public override Tensor Value(Tensor x, Tensor _) => Take(x);

    public override Tensor Jvp(Tensor x, Tensor _, Tensor output, Tensor? dx, Tensor? __) => Take(dx!.Value);

    public override TensorPullback Vjp(Tensor x, Tensor _, Tensor output) => (g, first, _) =>
    {
        if (!first) return default;
        var rows = x.Shape.Rank == 2 ? x.Shape[0] : x.Shape.Count;
        var columns = x.Shape.Rank == 2 ? x.Shape[1] : 1;
        var result = new double[x.Shape.Count];
        for (var j = 0; j < columns; j++)
        for (var i = 0; i < Count; i++)
            result[j * rows + Start + i] = g.At(j * Count + i);
        return new(new Tensor(x.Shape, result), null);
    };

    /// <summary>The cotangent put back in place between zero rows: a concatenation, as the transpose of a slice is a pad.</summary>
    internal override (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? y, Expr output, Expr g)
    {
        var s = x.Shape;
        var rows = s.Rank == 2 ? s[0] : s.Count;
        var block = DropAxis ? Expr.Reshape(g, s.Rank == 2 ? Shape.Matrix(1, s[1]) : Shape.Vector(1)) : g;
        Shape Zeros(int count) => s.Rank == 2 ? Shape.Matrix(count, s[1]) : Shape.Vector(count);
        if (Start > 0) block = Expr.Concat(Expr.BroadcastTo(0.0, Zeros(Start)), block, 0);
        var after = rows - Start - Count;
        if (after > 0) block = Expr.Concat(block, Expr.BroadcastTo(0.0, Zeros(after)), 0);
        return (block, null);
    }

    private Tensor Take(Tensor x)
    {
        // A vector is one column here: its rows are its elements.
        var rows = x.Shape.Rank == 2 ? x.Shape[0] : x.Shape.Count;
        var columns = x.Shape.Rank == 2 ? x.Shape[1] : 1;
        var result = new double[Count * columns];
        for (var j = 0; j < columns; j++)
        for (var i = 0; i < Count; i++)
            result[j * Count + i] = x.At(j * rows + Start + i);
        return new(OutputShape(x.Shape, default), result);
    }
}
