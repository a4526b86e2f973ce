using System.Numerics.Tensors;

namespace FunctionalAD;

/// <summary>
/// A cotangent added up over a loop's steps in one buffer of its own, written in place after the first two terms:
/// the same sums as <see cref="Kernels.Add(Tensor?, Tensor?)"/> term after term, bit for bit, without a new tensor per
/// step (a 64×64 parameter's cotangent is 32 KB a step). Null is zero.
/// </summary>
internal struct CotangentSum
{
    private Tensor? total;
    private double[]? owned;

    /// <summary>The sum so far; the caller must not add to it afterwards (the tensor shares the buffer).</summary>
    public readonly Tensor? Total => total;

    /// <summary>
    /// The sum's own buffer, holding the sum so far (zeros before the first term), for a term to be added into in
    /// place; <see cref="Total"/> is that buffer from then on.
    /// </summary>
    public double[] InPlace(Shape shape)
    {
        if (owned is null)
        {
            owned = new double[shape.Count];
            if (total is { } sum) sum.Storage.AsSpan().CopyTo(owned);
            total = new Tensor(shape, owned);
        }
        return owned;
    }

    public void Add(Tensor? term)
    {
        if (term is not { } t) return;
        if (total is not { } sum)
        {
            total = t;
            return;
        }
        if (sum.Shape.IsScalar)
        {
            total = Kernels.Add(sum, t);
            return;
        }
        if (owned is null)
        {
            owned = new double[sum.Shape.Count];
            TensorPrimitives.Add(sum.Storage, t.Storage, owned);
            total = new Tensor(sum.Shape, owned);
            return;
        }
        TensorPrimitives.Add(owned, t.Storage, owned);
    }
}
