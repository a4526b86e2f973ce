namespace FunctionalAD;

/// <summary>Small loops shared by the tensor rules. Each allocates its result and writes only into it.</summary>
internal static class Kernels
{
    /// <summary>a + b for tensors of one shape.</summary>
    public static Tensor Add(Tensor a, Tensor b)
    {
        var result = new double[a.Shape.Count];
        for (var k = 0; k < result.Length; k++) result[k] = a.At(k) + b.At(k);
        return new(a.Shape, result);
    }

    /// <summary>a + b where null is zero.</summary>
    public static Tensor? Add(Tensor? a, Tensor? b) => a is { } x ? b is { } y ? Add(x, y) : x : b;

    /// <summary>s · a.</summary>
    public static Tensor Scale(Tensor a, double s)
    {
        var result = new double[a.Shape.Count];
        for (var k = 0; k < result.Length; k++) result[k] = s * a.At(k);
        return new(a.Shape, result);
    }

    /// <summary>The tensor, or zeros of <paramref name="shape"/> when it is null.</summary>
    public static Tensor OrZeros(Tensor? t, Shape shape) => t ?? Tensor.Zeros(shape);

    /// <summary>Builds a tensor of <paramref name="shape"/> from its elements in row-major order.</summary>
    public static Tensor FromRowMajor(Shape shape, double[] rowMajor)
    {
        if (shape.Rank < 2) return new(shape, rowMajor);
        int rows = shape[0], columns = shape[1];
        var storage = new double[rowMajor.Length];
        for (var i = 0; i < rows; i++)
        for (var j = 0; j < columns; j++)
            storage[j * rows + i] = rowMajor[i * columns + j];
        return new(shape, storage);
    }

    /// <summary>The storage of a matrix or vector result of MathNet, owned by the new tensor.</summary>
    public static Tensor Wrap(Shape shape, MathNet.Numerics.LinearAlgebra.Double.DenseMatrix owned) => new(shape, owned.Values);
}
