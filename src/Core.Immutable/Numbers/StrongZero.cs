using System.Numerics;
using System.Runtime.CompilerServices;

namespace FunctionalAD;

/// <summary>A number that can say whether it is an exact zero in every component (value and all perturbations).</summary>
internal interface IExactZero
{
    /// <summary>True when the number is zero and carries no perturbation that could make it non-zero.</summary>
    bool IsExactZero { get; }
}

/// <summary>
/// The strong-zero convention of <c>Rules.Times</c>, for any number type: an exact-zero partial or direction
/// gives 0 even against ∞ or NaN. For nested numbers "exact zero" means zero in every component, so a zero
/// value with a non-zero tangent is not dropped.
/// </summary>
internal static class StrongZero
{
    /// <summary>Whether <paramref name="x"/> is an exact zero (every component zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Is<T>(T x) where T : INumberBase<T>
    {
        // The type tests are constants after specialisation: for double this is one comparison.
        if (typeof(T) == typeof(double)) return Unsafe.As<T, double>(ref x) == 0;
        if (typeof(T) == typeof(Dual<double>)) return Unsafe.As<T, Dual<double>>(ref x).IsExactZero;
        if (typeof(T) == typeof(ReverseNumber<double>)) return Unsafe.As<T, ReverseNumber<double>>(ref x).IsExactZero;
        if (typeof(T) == typeof(float)) return Unsafe.As<T, float>(ref x) == 0;
        return x is IExactZero z ? z.IsExactZero : T.IsZero(x);
    }

    /// <summary><paramref name="partial"/> × <paramref name="direction"/>, 0 when either is an exact zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Times<T>(T partial, T direction) where T : INumberBase<T> =>
        Is(partial) || Is(direction) ? T.Zero : partial * direction;
}
