namespace FunctionalAD;

/// <summary>
/// Compiled chunks and how to run them: chunk k runs with the node buffers offset by <see cref="Origins"/>[k];
/// before the first, each input's number goes to its node's position (<see cref="InputPositions"/>, from
/// <see cref="InputSlots"/>), and after the last, a gradient's input adjoints come back from those positions.
/// </summary>
/// <param name="Chunks">The chunks in order of execution; the same method may appear several times.</param>
/// <param name="Origins">The first node each chunk covers.</param>
/// <param name="InputPositions">The positions of the input nodes, last first (the order of the interpreter's backward sweep).</param>
/// <param name="InputSlots">For each of those, its index among the input names.</param>
/// <param name="Methods">The number of distinct methods emitted.</param>
internal sealed record ChunkProgram(Chunk[] Chunks, int[] Origins, int[] InputPositions, int[] InputSlots, int Methods);
