using System.Numerics;
using System.Numerics.Tensors;

namespace FunctionalAD;

/// <summary>
/// Small loops shared by the tensor rules, vectorised (<see cref="TensorPrimitives"/>, <see cref="Vector{T}"/>).
/// Each allocates its result and writes only into it. Additions and products round exactly as the scalar loops did.
/// </summary>
internal static class Kernels
{
    /// <summary>a + b for tensors of one shape.</summary>
    public static Tensor Add(Tensor a, Tensor b)
    {
        if (a.Shape.IsScalar) return a.ToScalar() + b.ToScalar();
        var result = new double[a.Shape.Count];
        TensorPrimitives.Add(a.Storage, b.Storage, result);
        return new(a.Shape, result);
    }

    /// <summary>a + b where null is zero.</summary>
    public static Tensor? Add(Tensor? a, Tensor? b) => a is { } x ? b is { } y ? Add(x, y) : x : b;

    /// <summary>s · a.</summary>
    public static Tensor Scale(Tensor a, double s)
    {
        if (a.Shape.IsScalar) return s * a.ToScalar();
        var result = new double[a.Shape.Count];
        TensorPrimitives.Multiply(a.Storage, s, result);
        return new(a.Shape, result);
    }

    /// <summary>
    /// <paramref name="result"/>ₖ = <see cref="Rules.Times"/>(partialₖ, directionₖ): the product, except that an exact zero
    /// on either side gives +0 even against ∞ or NaN (the strong zero of the scalar rules), element by element.
    /// </summary>
    public static void StrongMultiply(ReadOnlySpan<double> partial, ReadOnlySpan<double> direction, Span<double> result)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; k <= result.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var (p, d) = (new Vector<double>(partial[k..]), new Vector<double>(direction[k..]));
                var zero = Vector.Equals(p, Vector<double>.Zero) | Vector.Equals(d, Vector<double>.Zero);
                Vector.ConditionalSelect(zero, Vector<double>.Zero, p * d).CopyTo(result[k..]);
            }
        }
        for (; k < result.Length; k++) result[k] = Rules.Times(partial[k], direction[k]);
    }

    /// <summary><see cref="Rules.Times"/>(<paramref name="partial"/>, directionₖ) for one partial shared by every element.</summary>
    public static double[] StrongScale(double partial, ReadOnlySpan<double> direction)
    {
        var result = new double[direction.Length];
        if (partial == 0) return result;
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var p = new Vector<double>(partial);
            for (; k <= result.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var d = new Vector<double>(direction[k..]);
                Vector.ConditionalSelect(Vector.Equals(d, Vector<double>.Zero), Vector<double>.Zero, p * d).CopyTo(result.AsSpan(k));
            }
        }
        for (; k < result.Length; k++) result[k] = Rules.Times(partial, direction[k]);
        return result;
    }

    /// <summary>Whether any element is −0 (the sign bit alone).</summary>
    public static bool HasNegativeZero(ReadOnlySpan<double> values)
    {
        const long negativeZero = long.MinValue;
        var bits = System.Runtime.InteropServices.MemoryMarshal.Cast<double, long>(values);
        return bits.Contains(negativeZero); // vectorised search
    }

    /// <summary>The tensor, or zeros of <paramref name="shape"/> when it is null.</summary>
    public static Tensor OrZeros(Tensor? t, Shape shape) => t ?? Tensor.Zeros(shape);

    /// <summary>Builds a tensor of <paramref name="shape"/> from its elements in row-major order.</summary>
    public static Tensor FromRowMajor(Shape shape, double[] rowMajor)
    {
        if (shape.Rank < 2) return new(shape, rowMajor);
        var storage = new double[rowMajor.Length];
        StorageOrder.FromRowMajor(shape, rowMajor, storage);
        return new(shape, storage);
    }
}
