using System.Runtime.CompilerServices;

namespace FunctionalAD;

/// <summary>
/// Compiled chunks and how to run them: chunk k runs with the node buffers (<see cref="Layout"/>) offset by
/// <see cref="Origins"/>[k]; before the first, each input's number goes to its node's slot (<see cref="InputPositions"/>, from
/// <see cref="InputSlots"/>), and after the last, a gradient's input adjoints come back from those positions.
/// </summary>
/// <param name="Chunks">The chunks in order of execution; the same method may appear several times.</param>
/// <param name="Origins">The first slot of each chunk.</param>
/// <param name="InputPositions">The slots of the input nodes, last node first (the order of the interpreter's backward sweep).</param>
/// <param name="InputSlots">For each of those, its index among the input names.</param>
/// <param name="Output">The output node's slot.</param>
/// <param name="Length">The number of slots: each buffer's length.</param>
/// <param name="Methods">The number of distinct methods emitted.</param>
internal sealed unsafe record ChunkProgram(Chunk[] Chunks, int[] Origins, int[] InputPositions, int[] InputSlots, int Output, int Length, int Methods)
{
    /// <summary>Whether each input name has one node (the usual case; structurally equal inputs are one node).</summary>
    private bool EachInputOnce { get; } = InputSlots.Distinct().Count() == InputSlots.Length;

    /// <summary>Each input's number at its node's position in <paramref name="nodes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // run at full speed from the first call, not after tiering
    public void Gather(ReadOnlySpan<double> inputs, double* nodes)
    {
        fixed (int* position = InputPositions, slot = InputSlots)
        fixed (double* source = inputs)
        {
            for (var k = 0; k < InputPositions.Length; k++) nodes[position[k]] = source[slot[k]];
        }
    }

    /// <summary>Runs every chunk over the two node buffers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(double* first, double* second)
    {
        var chunks = Chunks;
        var origins = Origins;
        for (var k = 0; k < chunks.Length; k++) chunks[k](first + origins[k], second + origins[k]);
    }

    /// <summary>
    /// Each input's gradient from its nodes' adjoints in <paramref name="adjoints"/>: +0 + the adjoints, last node
    /// first, as the interpreter's backward sweep adds them (so a zero of either sign gives +0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Scatter(double* adjoints, Span<double> gradient)
    {
        fixed (int* position = InputPositions, slot = InputSlots)
        fixed (double* target = gradient)
        {
            if (EachInputOnce)
            {
                for (var k = 0; k < InputPositions.Length; k++) target[slot[k]] = adjoints[position[k]] + 0.0;
                return;
            }
            gradient.Clear();
            for (var k = 0; k < InputPositions.Length; k++) target[slot[k]] += adjoints[position[k]];
        }
    }
}
