using System.Numerics;
using System.Runtime.CompilerServices;

namespace FunctionalAD;

// Tape chunks kept between derivative calls. A long call (a million steps records three million entries, 1,400
// chunks) outgrows ArrayPool.Shared, which keeps a few arrays of each size per core: most chunks were fresh
// allocations that lived through the call, so the collector copied them from generation to generation. Here the
// chunks of a released tape wait for the next tape of the same entry type, up to a cap, and are let go at the
// first full collection after ten seconds without use, or at any full collection when memory is scarce (as
// ArrayPool.Shared trims its per-thread arrays).
internal sealed partial class ReverseTape<T>
{
    /// <summary>The free chunks of this entry type: at most <see cref="Capacity"/>, shared by all threads.</summary>
    internal static class ChunkPool
    {
        /// <summary>The most chunks kept: 2,048 chunks of at most 64 KB, 128 MB per entry type.</summary>
        public const int Capacity = 2_048;

        /// <summary>How long unused chunks are kept, in milliseconds.</summary>
        public const long KeepFor = 10_000;

        private static readonly Lock Gate = new();
        private static readonly Entry[][] Free = new Entry[Capacity][];
        private static int free;
        // When a tape last took or gave back a chunk (Environment.TickCount64).
        private static long used;

        static ChunkPool() => Gen2Callback.Register(() => Trim(Environment.TickCount64));

        /// <summary>The number of chunks waiting in the pool.</summary>
        public static int Count
        {
            get
            {
                lock (Gate) return free;
            }
        }

        /// <summary>A chunk for a recording tape: a pooled one (its old entries are overwritten before they are read) or a new one.</summary>
        public static Entry[] Rent()
        {
            lock (Gate)
            {
                used = Environment.TickCount64;
                if (free > 0)
                {
                    var chunk = Free[--free];
                    Free[free] = null!;
                    return chunk;
                }
            }
            // Every entry is written by Push before a sweep reads it, so a chunk of plain values need not be zeroed.
            return RuntimeHelpers.IsReferenceOrContainsReferences<Entry>() ? new Entry[ChunkSize] : GC.AllocateUninitializedArray<Entry>(ChunkSize);
        }

        /// <summary>Takes back the first <paramref name="count"/> of <paramref name="chunks"/>, as many as fit under the cap.</summary>
        public static void Return(Entry[][] chunks, int count)
        {
            // Entries that hold references (nested reverse numbers hold their tapes) are cleared, so that a pooled chunk keeps no tape alive.
            var clear = RuntimeHelpers.IsReferenceOrContainsReferences<Entry>();
            lock (Gate)
            {
                used = Environment.TickCount64;
                for (var c = 0; c < count && free < Capacity; c++)
                {
                    if (chunks[c] is not { Length: var length } chunk || length != ChunkSize) continue;
                    if (clear) Array.Clear(chunk);
                    Free[free++] = chunk;
                }
            }
        }

        /// <summary>Lets every pooled chunk go.</summary>
        public static void Clear()
        {
            lock (Gate)
            {
                Array.Clear(Free, 0, free);
                free = 0;
            }
        }

        /// <summary>
        /// Called after each full collection, at time <paramref name="now"/> (Environment.TickCount64): lets every chunk
        /// go when the pool has not been used for <see cref="KeepFor"/> or memory is short. Returns true (stay registered).
        /// </summary>
        public static bool Trim(long now)
        {
            var info = GC.GetGCMemoryInfo();
            var scarce = info.MemoryLoadBytes >= info.HighMemoryLoadThresholdBytes;
            lock (Gate)
            {
                if (scarce || now - used >= KeepFor)
                {
                    Array.Clear(Free, 0, free);
                    free = 0;
                }
            }
            return true;
        }
    }
}
