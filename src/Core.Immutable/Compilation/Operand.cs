using System.Reflection.Emit;

namespace FunctionalAD;

/// <summary>
/// A number the emitted code reads: a constant folded into the code, a local, or an element of one of the
/// chunk's buffers (read where it is used, so that it occupies no local and no register in between).
/// </summary>
internal readonly record struct Operand(LocalBuilder? Local, double Constant, int Array, int Index)
{
    public static Operand Of(double constant) => new(null, constant, -1, 0);

    public static Operand Of(LocalBuilder local) => new(local, 0, -1, 0);

    /// <summary>Element <paramref name="index"/> of buffer <paramref name="array"/> (0 or 1).</summary>
    public static Operand At(int array, int index) => new(null, 0, array, index);

    /// <summary>Whether the number is known when the code is emitted.</summary>
    public bool IsConstant => Local is null && Array < 0;

    /// <summary>Pushes the number.</summary>
    public void Push(ChunkEmitter e)
    {
        if (Local is not null) e.IL.Emit(OpCodes.Ldloc, Local);
        else if (Array >= 0) e.LoadElement(Array, Index);
        else e.IL.Emit(OpCodes.Ldc_R8, Constant);
    }
}
