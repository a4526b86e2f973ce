using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// The shape of a value: a scalar, a vector of n elements, a matrix of rows × columns, or a tensor of any higher rank
/// (every dimension ≥ 1). Printed <c>scalar</c>, <c>5</c>, <c>3×4</c> and <c>2×3×4</c>. The default shape is
/// <see cref="Scalar"/>.
/// </summary>
/// <remarks>
/// Two ints, so that a shape costs a graph node eight bytes: (0, 0) scalar, (n, 0) vector, (r, c) matrix, and
/// (−k, 0) for the k-th distinct shape of rank above 2, whose dimensions are kept once for the process.
/// </remarks>
public readonly record struct Shape
{
    private static readonly Lock HigherLock = new();
    private static readonly Dictionary<string, int> HigherIndex = [];
    private static readonly List<ImmutableArray<int>> Higher = [];

    private readonly int first;
    private readonly int second;

    private Shape(int first, int second)
    {
        this.first = first;
        this.second = second;
    }

    /// <summary>The shape of a single number.</summary>
    public static Shape Scalar => default;

    /// <summary>
    /// The free batch dimension N, for <see cref="Of"/>: <c>Shape.Of(Shape.Batch, 784)</c> is N×784, a batch of rows of any
    /// size. A graph over such inputs is built and checked once, every known dimension as usual, and takes its size from
    /// the tensors it is given when it runs (<see cref="Graph.WithBatchSize"/>).
    /// </summary>
    public const int Batch = -1;

    /// <summary>The shape of a vector of <paramref name="length"/> elements.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is less than 1.</exception>
    public static Shape Vector(int length)
    {
        if (length == Batch) return Of(length);
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "A vector has at least one element.");
        return new(length, 0);
    }

    /// <summary>The shape of a matrix of <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is less than 1.</exception>
    public static Shape Matrix(int rows, int columns)
    {
        if (rows == Batch || columns == Batch) return Of(rows, columns);
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, "A matrix has at least one row.");
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "A matrix has at least one column.");
        return new(rows, columns);
    }

    /// <summary>
    /// The shape of the given dimensions, of any rank: <c>Shape.Of()</c> is a scalar, <c>Shape.Of(5)</c> a vector,
    /// <c>Shape.Of(3, 4)</c> a matrix, <c>Shape.Of(64, 1, 28, 28)</c> a batch of images.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is less than 1, or the elements number more than <see cref="int.MaxValue"/>.</exception>
    public static Shape Of(params ReadOnlySpan<int> dimensions)
    {
        var free = dimensions.Contains(Batch);
        switch (dimensions.Length)
        {
            case 0: return Scalar;
            case 1 when !free: return Vector(dimensions[0]);
            case 2 when !free: return Matrix(dimensions[0], dimensions[1]);
        }
        var count = 1L;
        for (var axis = 0; axis < dimensions.Length; axis++)
        {
            if (dimensions[axis] < 1 && dimensions[axis] != Batch)
                throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions[axis], $"Dimension {axis} of a shape is less than 1.");
            count *= Math.Abs(dimensions[axis]);
            if (count > int.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(dimensions), $"A shape of {Join(dimensions)} has more than {int.MaxValue} elements.");
        }
        var key = Join(dimensions);
        lock (HigherLock)
        {
            if (!HigherIndex.TryGetValue(key, out var index))
            {
                index = Higher.Count;
                Higher.Add([.. dimensions]);
                HigherIndex.Add(key, index);
            }
            return new(-(index + 1), 0);
        }
    }

    /// <summary>The dimensions, outermost first: empty for a scalar, [n] for a vector, [rows, columns] for a matrix.</summary>
    public ImmutableArray<int> Dimensions => first < 0 ? DimensionsOf(first) : Rank switch
    {
        0 => [],
        1 => [first],
        _ => [first, second],
    };

    /// <summary>The number of dimensions: 0 (scalar), 1 (vector), 2 (matrix) or more.</summary>
    public int Rank => first < 0 ? DimensionsOf(first).Length : first == 0 ? 0 : second == 0 ? 1 : 2;

    /// <summary>Whether this is the shape of a single number.</summary>
    public bool IsScalar => first == 0;

    /// <summary>Whether a dimension is the free batch dimension N (<see cref="Batch"/>), whose size comes at run time.</summary>
    public bool HasFreeBatch => first < 0 && DimensionsOf(first).Contains(Batch);

    /// <summary>This shape with the free batch dimension N given <paramref name="size"/>; the shape itself when it has none.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is less than 1.</exception>
    public Shape WithBatchSize(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (!HasFreeBatch) return this;
        var dimensions = Dimensions.ToArray();
        for (var axis = 0; axis < dimensions.Length; axis++)
            if (dimensions[axis] == Batch) dimensions[axis] = size;
        return Of(dimensions);
    }

    /// <summary>
    /// The number of elements: 1, n, rows × columns, or the product of the dimensions. With the free batch dimension N it
    /// is minus the number of elements per unit of N (−784 for N×784), so that two such shapes hold the same number of
    /// elements, whatever N, exactly when their counts are equal.
    /// </summary>
    public int Count => first < 0 ? DimensionsOf(first).Aggregate(1, (p, d) => p * d) : first == 0 ? 1 : second == 0 ? first : first * second;

    /// <summary>The size along <paramref name="axis"/> (0 up to <see cref="Rank"/> − 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shape has no such axis.</exception>
    public int this[int axis] => (uint)axis < (uint)Rank
        ? first < 0 ? DimensionsOf(first)[axis] : axis == 0 ? first : second
        : throw new ArgumentOutOfRangeException(nameof(axis), axis, $"The shape {this} has no axis {axis}.");

    /// <summary>Rows when the shape is seen as a matrix for broadcasting: 1 for a scalar and for a vector (a row).</summary>
    internal int PaddedRows => first < 0 ? throw AboveRankTwo() : second == 0 ? 1 : first;

    /// <summary>Columns when the shape is seen as a matrix for broadcasting: 1 for a scalar, n for a vector.</summary>
    internal int PaddedColumns => first < 0 ? throw AboveRankTwo() : first == 0 ? 1 : second == 0 ? first : second;

    /// <summary><c>scalar</c>, <c>5</c>, <c>3×4</c> or <c>2×3×4</c>; the free batch dimension prints as <c>N</c> (<c>N×784</c>).</summary>
    public override string ToString() => first < 0 ? Join(DimensionsOf(first).AsSpan()) : Rank switch
    {
        0 => "scalar",
        1 => first.ToString(System.Globalization.CultureInfo.InvariantCulture),
        2 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{first}×{second}"),
        _ => Join(DimensionsOf(first).AsSpan()),
    };

    private static ImmutableArray<int> DimensionsOf(int code)
    {
        lock (HigherLock) return Higher[-code - 1];
    }

    private static string Join(ReadOnlySpan<int> dimensions)
    {
        var text = new System.Text.StringBuilder();
        foreach (var d in dimensions)
        {
            if (text.Length > 0) text.Append('×');
            text.Append(d == Batch ? "N" : d.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    // The matrix view serves the fast paths of rank ≤ 2; every caller checks the rank first.
    private InvalidOperationException AboveRankTwo() => new($"The shape {this} (rank {Rank}) has no matrix view.");
}
