using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FunctionalAD;

// Constants, comparisons, predicates, parsing, formatting and conversions of Dual<T>. All of them act on the
// value: a constant has tangent zero, and branching on a dual number takes the branch its value takes.
public readonly partial struct Dual<T>
{
    /// <summary>0, a constant.</summary>
    public static Dual<T> Zero => T.Zero;

    /// <summary>1, a constant.</summary>
    public static Dual<T> One => T.One;

    /// <summary>−1, a constant.</summary>
    public static Dual<T> NegativeOne => T.NegativeOne;

    /// <summary>e, a constant.</summary>
    public static Dual<T> E => T.E;

    /// <summary>π, a constant.</summary>
    public static Dual<T> Pi => T.Pi;

    /// <summary>τ = 2π, a constant.</summary>
    public static Dual<T> Tau => T.Tau;

    /// <summary>The smallest positive value of <typeparamref name="T"/>, a constant.</summary>
    public static Dual<T> Epsilon => T.Epsilon;

    /// <summary>NaN, a constant.</summary>
    public static Dual<T> NaN => T.NaN;

    /// <summary>−∞, a constant.</summary>
    public static Dual<T> NegativeInfinity => T.NegativeInfinity;

    /// <summary>+∞, a constant.</summary>
    public static Dual<T> PositiveInfinity => T.PositiveInfinity;

    /// <summary>−0, a constant.</summary>
    public static Dual<T> NegativeZero => T.NegativeZero;

    static Dual<T> IAdditiveIdentity<Dual<T>, Dual<T>>.AdditiveIdentity => T.Zero;

    static Dual<T> IMultiplicativeIdentity<Dual<T>, Dual<T>>.MultiplicativeIdentity => T.One;

    static int INumberBase<Dual<T>>.Radix => T.Radix;

    /// <summary>Whether the values are equal (the tangents are not compared).</summary>
    public static bool operator ==(Dual<T> left, Dual<T> right) => left.Value == right.Value;

    /// <summary>Whether the values differ (the tangents are not compared).</summary>
    public static bool operator !=(Dual<T> left, Dual<T> right) => left.Value != right.Value;

    /// <summary>Compares the values.</summary>
    public static bool operator <(Dual<T> left, Dual<T> right) => left.Value < right.Value;

    /// <summary>Compares the values.</summary>
    public static bool operator >(Dual<T> left, Dual<T> right) => left.Value > right.Value;

    /// <summary>Compares the values.</summary>
    public static bool operator <=(Dual<T> left, Dual<T> right) => left.Value <= right.Value;

    /// <summary>Compares the values.</summary>
    public static bool operator >=(Dual<T> left, Dual<T> right) => left.Value >= right.Value;

    /// <summary>Whether the values are equal (the tangents are not compared), as <see cref="double.Equals(double)"/>: NaN equals NaN.</summary>
    public bool Equals(Dual<T> other) => Value.Equals(other.Value);

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Dual<T> other && Equals(other);

    /// <summary>The hash of the value, consistent with <see cref="Equals(Dual{T})"/>.</summary>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Compares the values.</summary>
    public int CompareTo(Dual<T> other) => Value.CompareTo(other.Value);

    /// <summary>Compares the values; any dual is greater than <c>null</c>.</summary>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Dual<T> other => CompareTo(other),
        _ => throw new ArgumentException($"Dual<{typeof(T).Name}>.CompareTo: expected a Dual<{typeof(T).Name}>, got {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>The sign of the value: −1, 0 or 1.</summary>
    public static int Sign(Dual<T> value) => T.Sign(value.Value);

    /// <summary>The unbiased exponent of the value.</summary>
    public static int ILogB(Dual<T> x) => T.ILogB(x.Value);

    /// <summary>Whether the value is canonical.</summary>
    public static bool IsCanonical(Dual<T> value) => T.IsCanonical(value.Value);

    /// <summary>Whether the value is a complex number (never, for real T).</summary>
    public static bool IsComplexNumber(Dual<T> value) => T.IsComplexNumber(value.Value);

    /// <summary>Whether the value is an even integer.</summary>
    public static bool IsEvenInteger(Dual<T> value) => T.IsEvenInteger(value.Value);

    /// <summary>Whether the value is finite.</summary>
    public static bool IsFinite(Dual<T> value) => T.IsFinite(value.Value);

    /// <summary>Whether the value is imaginary.</summary>
    public static bool IsImaginaryNumber(Dual<T> value) => T.IsImaginaryNumber(value.Value);

    /// <summary>Whether the value is ±∞.</summary>
    public static bool IsInfinity(Dual<T> value) => T.IsInfinity(value.Value);

    /// <summary>Whether the value is an integer.</summary>
    public static bool IsInteger(Dual<T> value) => T.IsInteger(value.Value);

    /// <summary>Whether the value is NaN.</summary>
    public static bool IsNaN(Dual<T> value) => T.IsNaN(value.Value);

    /// <summary>Whether the value is negative (including −0).</summary>
    public static bool IsNegative(Dual<T> value) => T.IsNegative(value.Value);

    /// <summary>Whether the value is −∞.</summary>
    public static bool IsNegativeInfinity(Dual<T> value) => T.IsNegativeInfinity(value.Value);

    /// <summary>Whether the value is normal.</summary>
    public static bool IsNormal(Dual<T> value) => T.IsNormal(value.Value);

    /// <summary>Whether the value is an odd integer.</summary>
    public static bool IsOddInteger(Dual<T> value) => T.IsOddInteger(value.Value);

    /// <summary>Whether the value is positive (including +0).</summary>
    public static bool IsPositive(Dual<T> value) => T.IsPositive(value.Value);

    /// <summary>Whether the value is +∞.</summary>
    public static bool IsPositiveInfinity(Dual<T> value) => T.IsPositiveInfinity(value.Value);

    /// <summary>Whether the value is real.</summary>
    public static bool IsRealNumber(Dual<T> value) => T.IsRealNumber(value.Value);

    /// <summary>Whether the value is subnormal.</summary>
    public static bool IsSubnormal(Dual<T> value) => T.IsSubnormal(value.Value);

    /// <summary>Whether the value is zero (the tangent may not be).</summary>
    public static bool IsZero(Dual<T> value) => T.IsZero(value.Value);

    /// <summary>Parses a value; the result is a constant.</summary>
    public static Dual<T> Parse(string s, IFormatProvider? provider) => T.Parse(s, provider);

    /// <summary>Parses a value; the result is a constant.</summary>
    public static Dual<T> Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => T.Parse(s, provider);

    /// <summary>Parses a value; the result is a constant.</summary>
    public static Dual<T> Parse(string s, NumberStyles style, IFormatProvider? provider) => T.Parse(s, style, provider);

    /// <summary>Parses a value; the result is a constant.</summary>
    public static Dual<T> Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) => T.Parse(s, style, provider);

    /// <summary>Tries to parse a value; the result is a constant.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Dual<T> result) =>
        Lift(T.TryParse(s, provider, out var v), v, out result);

    /// <summary>Tries to parse a value; the result is a constant.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Dual<T> result) =>
        Lift(T.TryParse(s, provider, out var v), v, out result);

    /// <summary>Tries to parse a value; the result is a constant.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, NumberStyles style, IFormatProvider? provider, out Dual<T> result) =>
        Lift(T.TryParse(s, style, provider, out var v), v, out result);

    /// <summary>Tries to parse a value; the result is a constant.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, out Dual<T> result) =>
        Lift(T.TryParse(s, style, provider, out var v), v, out result);

    private static bool Lift(bool ok, T? value, out Dual<T> result)
    {
        result = ok && value is not null ? value : Zero;
        return ok;
    }

    /// <summary>The dual number as <c>value + tangentε</c>, in invariant culture and round-trip format.</summary>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);

    /// <summary>The dual number as <c>value + tangentε</c>, each part with <paramref name="format"/>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        var f = format ?? (typeof(T) == typeof(double) || typeof(T) == typeof(float) ? "R" : null);
        return $"{Value.ToString(f, formatProvider)} + {Wrap(Tangent.ToString(f, formatProvider))}ε";
    }

    // A nested tangent prints in parentheses, so "1 + (2 + 3ε)ε" reads unambiguously.
    private static string Wrap(string tangent) => tangent.Contains('ε') ? $"({tangent})" : tangent;

    /// <summary>Formats as <see cref="ToString(string?, IFormatProvider?)"/> into <paramref name="destination"/>.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => ScalarConversions.TryCopy(ToString(format.IsEmpty ? null : format.ToString(), provider), destination, out charsWritten);

    // Conversions from other number types give constants; conversions to them give the value (the tangent is
    // dropped, as for any function of the value that has no derivative to carry).
    static bool INumberBase<Dual<T>>.TryConvertFromChecked<TOther>(TOther value, out Dual<T> result) =>
        ConvertCommon(value, out result) || ConvertFrom(value, v => T.CreateChecked(v), out result);

    static bool INumberBase<Dual<T>>.TryConvertFromSaturating<TOther>(TOther value, out Dual<T> result) =>
        ConvertCommon(value, out result) || ConvertFrom(value, v => T.CreateSaturating(v), out result);

    static bool INumberBase<Dual<T>>.TryConvertFromTruncating<TOther>(TOther value, out Dual<T> result) =>
        ConvertCommon(value, out result) || ConvertFrom(value, v => T.CreateTruncating(v), out result);

    static bool INumberBase<Dual<T>>.TryConvertToChecked<TOther>(Dual<T> value, [MaybeNullWhen(false)] out TOther result) =>
        ConvertTo(value, v => TOther.CreateChecked(v), out result);

    static bool INumberBase<Dual<T>>.TryConvertToSaturating<TOther>(Dual<T> value, [MaybeNullWhen(false)] out TOther result) =>
        ConvertTo(value, v => TOther.CreateSaturating(v), out result);

    static bool INumberBase<Dual<T>>.TryConvertToTruncating<TOther>(Dual<T> value, [MaybeNullWhen(false)] out TOther result) =>
        ConvertTo(value, v => TOther.CreateTruncating(v), out result);

    // The common cases — the scalar itself, or a double such as a literal or a data value — inline to a constant
    // (from a double every IEEE 754 type converts the same way, checked, saturating or truncating). They are
    // tested before the other cases' delegate is made: the JIT would otherwise create it on first use in the
    // caller, a call that makes it keep the caller's doubles on the stack (T.CreateChecked(100.0) before a loop).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ConvertCommon<TOther>(TOther value, out Dual<T> result)
        where TOther : INumberBase<TOther>
    {
        if (typeof(TOther) == typeof(T))
        {
            result = Unsafe.As<TOther, T>(ref value);
            return true;
        }
        if (typeof(TOther) == typeof(double))
        {
            result = T.CreateChecked(Unsafe.As<TOther, double>(ref value));
            return true;
        }
        result = Zero;
        return false;
    }

    private static bool ConvertFrom<TOther>(TOther value, Func<TOther, T> create, out Dual<T> result)
        where TOther : INumberBase<TOther>
    {
        if (ScalarConversions.TryConvert(value, create, out var scalar))
        {
            result = scalar;
            return true;
        }
        result = Zero;
        return false;
    }

    private static bool ConvertTo<TOther>(Dual<T> value, Func<T, TOther> create, [MaybeNullWhen(false)] out TOther result)
        where TOther : INumberBase<TOther> =>
        ScalarConversions.TryConvert(value.Value, create, out result);

    // The bit-layout members describe the value.
    int IFloatingPoint<Dual<T>>.GetExponentByteCount() => Value.GetExponentByteCount();

    int IFloatingPoint<Dual<T>>.GetExponentShortestBitLength() => Value.GetExponentShortestBitLength();

    int IFloatingPoint<Dual<T>>.GetSignificandBitLength() => Value.GetSignificandBitLength();

    int IFloatingPoint<Dual<T>>.GetSignificandByteCount() => Value.GetSignificandByteCount();

    bool IFloatingPoint<Dual<T>>.TryWriteExponentBigEndian(Span<byte> destination, out int bytesWritten) =>
        Value.TryWriteExponentBigEndian(destination, out bytesWritten);

    bool IFloatingPoint<Dual<T>>.TryWriteExponentLittleEndian(Span<byte> destination, out int bytesWritten) =>
        Value.TryWriteExponentLittleEndian(destination, out bytesWritten);

    bool IFloatingPoint<Dual<T>>.TryWriteSignificandBigEndian(Span<byte> destination, out int bytesWritten) =>
        Value.TryWriteSignificandBigEndian(destination, out bytesWritten);

    bool IFloatingPoint<Dual<T>>.TryWriteSignificandLittleEndian(Span<byte> destination, out int bytesWritten) =>
        Value.TryWriteSignificandLittleEndian(destination, out bytesWritten);
}
