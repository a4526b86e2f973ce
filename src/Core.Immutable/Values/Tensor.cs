using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FunctionalAD;

/// <summary>
/// An immutable tensor of doubles of any rank: a scalar, a vector, a matrix, a batch of images. Factories copy what
/// they are given and accessors hand out copies, so a tensor never shares storage with its caller. A scalar tensor
/// holds its number inline and allocates nothing. Equality is structural and bitwise: same shape, same bits in every
/// element. Elements go in and come out in row-major order (numpy's), whatever the storage.
/// </summary>
/// <remarks>
/// Elements are stored with the first axis fastest, so a matrix is column-major, as MathNet.Numerics stores a dense
/// matrix and as BLAS routines read it, and primitives can hand the storage to the products (<see cref="LinearAlgebra"/>)
/// or wrap it in a <see cref="DenseMatrix"/> without copying (<see cref="StorageOrder"/>). Only the call that allocated
/// an array writes into it.
/// </remarks>
public readonly partial struct Tensor : IEquatable<Tensor>
{
    private const int PrintLimit = 64;
    private readonly double scalar;
    private readonly double[]? data;

    private Tensor(double value)
    {
        scalar = value;
        data = null;
        Shape = Shape.Scalar;
    }

    /// <summary>Takes ownership of <paramref name="owned"/> (column-major); the caller must not write to it again.</summary>
    internal Tensor(Shape shape, double[] owned)
    {
        if (shape.IsScalar)
        {
            scalar = owned[0];
            data = null;
        }
        else
        {
            scalar = 0;
            data = owned;
        }
        Shape = shape;
    }

    /// <summary>The tensor's shape.</summary>
    public Shape Shape { get; }

    /// <summary>A scalar tensor.</summary>
    public static Tensor Scalar(double value) => new(value);

    /// <summary>A scalar tensor, as in <c>Tensor t = 2.0</c>.</summary>
    public static implicit operator Tensor(double value) => new(value);

    /// <summary>A vector tensor holding a copy of <paramref name="elements"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="elements"/> is empty.</exception>
    public static Tensor Vector(params double[] elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (elements.Length == 0) throw new ArgumentException("A vector has at least one element.", nameof(elements));
        return new(Shape.Vector(elements.Length), (double[])elements.Clone());
    }

    /// <summary>A matrix tensor holding a copy of <paramref name="elements"/> (indexed [row, column]).</summary>
    /// <exception cref="ArgumentException"><paramref name="elements"/> has no rows or no columns.</exception>
    public static Tensor Matrix(double[,] elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        int rows = elements.GetLength(0), columns = elements.GetLength(1);
        if (rows == 0 || columns == 0) throw new ArgumentException("A matrix has at least one row and one column.", nameof(elements));
        var storage = new double[rows * columns];
        for (var j = 0; j < columns; j++)
        for (var i = 0; i < rows; i++)
            storage[j * rows + i] = elements[i, j];
        return new(Shape.Matrix(rows, columns), storage);
    }

    /// <summary>A scalar tensor (the same as <see cref="Scalar"/>).</summary>
    public static Tensor Of(double value) => new(value);

    /// <summary>A vector tensor holding a copy of <paramref name="elements"/> (the same as <see cref="Vector"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="elements"/> is empty.</exception>
    public static Tensor Of(double[] elements) => Vector(elements);

    /// <summary>A matrix tensor holding a copy of <paramref name="elements"/> (the same as <see cref="Matrix"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="elements"/> has no rows or no columns.</exception>
    public static Tensor Of(double[,] elements) => Matrix(elements);

    /// <summary>A vector tensor holding a copy of a MathNet vector.</summary>
    public static Tensor Of(Vector<double> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (vector.Count == 0) throw new ArgumentException("A vector has at least one element.", nameof(vector));
        return new(Shape.Vector(vector.Count), vector.ToArray());
    }

    /// <summary>A matrix tensor holding a copy of a MathNet matrix.</summary>
    public static Tensor Of(Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.RowCount == 0 || matrix.ColumnCount == 0)
            throw new ArgumentException("A matrix has at least one row and one column.", nameof(matrix));
        return new(Shape.Matrix(matrix.RowCount, matrix.ColumnCount), matrix.ToColumnMajorArray());
    }

    /// <summary>A tensor of <paramref name="shape"/> with every element equal to <paramref name="value"/>.</summary>
    public static Tensor Filled(Shape shape, double value)
    {
        if (shape.IsScalar) return new(value);
        var storage = new double[shape.Count];
        if (value != 0) Array.Fill(storage, value);
        return new(shape, storage);
    }

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(Shape shape) => Filled(shape, 0);

    /// <summary>A tensor whose element at (row, column) is <paramref name="element"/>(row, column); a vector has row 0, a scalar (0, 0).</summary>
    /// <exception cref="ArgumentException">The shape's rank is above 2: use the overload that passes every index.</exception>
    public static Tensor Create(Shape shape, Func<int, int, double> element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (shape.Rank > 2)
            throw new ArgumentException($"A (row, column) function fills a tensor of rank 2 at most, not shape {shape}; use Tensor.Create(shape, index => …), which passes every index.", nameof(shape));
        int rows = shape.PaddedRows, columns = shape.PaddedColumns;
        var storage = new double[shape.Count];
        for (var j = 0; j < columns; j++)
        for (var i = 0; i < rows; i++)
            storage[j * rows + i] = element(i, j);
        return new(shape, storage);
    }

    /// <summary>
    /// A tensor of any rank whose element at <c>index</c> (one entry per axis, outermost first) is
    /// <paramref name="element"/>(index). The array passed is reused from call to call: read it, do not keep it.
    /// </summary>
    /// <example><code>Tensor.Create(Shape.Of(2, 3, 4), i =&gt; i[0] * 100 + i[1] * 10 + i[2])</code></example>
    public static Tensor Create(Shape shape, Func<int[], double> element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (shape.IsScalar) return new(element([]));
        var index = new int[shape.Rank];
        var rowMajor = new double[shape.Count];
        for (var k = 0; k < rowMajor.Length; k++)
        {
            rowMajor[k] = element(index);
            for (var axis = index.Length - 1; axis >= 0 && ++index[axis] == shape[axis]; axis--) index[axis] = 0;
        }
        return Of(rowMajor, shape);
    }

    /// <summary>The number of a scalar tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not a scalar.</exception>
    public double ToScalar() => Shape.IsScalar
        ? scalar
        : throw new InvalidOperationException($"The tensor has shape {Shape}, not scalar; read its elements with the indexers or ToArray().");

    /// <summary>
    /// The number of a scalar tensor, so that the partial of a scalar input reads as a number:
    /// <c>double dw = Reverse.Grad(loss, at)["w"];</c> (from F#, <c>g.["w"].ToScalar()</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor is not a scalar; the message names its shape.</exception>
    public static implicit operator double(Tensor tensor) => tensor.ToScalar();

    /// <summary>Element <paramref name="index"/> of a vector.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not a vector.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the vector.</exception>
    public double this[int index]
    {
        get
        {
            if (Shape.Rank != 1) throw new InvalidOperationException($"One index reads a vector, but the tensor has shape {Shape}.");
            if ((uint)index >= (uint)Shape.Count)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The index is outside the vector of shape {Shape}.");
            return data![index];
        }
    }

    /// <summary>Element (<paramref name="row"/>, <paramref name="column"/>) of a matrix.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not a matrix.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The position is outside the matrix.</exception>
    public double this[int row, int column]
    {
        get
        {
            if (Shape.Rank != 2) throw new InvalidOperationException($"Two indices read a matrix, but the tensor has shape {Shape}.");
            if ((uint)row >= (uint)Shape[0] || (uint)column >= (uint)Shape[1])
                throw new ArgumentOutOfRangeException(nameof(row), $"({row}, {column}) is outside the matrix of shape {Shape}.");
            return data![column * Shape[0] + row];
        }
    }

    /// <summary>The element at <paramref name="indices"/>, one per axis (outermost first), of a tensor of any rank.</summary>
    /// <example><code>images[0, 0, 13, 13]</code></example>
    /// <exception cref="ArgumentOutOfRangeException">The number of indices is not the rank, or an index is outside its axis.</exception>
    public double this[params int[] indices]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(indices);
            return At(StorageOrder.StorageIndex(Shape, indices));
        }
    }

    /// <summary>A copy of the elements in row-major order (a scalar gives one element).</summary>
    public double[] ToArray()
    {
        if (data is null) return [scalar];
        var result = new double[data.Length];
        StorageOrder.ToRowMajor(Shape, data, result);
        return result;
    }

    /// <summary>A copy as a MathNet vector.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not a vector.</exception>
    public Vector<double> ToVector() => Shape.Rank == 1
        ? DenseVector.OfArray((double[])data!.Clone())
        : throw new InvalidOperationException($"The tensor has shape {Shape}, not a vector shape.");

    /// <summary>A copy as a MathNet matrix.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not a matrix.</exception>
    public Matrix<double> ToMatrix() => Shape.Rank == 2
        ? new DenseMatrix(Shape[0], Shape[1], (double[])data!.Clone())
        : throw new InvalidOperationException($"The tensor has shape {Shape}, not a matrix shape.");

    /// <summary>A copy as a two-dimensional array [row, column].</summary>
    /// <exception cref="InvalidOperationException">The tensor is not a matrix.</exception>
    public double[,] ToArray2D()
    {
        if (Shape.Rank != 2) throw new InvalidOperationException($"The tensor has shape {Shape}, not a matrix shape.");
        int rows = Shape[0], columns = Shape[1];
        var result = new double[rows, columns];
        for (var j = 0; j < columns; j++)
        for (var i = 0; i < rows; i++)
            result[i, j] = data![j * rows + i];
        return result;
    }

    /// <summary>Element <paramref name="k"/> in column-major order.</summary>
    internal double At(int k) => data is null ? scalar : data[k];

    /// <summary>The column-major storage, for reading only; a scalar gets a fresh one-element array.</summary>
    internal double[] Storage => data ?? [scalar];

    /// <inheritdoc />
    public bool Equals(Tensor other)
    {
        if (Shape != other.Shape) return false;
        for (var k = 0; k < Shape.Count; k++)
        {
            if (BitConverter.DoubleToInt64Bits(At(k)) != BitConverter.DoubleToInt64Bits(other.At(k))) return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Tensor other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Shape);
        for (var k = 0; k < Shape.Count; k++) hash.Add(BitConverter.DoubleToInt64Bits(At(k)));
        return hash.ToHashCode();
    }

    /// <summary>Bitwise equality.</summary>
    public static bool operator ==(Tensor left, Tensor right) => left.Equals(right);

    /// <summary>Bitwise inequality.</summary>
    public static bool operator !=(Tensor left, Tensor right) => !left.Equals(right);

    /// <summary>
    /// <c>3</c>, <c>[1, 2, 3]</c>, <c>[[1, 2], [3, 4]]</c> (rows first), and so on nested for any rank, as numpy prints;
    /// large tensors print their shape only.
    /// </summary>
    public override string ToString()
    {
        if (Shape.IsScalar) return Format(scalar);
        if (Shape.Count > PrintLimit) return $"tensor {Shape}";
        var elements = ToArray();
        var shape = Shape;
        var text = new System.Text.StringBuilder();
        var next = 0;
        Nest(0);
        return text.ToString();

        // One bracket per axis, the last axis innermost: the row-major elements in order.
        void Nest(int axis)
        {
            text.Append('[');
            for (var i = 0; i < shape[axis]; i++)
            {
                if (i > 0) text.Append(", ");
                if (axis == shape.Rank - 1) text.Append(Format(elements[next++]));
                else Nest(axis + 1);
            }
            text.Append(']');
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
