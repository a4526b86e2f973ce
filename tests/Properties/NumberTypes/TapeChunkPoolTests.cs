using FunctionalAD.Properties.Examples;

namespace FunctionalAD.Properties.NumberTypes;

/// <summary>
/// The chunks of a released tape wait in a pool of their entry type for the next call, up to a cap, and are let go
/// at a full collection after some time unused. These tests use tapes of <see cref="Half"/>, which no other test
/// records on, and run alone (the pool is shared by every thread of the process).
/// </summary>
[Collection(TapeChunkPoolTests.Alone)]
public class TapeChunkPoolTests
{
    /// <summary>The name of the collection of tests that run with no other test.</summary>
    public const string Alone = "tape chunk pool, alone";

    private static ReverseNumber<Half> Chain(ReverseNumber<Half> x, int n)
    {
        for (var i = 0; i < n; i++) x = x * (Half)1.0009765625 + (Half)0.0009765625;
        return x;
    }

    // d/dx of n steps of x·a + b is aⁿ.
    private static Half Derivative(int n)
    {
        var a = (Half)1;
        for (var i = 0; i < n; i++) a *= (Half)1.0009765625;
        return a;
    }

    private static int ChunksOf(int entries) => (entries + (1 << ReverseTape<Half>.Shift) - 1) >> ReverseTape<Half>.Shift;

    [Fact]
    public void AReleasedTapesChunksAreKeptAndTakenByTheNextCall()
    {
        ReverseTape<Half>.ChunkPool.Clear();
        const int n = 10_000; // two entries per step: 20,000 entries, several chunks
        Assert.Equal(Derivative(n), Reverse.GradOf(v => Chain(v[0], n), [(Half)0.5])[0]);
        var kept = ReverseTape<Half>.ChunkPool.Count;
        Assert.Equal(ChunksOf(2 * n), kept);
        // A second call takes the chunks back (overwriting what the first one left in them) and returns them again.
        var tape = ReverseTape<Half>.Open();
        tape.Push(-1, Half.One, -1, Half.One);
        Assert.Equal(kept - 1, ReverseTape<Half>.ChunkPool.Count);
        tape.Release();
        Assert.Equal(kept, ReverseTape<Half>.ChunkPool.Count);
        Assert.Equal(Derivative(n / 2), Reverse.GradOf(v => Chain(v[0], n / 2), [(Half)0.25])[0]);
        Assert.Equal(kept, ReverseTape<Half>.ChunkPool.Count);
    }

    [Fact]
    public void ThePoolKeepsNoMoreThanItsCapacity()
    {
        ReverseTape<Half>.ChunkPool.Clear();
        var size = 1 << ReverseTape<Half>.Shift;
        var chunks = new ReverseTape<Half>.Entry[ReverseTape<Half>.ChunkPool.Capacity + 3][];
        for (var c = 0; c < chunks.Length; c++) chunks[c] = new ReverseTape<Half>.Entry[size];
        ReverseTape<Half>.ChunkPool.Return(chunks, chunks.Length);
        Assert.Equal(ReverseTape<Half>.ChunkPool.Capacity, ReverseTape<Half>.ChunkPool.Count);
        ReverseTape<Half>.ChunkPool.Clear();
        Assert.Equal(0, ReverseTape<Half>.ChunkPool.Count);
    }

    [Fact]
    public void ChunksUnusedForTheKeepingTimeAreLetGoAtAFullCollection()
    {
        ReverseTape<Half>.ChunkPool.Clear();
        Reverse.GradOf(v => Chain(v[0], 5_000), [(Half)0.5]);
        var kept = ReverseTape<Half>.ChunkPool.Count;
        Assert.True(kept > 0);
        // Full collections soon after use keep them (a benchmark's or a training loop's collections between calls)...
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(kept, ReverseTape<Half>.ChunkPool.Count);
        Assert.True(ReverseTape<Half>.ChunkPool.Trim(Environment.TickCount64));
        Assert.Equal(kept, ReverseTape<Half>.ChunkPool.Count);
        // ...and the first one after the keeping time lets them go.
        Assert.True(ReverseTape<Half>.ChunkPool.Trim(Environment.TickCount64 + ReverseTape<Half>.ChunkPool.KeepFor));
        Assert.Equal(0, ReverseTape<Half>.ChunkPool.Count);
    }

    [Fact]
    public void EntriesThatHoldTapesAreClearedWhenPooled()
    {
        // Reverse over reverse records entries that hold the inner numbers (and so their tapes): pooled, they hold none.
        Assert.Equal(8.0, Reverse.GradOf(x => Reverse.GradOf<ReverseNumber<double>>(y => x[0] * y[0] * y[0], [x[0]])[0], [2.0])[0]);
        Assert.True(ReverseTape<ReverseNumber<double>>.ChunkPool.Count > 0); // the inner tape's chunk, pooled
        var chunk = ReverseTape<ReverseNumber<double>>.ChunkPool.Rent();
        try
        {
            Assert.All(chunk, e => Assert.True(e.FirstPartial.Tape is null && e.SecondPartial.Tape is null));
        }
        finally
        {
            ReverseTape<ReverseNumber<double>>.ChunkPool.Return([chunk], 1);
        }
    }
}

/// <summary>Tests that use process-wide state and so run with no other test.</summary>
[CollectionDefinition(TapeChunkPoolTests.Alone, DisableParallelization = true)]
public class TapeChunkPoolCollection;
