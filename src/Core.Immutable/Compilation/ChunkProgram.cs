using System.Runtime.CompilerServices;

namespace FunctionalAD;

/// <summary>
/// Compiled chunks and how to run them: chunk k runs with the node buffers (<see cref="Layout"/>) offset by
/// <see cref="Origins"/>[k]; before the first, each input's number goes to its node's slot (<see cref="Gathers"/>),
/// and after the last, a gradient's input adjoints come back from those slots (<see cref="Scatters"/>); without
/// those copies (many inputs, or an input name with several nodes), loops over <see cref="InputPositions"/> and
/// <see cref="InputSlots"/> do the same.
/// </summary>
/// <param name="Chunks">The chunks in order of execution; the same method may appear several times.</param>
/// <param name="Origins">The first slot of each chunk.</param>
/// <param name="Gathers">Copies of the inputs to their nodes' slots (<see cref="Moves"/>); null for many inputs.</param>
/// <param name="Scatters">Copies of the input nodes' adjoints to the gradient; null for many inputs or when an input name has several nodes.</param>
/// <param name="InputPositions">The slots of the input nodes, last node first (the order of the interpreter's backward sweep).</param>
/// <param name="InputSlots">For each of those, its index among the input names.</param>
/// <param name="Output">The output node's slot.</param>
/// <param name="Length">The number of slots: each buffer's length.</param>
/// <param name="Methods">The number of distinct chunk methods emitted.</param>
internal sealed unsafe record ChunkProgram(
    Chunk[] Chunks, int[] Origins, Chunk[]? Gathers, Chunk[]? Scatters, int[] InputPositions, int[] InputSlots, int Output, int Length, int Methods)
{
    /// <summary>Each input's number at its node's slot in <paramref name="nodes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // run at full speed from the first call, not after tiering
    public void Gather(ReadOnlySpan<double> inputs, double* nodes)
    {
        fixed (double* source = inputs)
        {
            if (Gathers is { } pieces)
            {
                foreach (var piece in pieces) piece(source, nodes);
                return;
            }
            fixed (int* position = InputPositions, slot = InputSlots)
            {
                for (int k = 0, n = InputPositions.Length; k < n; k++) nodes[position[k]] = source[slot[k]];
            }
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
        fixed (double* target = gradient)
        {
            if (Scatters is { } pieces)
            {
                foreach (var piece in pieces) piece(adjoints, target);
                return;
            }
            gradient.Clear();
            fixed (int* position = InputPositions, slot = InputSlots)
            {
                for (int k = 0, n = InputPositions.Length; k < n; k++) target[slot[k]] += adjoints[position[k]];
            }
        }
    }
}
