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
        // For double, ±0 are the bit patterns that vanish when the sign is shifted out: one integer test, where
        // a floating-point comparison needs extra instructions for the unordered (NaN) case.
        if (typeof(T) == typeof(double)) return BitConverter.DoubleToInt64Bits(Unsafe.As<T, double>(ref x)) << 1 == 0;
        if (typeof(T) == typeof(Dual<double>)) return Unsafe.As<T, Dual<double>>(ref x).IsExactZero;
        if (typeof(T) == typeof(ReverseNumber<double>)) return Unsafe.As<T, ReverseNumber<double>>(ref x).IsExactZero;
        if (typeof(T) == typeof(float)) return Unsafe.As<T, float>(ref x) == 0;
        return x is IExactZero z ? z.IsExactZero : T.IsZero(x);
    }

    /// <summary><paramref name="partial"/> × <paramref name="direction"/>, 0 when either is an exact zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Times<T>(T partial, T direction) where T : INumberBase<T>
    {
        if (typeof(T) == typeof(double))
        {
            // Branch-free in the common case: a zero factor times a finite one is ±0, and adding +0 makes it the
            // strong zero's +0 (any other product is unchanged by it); only a NaN result can hide 0 × ∞ or 0 × NaN.
            double p = Unsafe.As<T, double>(ref partial), d = Unsafe.As<T, double>(ref direction);
            var r = p * d + 0.0;
            if (double.IsNaN(r) && (Is(p) || Is(d))) r = 0;
            return Unsafe.As<double, T>(ref r);
        }
        return Is(partial) || Is(direction) ? T.Zero : partial * direction;
    }
}
