using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FunctionalAD;

/// <summary>
/// A growable array kept in blocks of 65,536 entries: growing adds a block and copies nothing, so a layout of millions
/// of nodes neither allocates its temporaries about twice over (as doubling an array does) nor holds an old and a new
/// copy at once. The first block starts small and doubles up to full size, so a small graph allocates little.
/// Indexes must be below the number of entries made room for with <see cref="Reserve"/>.
/// </summary>
internal sealed class Blocks<T>
{
    private const int Shift = 16;
    private const int Mask = (1 << Shift) - 1;
    private T[][] blocks = [new T[16]];
    private int made = 1;

    /// <summary>The entry at <paramref name="index"/> (not negative, room made for it): read without bounds checks,
    /// which would otherwise be two per access in the layout's loops over millions of nodes.</summary>
    public ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var block = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(blocks), (nint)((uint)index >> Shift));
            return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(block), (nint)(uint)(index & Mask));
        }
    }

    /// <summary>Makes room for entries up to <paramref name="index"/>; new entries start as default.</summary>
    public void Reserve(int index)
    {
        var block = index >> Shift;
        if (block == 0)
        {
            if (index >= blocks[0].Length) Array.Resize(ref blocks[0], Math.Min(2 * blocks[0].Length, 1 << Shift));
            return;
        }
        if (block < made) return;
        if (block == blocks.Length) Array.Resize(ref blocks, 2 * blocks.Length);
        blocks[block] = new T[1 << Shift];
        made = block + 1;
    }
}
