namespace FunctionalAD;

/// <summary>
/// The shape of a value: a scalar, a vector of n elements, or a matrix of rows × columns (every dimension ≥ 1).
/// Printed <c>scalar</c>, <c>5</c> and <c>3×4</c>. The default shape is <see cref="Scalar"/>.
/// </summary>
/// <remarks>Two ints, so that a shape costs a graph node eight bytes: (0, 0) scalar, (n, 0) vector, (r, c) matrix.</remarks>
public readonly record struct Shape
{
    private readonly int first;
    private readonly int second;

    private Shape(int first, int second)
    {
        this.first = first;
        this.second = second;
    }

    /// <summary>The shape of a single number.</summary>
    public static Shape Scalar => default;

    /// <summary>The shape of a vector of <paramref name="length"/> elements.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is less than 1.</exception>
    public static Shape Vector(int length)
    {
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "A vector has at least one element.");
        return new(length, 0);
    }

    /// <summary>The shape of a matrix of <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is less than 1.</exception>
    public static Shape Matrix(int rows, int columns)
    {
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, "A matrix has at least one row.");
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "A matrix has at least one column.");
        return new(rows, columns);
    }

    /// <summary>The number of dimensions: 0 (scalar), 1 (vector) or 2 (matrix).</summary>
    public int Rank => first == 0 ? 0 : second == 0 ? 1 : 2;

    /// <summary>Whether this is the shape of a single number.</summary>
    public bool IsScalar => first == 0;

    /// <summary>The number of elements: 1, n, or rows × columns.</summary>
    public int Count => first == 0 ? 1 : second == 0 ? first : first * second;

    /// <summary>The size along <paramref name="axis"/> (0 or 1, up to <see cref="Rank"/> − 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shape has no such axis.</exception>
    public int this[int axis] => (uint)axis < (uint)Rank
        ? axis == 0 ? first : second
        : throw new ArgumentOutOfRangeException(nameof(axis), axis, $"The shape {this} has no axis {axis}.");

    /// <summary>Rows when the shape is seen as a matrix for broadcasting: 1 for a scalar and for a vector (a row).</summary>
    internal int PaddedRows => second == 0 ? 1 : first;

    /// <summary>Columns when the shape is seen as a matrix for broadcasting: 1 for a scalar, n for a vector.</summary>
    internal int PaddedColumns => first == 0 ? 1 : second == 0 ? first : second;

    /// <summary><c>scalar</c>, <c>5</c> or <c>3×4</c>.</summary>
    public override string ToString() => Rank switch
    {
        0 => "scalar",
        1 => first.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{first}×{second}"),
    };
}
