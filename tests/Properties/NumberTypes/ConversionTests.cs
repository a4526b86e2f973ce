using System.Numerics;

namespace FunctionalAD.Properties.NumberTypes;

/// <summary>
/// The conversion and formatting members of the AD numbers: a number converted in is a constant, a number
/// converted out is the value, an unsupported conversion says so, and formatting into a span respects its length.
/// </summary>
public class ConversionTests
{
    [Fact]
    public void Dual_numbers_convert_through_their_value() => ConvertsThroughTheValue(Dual.Variable(2.5));

    [Fact]
    public void Reverse_numbers_convert_through_their_value() => ConvertsThroughTheValue(ReverseNumber.Variable(2.5));

    [Fact]
    public void Dual_numbers_format_into_a_span_that_fits() => FormatsIntoASpan(Dual.Variable(2.5));

    [Fact]
    public void Reverse_numbers_format_into_a_span_that_fits() => FormatsIntoASpan(ReverseNumber.Variable(2.5));

    private static void ConvertsThroughTheValue<T>(T variable) where T : IFloatingPointIeee754<T>
    {
        var three = T.CreateChecked(3);                    // from int: a constant 3
        Assert.Equal(6.0, double.CreateChecked(three + three));
        Assert.Equal(2.5, double.CreateChecked(variable));  // out: the value, the perturbation dropped
        Assert.Equal(2, int.CreateTruncating(variable));
        Assert.Equal(byte.MaxValue, byte.CreateSaturating(T.CreateChecked(1e9)));
        // A conversion no side supports is refused, as .NET's own numbers refuse it.
        Assert.Throws<NotSupportedException>(() => T.CreateChecked(new Unconvertible()));
    }

    private static void FormatsIntoASpan<T>(T number) where T : IFloatingPointIeee754<T>
    {
        var text = number.ToString(null, null);
        Span<char> tooShort = stackalloc char[text.Length - 1];
        Assert.False(number.TryFormat(tooShort, out var none, default, null));
        Assert.Equal(0, none);
        Span<char> room = stackalloc char[text.Length + 5];
        Assert.True(number.TryFormat(room, out var written, default, null));
        Assert.Equal(text, room[..written].ToString());
    }

    // A number type that converts to and from nothing.
    private readonly struct Unconvertible : INumberBase<Unconvertible>
    {
        public static Unconvertible One => default;
        public static int Radix => 2;
        public static Unconvertible Zero => default;
        public static Unconvertible AdditiveIdentity => default;
        public static Unconvertible MultiplicativeIdentity => default;
        public static Unconvertible Abs(Unconvertible value) => value;
        public static bool IsCanonical(Unconvertible value) => true;
        public static bool IsComplexNumber(Unconvertible value) => false;
        public static bool IsEvenInteger(Unconvertible value) => false;
        public static bool IsFinite(Unconvertible value) => true;
        public static bool IsImaginaryNumber(Unconvertible value) => false;
        public static bool IsInfinity(Unconvertible value) => false;
        public static bool IsInteger(Unconvertible value) => false;
        public static bool IsNaN(Unconvertible value) => false;
        public static bool IsNegative(Unconvertible value) => false;
        public static bool IsNegativeInfinity(Unconvertible value) => false;
        public static bool IsNormal(Unconvertible value) => false;
        public static bool IsOddInteger(Unconvertible value) => false;
        public static bool IsPositive(Unconvertible value) => false;
        public static bool IsPositiveInfinity(Unconvertible value) => false;
        public static bool IsRealNumber(Unconvertible value) => false;
        public static bool IsSubnormal(Unconvertible value) => false;
        public static bool IsZero(Unconvertible value) => true;
        public static Unconvertible MaxMagnitude(Unconvertible x, Unconvertible y) => x;
        public static Unconvertible MaxMagnitudeNumber(Unconvertible x, Unconvertible y) => x;
        public static Unconvertible MinMagnitude(Unconvertible x, Unconvertible y) => x;
        public static Unconvertible MinMagnitudeNumber(Unconvertible x, Unconvertible y) => x;
        public static Unconvertible Parse(ReadOnlySpan<char> s, System.Globalization.NumberStyles style, IFormatProvider? provider) => default;
        public static Unconvertible Parse(string s, System.Globalization.NumberStyles style, IFormatProvider? provider) => default;
        public static Unconvertible Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => default;
        public static Unconvertible Parse(string s, IFormatProvider? provider) => default;
        public static bool TryParse(ReadOnlySpan<char> s, System.Globalization.NumberStyles style, IFormatProvider? provider, out Unconvertible result) { result = default; return false; }
        public static bool TryParse(string? s, System.Globalization.NumberStyles style, IFormatProvider? provider, out Unconvertible result) { result = default; return false; }
        public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Unconvertible result) { result = default; return false; }
        public static bool TryParse(string? s, IFormatProvider? provider, out Unconvertible result) { result = default; return false; }
        static bool INumberBase<Unconvertible>.TryConvertFromChecked<TOther>(TOther value, out Unconvertible result) { result = default; return false; }
        static bool INumberBase<Unconvertible>.TryConvertFromSaturating<TOther>(TOther value, out Unconvertible result) { result = default; return false; }
        static bool INumberBase<Unconvertible>.TryConvertFromTruncating<TOther>(TOther value, out Unconvertible result) { result = default; return false; }
        static bool INumberBase<Unconvertible>.TryConvertToChecked<TOther>(Unconvertible value, out TOther result) { result = default!; return false; }
        static bool INumberBase<Unconvertible>.TryConvertToSaturating<TOther>(Unconvertible value, out TOther result) { result = default!; return false; }
        static bool INumberBase<Unconvertible>.TryConvertToTruncating<TOther>(Unconvertible value, out TOther result) { result = default!; return false; }
        public bool Equals(Unconvertible other) => true;
        public override bool Equals(object? obj) => obj is Unconvertible;
        public override int GetHashCode() => 0;
        public string ToString(string? format, IFormatProvider? formatProvider) => "?";
        public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) { charsWritten = 0; return false; }
        public static Unconvertible operator +(Unconvertible value) => value;
        public static Unconvertible operator +(Unconvertible left, Unconvertible right) => left;
        public static Unconvertible operator -(Unconvertible value) => value;
        public static Unconvertible operator -(Unconvertible left, Unconvertible right) => left;
        public static Unconvertible operator ++(Unconvertible value) => value;
        public static Unconvertible operator --(Unconvertible value) => value;
        public static Unconvertible operator *(Unconvertible left, Unconvertible right) => left;
        public static Unconvertible operator /(Unconvertible left, Unconvertible right) => left;
        public static bool operator ==(Unconvertible left, Unconvertible right) => true;
        public static bool operator !=(Unconvertible left, Unconvertible right) => false;
    }
}
