using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FunctionalAD;

/// <summary>
/// The record of one reverse-mode derivative call: for every operation on its <see cref="ReverseNumber{T}"/>s,
/// the positions of the (at most two) operations it was computed from and the local partials, as structs in
/// chunks of pooled arrays (<see cref="ChunkPool"/>). Recording an operation writes one entry; nothing is allocated per operation.
/// </summary>
/// <remarks>
/// The one mutable object behind reverse numbers, owned by the call that made it: only that call's thread
/// records, and only while the call runs its function (<see cref="Close"/> ends recording; afterwards the
/// numbers act as constants in new computations). The backward sweep only reads entries, so a closed tape
/// can be swept again, from any thread, with the adjoints in the sweep's own buffer. Chunks stay below the
/// large-object threshold, so growing the tape never copies and never allocates on the large-object heap.
/// </remarks>
internal sealed partial class ReverseTape<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>One recorded operation: parent positions (−1 for none) and the local partials.</summary>
    internal struct Entry
    {
        public int First;
        public int Second;
        public T FirstPartial;
        public T SecondPartial;
    }

    /// <summary>log₂ of the entries per chunk: as many as fit in 64 KB, at least 64.</summary>
    internal static readonly int Shift = ChunkShift();

    private static readonly int ChunkSize = 1 << Shift;

    private static readonly int Mask = ChunkSize - 1;

    private static long created;

    /// <summary>The tape of numbers made outside any derivative call (<see cref="ReverseNumber{T}.Variable(T)"/>): never records.</summary>
    internal static readonly ReverseTape<T> Detached = new(0, null);

    private Entry[][] chunks;
    private Entry[] current;
    private int offset;
    private int count;
    // The thread that may record; null once closed. Compared by reference: Thread.CurrentThread is one
    // thread-local read, cheaper per operation than a thread id.
    private Thread? owner;

    private ReverseTape(long id, Thread? owner)
    {
        Id = id;
        this.owner = owner;
        chunks = [];
        current = [];
        offset = ChunkSize; // the first operation takes the first chunk
    }

    /// <summary>A fresh tape for one derivative call on the current thread.</summary>
    public static ReverseTape<T> Open() => new(Interlocked.Increment(ref created), Thread.CurrentThread);

    /// <summary>Creation order among tapes of this type: a younger tape belongs to a call nested inside an older one's.</summary>
    public long Id { get; }

    /// <summary>The number of recorded operations.</summary>
    public int Count => count;

    /// <summary>Whether operations on this tape's numbers, on this thread, are recorded.</summary>
    public bool RecordsHere
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ReferenceEquals(owner, Thread.CurrentThread);
    }

    /// <summary>Whether recording has ended (the call's function has returned).</summary>
    public bool IsClosed => Volatile.Read(ref owner) is null;

    /// <summary>Records an operation and returns its position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Push(int first, T firstPartial, int second, T secondPartial)
    {
        var chunk = current;
        var at = offset;
        if (at >= ChunkSize)
        {
            chunk = Grow();
            at = 0;
        }
        ref var entry = ref chunk[at];
        entry.First = first;
        entry.Second = second;
        entry.FirstPartial = firstPartial;
        entry.SecondPartial = secondPartial;
        offset = at + 1;
        return count++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Entry[] Grow()
    {
        if (count > int.MaxValue - ChunkSize) throw new InvalidOperationException("ReverseNumber: more than 2³¹ operations in one derivative call.");
        var used = count >> Shift;
        if (used == chunks.Length) Array.Resize(ref chunks, Math.Max(4, chunks.Length * 2));
        current = chunks[used] = ChunkPool.Rent();
        offset = 0;
        return current;
    }

    /// <summary>The entry at <paramref name="position"/>.</summary>
    public ref readonly Entry this[int position]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref chunks[position >> Shift][position & Mask];
    }

    /// <summary>Ends recording: later operations on this tape's numbers give constants.</summary>
    public void Close() => Volatile.Write(ref owner, null);

    /// <summary>Closes the tape and gives its chunks back to the pool; no sweep may follow.</summary>
    public void Release()
    {
        Close();
        var used = (count + ChunkSize - 1) >> Shift;
        ChunkPool.Return(chunks, Math.Min(used, chunks.Length));
        chunks = [];
        current = [];
        offset = ChunkSize;
    }

    /// <summary>
    /// The backward sweep from <paramref name="outputs"/>, seeded with <paramref name="seeds"/>: cotangents go
    /// back in reverse recording order (the order is topological), and the cotangent of each input is returned.
    /// Outputs and inputs recorded elsewhere (constants, other calls) take no part.
    /// </summary>
    public T[] Sweep(ReadOnlySpan<int> inputs, ReadOnlySpan<int> outputs, ReadOnlySpan<T> seeds)
    {
        var result = new T[inputs.Length];
        Array.Fill(result, T.Zero);
        var top = -1;
        foreach (var o in outputs) top = Math.Max(top, o);
        if (top < 0 || inputs.IsEmpty) return result;
        var bottom = int.MaxValue;
        foreach (var i in inputs) bottom = i >= 0 ? Math.Min(bottom, i) : bottom;
        if (bottom > top) return result;

        if (typeof(T) == typeof(Dual<double>))
        {
            var duals = Unsafe.As<ReverseTape<Dual<double>>>(this).SweepDuals(
                inputs, outputs, MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, Dual<double>>(ref MemoryMarshal.GetReference(seeds)), seeds.Length), bottom, top);
            if (duals is not null) return Unsafe.As<Dual<double>[], T[]>(ref duals);
        }
        if (typeof(T) == typeof(double))
        {
            var doubles = Unsafe.As<ReverseTape<double>>(this).SweepDoubles(inputs, outputs, MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(seeds)), seeds.Length), bottom, top);
            return Unsafe.As<double[], T[]>(ref doubles);
        }
        var size = top + 1;
        // Scratch owned by this sweep alone: rented, cleared and returned before it ends.
        var adjoints = ArrayPool<T>.Shared.Rent(size);
        var touched = ArrayPool<bool>.Shared.Rent(size);
        try
        {
            Array.Clear(touched, 0, size);
            for (var j = 0; j < outputs.Length; j++)
            {
                if (outputs[j] >= 0) Accumulate(adjoints, touched, outputs[j], seeds[j]);
            }
            for (var k = top; k >= bottom; k--)
            {
                if (!touched[k]) continue;
                var adjoint = adjoints[k];
                if (StrongZero.Is(adjoint)) continue; // a zero cotangent is never multiplied into a partial
                ref readonly var entry = ref this[k];
                if (entry.First >= 0) Accumulate(adjoints, touched, entry.First, StrongZero.Times(entry.FirstPartial, adjoint));
                if (entry.Second >= 0) Accumulate(adjoints, touched, entry.Second, StrongZero.Times(entry.SecondPartial, adjoint));
            }
            for (var i = 0; i < inputs.Length; i++)
            {
                var k = inputs[i];
                if (k >= 0 && k < size && touched[k] && !StrongZero.Is(adjoints[k])) result[i] = adjoints[k];
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(adjoints, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            ArrayPool<bool>.Shared.Return(touched);
        }
        return result;
    }

    // The sweep of the common case, T = double, over the chunks directly. Every adjoint starts at 0 and
    // contributions are added: a zero adjoint (of either sign) is skipped and reported as 0 either way, so
    // no record of which adjoints were reached is needed.
    private double[] SweepDoubles(ReadOnlySpan<int> inputs, ReadOnlySpan<int> outputs, ReadOnlySpan<double> seeds, int bottom, int top)
    {
        var result = new double[inputs.Length];
        var size = top + 1;
        var adjoints = ArrayPool<double>.Shared.Rent(size);
        try
        {
            Array.Clear(adjoints, 0, size);
            for (var j = 0; j < outputs.Length; j++)
            {
                if (outputs[j] >= 0) adjoints[outputs[j]] += seeds[j];
            }
            var all = Unsafe.As<ReverseTape<double>.Entry[][]>(chunks);
            for (var c = top >> Shift; c >= bottom >> Shift; c--)
            {
                var chunk = all[c];
                var first = c << Shift;
                var from = Math.Min(top - first, chunk.Length - 1);
                var to = Math.Max(bottom - first, 0);
                for (var o = from; o >= to; o--)
                {
                    var adjoint = adjoints[first + o];
                    if (StrongZero.Is(adjoint)) continue; // a zero cotangent is never multiplied into a partial
                    ref readonly var entry = ref chunk[o];
                    if (entry.First >= 0) adjoints[entry.First] += StrongZero.Times(entry.FirstPartial, adjoint);
                    if (entry.Second >= 0) adjoints[entry.Second] += StrongZero.Times(entry.SecondPartial, adjoint);
                }
            }
            for (var i = 0; i < inputs.Length; i++)
            {
                var k = inputs[i];
                if (k >= 0 && k < size && !StrongZero.Is(adjoints[k])) result[i] = adjoints[k];
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(adjoints);
        }
        return result;
    }

    // The first contribution is stored as it is (so a lone −0 stays −0), later ones are added.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(T[] adjoints, bool[] touched, int k, T cotangent)
    {
        if (touched[k])
        {
            adjoints[k] += cotangent;
        }
        else
        {
            touched[k] = true;
            adjoints[k] = cotangent;
        }
    }

    private static int ChunkShift()
    {
        var size = Unsafe.SizeOf<Entry>();
        var shift = 6;
        while ((size << (shift + 1)) <= 65_536) shift++;
        return shift;
    }
}
