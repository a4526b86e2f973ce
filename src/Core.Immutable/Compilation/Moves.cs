using System.Reflection.Emit;

namespace FunctionalAD;

/// <summary>
/// Straight-line copies between the caller's arrays and a program's node buffers: each input's number to its
/// node's slot before the chunks run, and each input node's adjoint to the input's gradient after. A loop
/// over an index table would load two indices per number; the copies load one number and store it.
/// </summary>
internal static unsafe class Moves
{
    /// <summary>
    /// The most inputs moved by straight-line copies: each costs the JIT about 2 µs of CPU per direction, which a
    /// gradient repays only over many calls, so larger programs use loops over the index tables instead.
    /// </summary>
    public const int Most = 4096;

    /// <summary>Numbers per method, so that no method grows past the size the JIT optimises quickly.</summary>
    private const int PieceSize = 512;

    /// <summary>
    /// Methods that copy <c>first[from]</c> to <c>second[to]</c> for each pair, adding +0 when
    /// <paramref name="normalizeZero"/> (so that −0 becomes +0, as a sum that starts at +0 gives).
    /// </summary>
    public static Chunk[] Copies(IReadOnlyList<(int From, int To)> pairs, bool normalizeZero)
    {
        var pieces = new Chunk[(pairs.Count + PieceSize - 1) / PieceSize];
        for (var p = 0; p < pieces.Length; p++)
        {
            var method = new DynamicMethod("FunctionalAD.Moves", typeof(void), [typeof(object), typeof(double*), typeof(double*)],
                typeof(Moves).Module, skipVisibility: true);
            var il = method.GetILGenerator();
            for (var k = p * PieceSize; k < Math.Min(pairs.Count, (p + 1) * PieceSize); k++)
            {
                Address(il, OpCodes.Ldarg_2, pairs[k].To);
                Address(il, OpCodes.Ldarg_1, pairs[k].From);
                il.Emit(OpCodes.Ldind_R8);
                if (normalizeZero)
                {
                    il.Emit(OpCodes.Ldc_R8, 0.0);
                    il.Emit(OpCodes.Add);
                }
                il.Emit(OpCodes.Stind_R8);
            }
            il.Emit(OpCodes.Ret);
            pieces[p] = method.CreateDelegate<Chunk>(null);
        }
        return pieces;
    }

    private static void Address(ILGenerator il, OpCode argument, int index)
    {
        il.Emit(argument);
        if (index == 0) return;
        il.Emit(OpCodes.Ldc_I4, index * sizeof(double));
        il.Emit(OpCodes.Add);
    }
}
