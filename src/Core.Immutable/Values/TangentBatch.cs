using System.Buffers;

namespace FunctionalAD;

/// <summary>
/// The tangents of one node along <see cref="Count"/> directions at once, side by side: direction j is the slab
/// <c>Storage[j·|S| … (j+1)·|S|)</c> in the storage order of the node's shape S, so the batch is the tensor of shape
/// S×k with the direction axis last (first axis fastest), and a product <c>A·dB</c> over all directions is one matrix
/// product. Its numbers are immutable once made: only the rule that allocated the storage writes into it.
/// </summary>
/// <remarks>
/// <see cref="Units"/>, when not null, says more than the storage: slab j is the basis tensor with a single 1 at
/// storage index <c>Units[j]</c> (−1 for a zero slab), as the Hessian seeds it, so that a product can copy a column
/// instead of multiplying by the identity. The storage always holds the same numbers, for every other rule.
/// A batch made by <see cref="Rent"/> holds an array of the shared pool, at least as long as it needs (every reader
/// gives lengths), which the sweep that asked for it hands back once nothing reads it (<see cref="Return"/>): fresh
/// arrays of megabytes would cost a page fault per 4 KB at every sweep.
/// </remarks>
internal sealed class TangentBatch
{
    private int returned; // 1 once the storage went back to the pool

    public TangentBatch(Shape shape, int count, double[] storage, int[]? units = null)
        : this(shape, count, storage, units, pooled: false)
    {
    }

    private TangentBatch(Shape shape, int count, double[] storage, int[]? units, bool pooled)
    {
        Shape = shape;
        Count = count;
        Storage = storage;
        Units = units;
        Pooled = pooled;
    }

    /// <summary>A batch over an array of the shared pool, zeroed when <paramref name="clear"/> (otherwise the rule writes every slab).</summary>
    public static TangentBatch Rent(Shape shape, int count, bool clear, int[]? units = null)
    {
        var length = shape.Count * count;
        var storage = ArrayPool<double>.Shared.Rent(length);
        if (clear) storage.AsSpan(0, length).Clear();
        return new(shape, count, storage, units, pooled: true);
    }

    /// <summary>
    /// Hands a rented batch's array back to the pool, once however often it is asked (nothing for another batch): the
    /// batch must not be read again.
    /// </summary>
    public static void Return(TangentBatch? batch)
    {
        // Twice into the pool, one array would go to two renters at once.
        if (batch is { Pooled: true } && Interlocked.Exchange(ref batch.returned, 1) == 0) ArrayPool<double>.Shared.Return(batch.Storage);
    }

    /// <summary>Whether <see cref="Storage"/> belongs to the shared pool (<see cref="Rent"/>).</summary>
    public bool Pooled { get; }

    /// <summary>The node's shape S: the shape of one direction's tangent.</summary>
    public Shape Shape { get; }

    /// <summary>The number of directions k.</summary>
    public int Count { get; }

    /// <summary>|S|·k numbers, direction after direction (a rented array may be longer).</summary>
    public double[] Storage { get; }

    /// <summary>For a batch of basis tensors, the storage index of each slab's 1 (−1: a zero slab); otherwise null.</summary>
    public int[]? Units { get; }

    /// <summary>The number of elements of one slab, |S|.</summary>
    public int Size => Shape.Count;

    /// <summary>Slab <paramref name="j"/>, read-only.</summary>
    public ReadOnlySpan<double> Slab(int j) => Storage.AsSpan(j * Size, Size);

    /// <summary>Whether slab <paramref name="j"/> is all zeros.</summary>
    public bool IsZero(int j) => Units is { } units ? units[j] < 0 : !Slab(j).ContainsAnyExcept(0.0);

    /// <summary>The |S|·k numbers of every slab, read-only.</summary>
    public ReadOnlySpan<double> All => Storage.AsSpan(0, Size * Count);

    /// <summary>Slab <paramref name="j"/> as a tensor of its own (a copy).</summary>
    public Tensor SlabTensor(int j) => new(Shape, Slab(j).ToArray());

    /// <summary>The number of directions of the batches of a rule's arguments (all have one; at least one is not null).</summary>
    public static int CountOf(ReadOnlySpan<TangentBatch?> tangents)
    {
        foreach (var t in tangents)
            if (t is not null) return t.Count;
        throw new InvalidOperationException("A batched JVP was asked with no argument moving.");
    }

    /// <summary>One direction as a batch of one, sharing nothing with <paramref name="tangent"/>.</summary>
    public static TangentBatch Of(Tensor tangent) => new(tangent.Shape, 1, [.. tangent.Storage.AsSpan(0, tangent.Shape.Count)]);
}
