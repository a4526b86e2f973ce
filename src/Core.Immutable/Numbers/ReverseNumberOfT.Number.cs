using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FunctionalAD;

// Constants, comparisons, predicates, parsing, formatting and conversions of ReverseNumber<T>. All of them act on the
// value: a constant receives no cotangent, and branching on a reverse number takes the branch its value takes.
public readonly partial struct ReverseNumber<T>
{
    /// <summary>0, a constant.</summary>
    public static ReverseNumber<T> Zero => T.Zero;

    /// <summary>1, a constant.</summary>
    public static ReverseNumber<T> One => T.One;

    /// <summary>−1, a constant.</summary>
    public static ReverseNumber<T> NegativeOne => T.NegativeOne;

    /// <summary>e, a constant.</summary>
    public static ReverseNumber<T> E => T.E;

    /// <summary>π, a constant.</summary>
    public static ReverseNumber<T> Pi => T.Pi;

    /// <summary>τ = 2π, a constant.</summary>
    public static ReverseNumber<T> Tau => T.Tau;

    /// <summary>The smallest positive value of <typeparamref name="T"/>, a constant.</summary>
    public static ReverseNumber<T> Epsilon => T.Epsilon;

    /// <summary>NaN, a constant.</summary>
    public static ReverseNumber<T> NaN => T.NaN;

    /// <summary>−∞, a constant.</summary>
    public static ReverseNumber<T> NegativeInfinity => T.NegativeInfinity;

    /// <summary>+∞, a constant.</summary>
    public static ReverseNumber<T> PositiveInfinity => T.PositiveInfinity;

    /// <summary>−0, a constant.</summary>
    public static ReverseNumber<T> NegativeZero => T.NegativeZero;

    static ReverseNumber<T> IAdditiveIdentity<ReverseNumber<T>, ReverseNumber<T>>.AdditiveIdentity => T.Zero;

    static ReverseNumber<T> IMultiplicativeIdentity<ReverseNumber<T>, ReverseNumber<T>>.MultiplicativeIdentity => T.One;

    static int INumberBase<ReverseNumber<T>>.Radix => T.Radix;

    /// <summary>Whether the values are equal (the tangents are not compared).</summary>
    public static bool operator ==(ReverseNumber<T> left, ReverseNumber<T> right) => left.Value == right.Value;

    /// <summary>Whether the values differ (the tangents are not compared).</summary>
    public static bool operator !=(ReverseNumber<T> left, ReverseNumber<T> right) => left.Value != right.Value;

    /// <summary>Compares the values.</summary>
    public static bool operator <(ReverseNumber<T> left, ReverseNumber<T> right) => V(left) < V(right);

    /// <summary>Compares the values.</summary>
    public static bool operator >(ReverseNumber<T> left, ReverseNumber<T> right) => V(left) > V(right);

    /// <summary>Compares the values.</summary>
    public static bool operator <=(ReverseNumber<T> left, ReverseNumber<T> right) => V(left) <= V(right);

    /// <summary>Compares the values.</summary>
    public static bool operator >=(ReverseNumber<T> left, ReverseNumber<T> right) => V(left) >= V(right);

    /// <summary>Whether the values are equal (the tangents are not compared), as <see cref="double.Equals(double)"/>: NaN equals NaN.</summary>
    public bool Equals(ReverseNumber<T> other) => Value.Equals(other.Value);

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is ReverseNumber<T> other && Equals(other);

    /// <summary>The hash of the value, consistent with <see cref="Equals(ReverseNumber{T})"/>.</summary>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Compares the values.</summary>
    public int CompareTo(ReverseNumber<T> other) => Value.CompareTo(other.Value);

    /// <summary>Compares the values; any dual is greater than <c>null</c>.</summary>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        ReverseNumber<T> other => CompareTo(other),
        _ => throw new ArgumentException($"ReverseNumber<{typeof(T).Name}>.CompareTo: expected a ReverseNumber<{typeof(T).Name}>, got {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>The sign of the value: −1, 0 or 1.</summary>
    public static int Sign(ReverseNumber<T> value) => T.Sign(V(value));

    /// <summary>The unbiased exponent of the value.</summary>
    public static int ILogB(ReverseNumber<T> x) => T.ILogB(V(x));

    /// <summary>Whether the value is canonical.</summary>
    public static bool IsCanonical(ReverseNumber<T> value) => T.IsCanonical(V(value));

    /// <summary>Whether the value is a complex number (never, for real T).</summary>
    public static bool IsComplexNumber(ReverseNumber<T> value) => T.IsComplexNumber(V(value));

    /// <summary>Whether the value is an even integer.</summary>
    public static bool IsEvenInteger(ReverseNumber<T> value) => T.IsEvenInteger(V(value));

    /// <summary>Whether the value is finite.</summary>
    public static bool IsFinite(ReverseNumber<T> value) => T.IsFinite(V(value));

    /// <summary>Whether the value is imaginary.</summary>
    public static bool IsImaginaryNumber(ReverseNumber<T> value) => T.IsImaginaryNumber(V(value));

    /// <summary>Whether the value is ±∞.</summary>
    public static bool IsInfinity(ReverseNumber<T> value) => T.IsInfinity(V(value));

    /// <summary>Whether the value is an integer.</summary>
    public static bool IsInteger(ReverseNumber<T> value) => T.IsInteger(V(value));

    /// <summary>Whether the value is NaN.</summary>
    public static bool IsNaN(ReverseNumber<T> value) => T.IsNaN(V(value));

    /// <summary>Whether the value is negative (including −0).</summary>
    public static bool IsNegative(ReverseNumber<T> value) => T.IsNegative(V(value));

    /// <summary>Whether the value is −∞.</summary>
    public static bool IsNegativeInfinity(ReverseNumber<T> value) => T.IsNegativeInfinity(V(value));

    /// <summary>Whether the value is normal.</summary>
    public static bool IsNormal(ReverseNumber<T> value) => T.IsNormal(V(value));

    /// <summary>Whether the value is an odd integer.</summary>
    public static bool IsOddInteger(ReverseNumber<T> value) => T.IsOddInteger(V(value));

    /// <summary>Whether the value is positive (including +0).</summary>
    public static bool IsPositive(ReverseNumber<T> value) => T.IsPositive(V(value));

    /// <summary>Whether the value is +∞.</summary>
    public static bool IsPositiveInfinity(ReverseNumber<T> value) => T.IsPositiveInfinity(V(value));

    /// <summary>Whether the value is real.</summary>
    public static bool IsRealNumber(ReverseNumber<T> value) => T.IsRealNumber(V(value));

    /// <summary>Whether the value is subnormal.</summary>
    public static bool IsSubnormal(ReverseNumber<T> value) => T.IsSubnormal(V(value));

    /// <summary>Whether the value is zero (the tangent may not be).</summary>
    public static bool IsZero(ReverseNumber<T> value) => T.IsZero(V(value));

    /// <summary>Parses a value; the result is a constant.</summary>
    public static ReverseNumber<T> Parse(string s, IFormatProvider? provider) => T.Parse(s, provider);

    /// <summary>Parses a value; the result is a constant.</summary>
    public static ReverseNumber<T> Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => T.Parse(s, provider);

    /// <summary>Parses a value; the result is a constant.</summary>
    public static ReverseNumber<T> Parse(string s, NumberStyles style, IFormatProvider? provider) => T.Parse(s, style, provider);

    /// <summary>Parses a value; the result is a constant.</summary>
    public static ReverseNumber<T> Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) => T.Parse(s, style, provider);

    /// <summary>Tries to parse a value; the result is a constant.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ReverseNumber<T> result) =>
        Lift(T.TryParse(s, provider, out var v), v, out result);

    /// <summary>Tries to parse a value; the result is a constant.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out ReverseNumber<T> result) =>
        Lift(T.TryParse(s, provider, out var v), v, out result);

    /// <summary>Tries to parse a value; the result is a constant.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, NumberStyles style, IFormatProvider? provider, out ReverseNumber<T> result) =>
        Lift(T.TryParse(s, style, provider, out var v), v, out result);

    /// <summary>Tries to parse a value; the result is a constant.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, out ReverseNumber<T> result) =>
        Lift(T.TryParse(s, style, provider, out var v), v, out result);

    private static bool Lift(bool ok, T? value, out ReverseNumber<T> result)
    {
        result = ok && value is not null ? value : Zero;
        return ok;
    }

    /// <summary>The value, in invariant culture and round-trip format.</summary>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);

    /// <summary>The value, formatted with <paramref name="format"/>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        Value.ToString(format ?? (typeof(T) == typeof(double) || typeof(T) == typeof(float) ? "R" : null), formatProvider);

    /// <summary>Formats as <see cref="ToString(string?, IFormatProvider?)"/> into <paramref name="destination"/>.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => ScalarConversions.TryCopy(ToString(format.IsEmpty ? null : format.ToString(), provider), destination, out charsWritten);

    // Conversions from other number types give constants; conversions to them give the value (the tangent is
    // dropped, as for any function of the value that has no derivative to carry).
    static bool INumberBase<ReverseNumber<T>>.TryConvertFromChecked<TOther>(TOther value, out ReverseNumber<T> result) =>
        ConvertFrom(value, v => T.CreateChecked(v), out result);

    static bool INumberBase<ReverseNumber<T>>.TryConvertFromSaturating<TOther>(TOther value, out ReverseNumber<T> result) =>
        ConvertFrom(value, v => T.CreateSaturating(v), out result);

    static bool INumberBase<ReverseNumber<T>>.TryConvertFromTruncating<TOther>(TOther value, out ReverseNumber<T> result) =>
        ConvertFrom(value, v => T.CreateTruncating(v), out result);

    static bool INumberBase<ReverseNumber<T>>.TryConvertToChecked<TOther>(ReverseNumber<T> value, [MaybeNullWhen(false)] out TOther result) =>
        ConvertTo(value, v => TOther.CreateChecked(v), out result);

    static bool INumberBase<ReverseNumber<T>>.TryConvertToSaturating<TOther>(ReverseNumber<T> value, [MaybeNullWhen(false)] out TOther result) =>
        ConvertTo(value, v => TOther.CreateSaturating(v), out result);

    static bool INumberBase<ReverseNumber<T>>.TryConvertToTruncating<TOther>(ReverseNumber<T> value, [MaybeNullWhen(false)] out TOther result) =>
        ConvertTo(value, v => TOther.CreateTruncating(v), out result);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ConvertFrom<TOther>(TOther value, Func<TOther, T> create, out ReverseNumber<T> result)
        where TOther : INumberBase<TOther>
    {
        // The common cases — the scalar itself, or a double such as a literal or a data value — inline to a
        // constant (from a double every IEEE 754 type converts the same way, checked, saturating or truncating).
        if (typeof(TOther) == typeof(T))
        {
            result = Constant(Unsafe.As<TOther, T>(ref value));
            return true;
        }
        if (typeof(TOther) == typeof(double))
        {
            result = Constant(T.CreateChecked(Unsafe.As<TOther, double>(ref value)));
            return true;
        }
        if (ScalarConversions.TryConvert(value, create, out var scalar))
        {
            result = scalar;
            return true;
        }
        result = Zero;
        return false;
    }

    private static bool ConvertTo<TOther>(ReverseNumber<T> value, Func<T, TOther> create, [MaybeNullWhen(false)] out TOther result)
        where TOther : INumberBase<TOther> =>
        ScalarConversions.TryConvert(value.Value, create, out result);

    // The bit-layout members describe the value.
    int IFloatingPoint<ReverseNumber<T>>.GetExponentByteCount() => Value.GetExponentByteCount();

    int IFloatingPoint<ReverseNumber<T>>.GetExponentShortestBitLength() => Value.GetExponentShortestBitLength();

    int IFloatingPoint<ReverseNumber<T>>.GetSignificandBitLength() => Value.GetSignificandBitLength();

    int IFloatingPoint<ReverseNumber<T>>.GetSignificandByteCount() => Value.GetSignificandByteCount();

    bool IFloatingPoint<ReverseNumber<T>>.TryWriteExponentBigEndian(Span<byte> destination, out int bytesWritten) =>
        Value.TryWriteExponentBigEndian(destination, out bytesWritten);

    bool IFloatingPoint<ReverseNumber<T>>.TryWriteExponentLittleEndian(Span<byte> destination, out int bytesWritten) =>
        Value.TryWriteExponentLittleEndian(destination, out bytesWritten);

    bool IFloatingPoint<ReverseNumber<T>>.TryWriteSignificandBigEndian(Span<byte> destination, out int bytesWritten) =>
        Value.TryWriteSignificandBigEndian(destination, out bytesWritten);

    bool IFloatingPoint<ReverseNumber<T>>.TryWriteSignificandLittleEndian(Span<byte> destination, out int bytesWritten) =>
        Value.TryWriteSignificandLittleEndian(destination, out bytesWritten);
}
