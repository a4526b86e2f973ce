using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Contracts;
using System.Globalization;
using System.Numerics;

namespace FunctionalAD;

// FlatExpr as a .NET generic-math number, so that a generic function T F<T>(T x) where T : IFloatingPointIeee754<T>
// traces into arrays when called with T = FlatExpr. Every member is the one Expr has (Expr.GenericMath.cs), the same
// primitive or the same composition of primitives, so that both traces compute the same numbers bit for bit. Members
// whose Expr form needs Expr.Where (a primitive of three arguments) throw NotSupportedException; members that need a
// value answer for constants and otherwise throw TracingException, as for Expr.
public readonly partial struct FlatExpr : IFloatingPointIeee754<FlatExpr>, IRuleLift<FlatExpr>
{
    // A rule's value at FlatExpr is its primitive applied, as at Expr: so ScalarMath.Erf(x) and the like trace to their primitives.
    static FlatExpr IRuleLift<FlatExpr>.Apply<R>(R rule, FlatExpr x) => Apply(rule.Primitive, x);
    static FlatExpr IRuleLift<FlatExpr>.Apply<R>(R rule, FlatExpr x, FlatExpr y) => Apply(rule.Primitive, x, y);

    private static readonly double Ln10 = Math.Log(10);

    /// <summary>ln x / ln 2, the primitive.</summary>
    [Pure] public static FlatExpr Log2(FlatExpr x) => Apply(Primitives.Log2, x);

    /// <summary>2ˣ, the primitive.</summary>
    [Pure] public static FlatExpr Exp2(FlatExpr x) => Apply(Primitives.Exp2, x);

    /// <summary>sinh x.</summary>
    [Pure] public static FlatExpr Sinh(FlatExpr x) => Apply(Primitives.Sinh, x);

    /// <summary>cosh x.</summary>
    [Pure] public static FlatExpr Cosh(FlatExpr x) => Apply(Primitives.Cosh, x);

    /// <summary>asinh x.</summary>
    [Pure] public static FlatExpr Asinh(FlatExpr x) => Apply(Primitives.Asinh, x);

    /// <summary>acosh x.</summary>
    [Pure] public static FlatExpr Acosh(FlatExpr x) => Apply(Primitives.Acosh, x);

    /// <summary>atanh x.</summary>
    [Pure] public static FlatExpr Atanh(FlatExpr x) => Apply(Primitives.Atanh, x);

    /// <summary>asin x.</summary>
    [Pure] public static FlatExpr Asin(FlatExpr x) => Apply(Primitives.Asin, x);

    /// <summary>acos x.</summary>
    [Pure] public static FlatExpr Acos(FlatExpr x) => Apply(Primitives.Acos, x);

    /// <summary>atan x.</summary>
    [Pure] public static FlatExpr Atan(FlatExpr x) => Apply(Primitives.Atan, x);

    /// <summary>atan2(y, x).</summary>
    [Pure] public static FlatExpr Atan2(FlatExpr y, FlatExpr x) => Apply(Primitives.Atan2, y, x);

    /// <summary>∛x.</summary>
    [Pure] public static FlatExpr Cbrt(FlatExpr x) => Apply(Primitives.Cbrt, x);

    /// <summary>√(x² + y²).</summary>
    [Pure] public static FlatExpr Hypot(FlatExpr x, FlatExpr y) => Apply(Primitives.Hypot, x, y);

    /// <summary>⌊x⌋ (derivative zero).</summary>
    [Pure] public static FlatExpr Floor(FlatExpr x) => x.tape is null ? Math.Floor(x.number) : Apply(Primitives.Floor, x);

    /// <summary>x rounded to the nearest integer, ties to even (derivative zero).</summary>
    [Pure] public static FlatExpr Round(FlatExpr x) => x.tape is null ? Math.Round(x.number) : Apply(Primitives.Round, x);

    // ---- constants
    static FlatExpr INumberBase<FlatExpr>.One => 1.0;
    static FlatExpr INumberBase<FlatExpr>.Zero => 0.0;
    static int INumberBase<FlatExpr>.Radix => 2;
    static FlatExpr IAdditiveIdentity<FlatExpr, FlatExpr>.AdditiveIdentity => 0.0;
    static FlatExpr IMultiplicativeIdentity<FlatExpr, FlatExpr>.MultiplicativeIdentity => 1.0;
    static FlatExpr ISignedNumber<FlatExpr>.NegativeOne => -1.0;
    static FlatExpr IFloatingPointConstants<FlatExpr>.E => Math.E;
    static FlatExpr IFloatingPointConstants<FlatExpr>.Pi => Math.PI;
    static FlatExpr IFloatingPointConstants<FlatExpr>.Tau => Math.Tau;
    static FlatExpr IFloatingPointIeee754<FlatExpr>.Epsilon => double.Epsilon;
    static FlatExpr IFloatingPointIeee754<FlatExpr>.NaN => double.NaN;
    static FlatExpr IFloatingPointIeee754<FlatExpr>.NegativeInfinity => double.NegativeInfinity;
    static FlatExpr IFloatingPointIeee754<FlatExpr>.NegativeZero => -0.0;
    static FlatExpr IFloatingPointIeee754<FlatExpr>.PositiveInfinity => double.PositiveInfinity;

    // ---- operators beyond + − * / and unary −
    static FlatExpr IUnaryPlusOperators<FlatExpr, FlatExpr>.operator +(FlatExpr value) => value;
    static FlatExpr IIncrementOperators<FlatExpr>.operator ++(FlatExpr value) => value + 1.0;
    static FlatExpr IDecrementOperators<FlatExpr>.operator --(FlatExpr value) => value - 1.0;
    static FlatExpr IModulusOperators<FlatExpr, FlatExpr, FlatExpr>.operator %(FlatExpr left, FlatExpr right) =>
        left.tape is null && right.tape is null ? left.number % right.number : throw Unsupported("operator %");
    static bool IComparisonOperators<FlatExpr, FlatExpr, bool>.operator <(FlatExpr left, FlatExpr right) => Compare(left, right, "operator <") < 0;
    static bool IComparisonOperators<FlatExpr, FlatExpr, bool>.operator >(FlatExpr left, FlatExpr right) => Compare(left, right, "operator >") > 0;
    static bool IComparisonOperators<FlatExpr, FlatExpr, bool>.operator <=(FlatExpr left, FlatExpr right) => Compare(left, right, "operator <=") <= 0;
    static bool IComparisonOperators<FlatExpr, FlatExpr, bool>.operator >=(FlatExpr left, FlatExpr right) => Compare(left, right, "operator >=") >= 0;
    int IComparable.CompareTo(object? obj) => obj is FlatExpr other ? Compare(this, other, "CompareTo") : throw new ArgumentException("Not a FlatExpr.", nameof(obj));
    int IComparable<FlatExpr>.CompareTo(FlatExpr other) => Compare(this, other, "CompareTo");

    /// <summary>
    /// Whether two values are the same node of one trace, or equal constants: identity, not a comparison of the numbers
    /// a traced value will take (as <c>==</c> on <see cref="Expr"/> compares graphs).
    /// </summary>
    public static bool operator ==(FlatExpr left, FlatExpr right) => left.Equals(right);

    /// <summary>Not <c>==</c>.</summary>
    public static bool operator !=(FlatExpr left, FlatExpr right) => !left.Equals(right);

    /// <summary>Whether <paramref name="other"/> is the same node of the same trace, or an equal constant (by bits).</summary>
    public bool Equals(FlatExpr other) => tape is null
        ? other.tape is null && BitConverter.DoubleToInt64Bits(number) == BitConverter.DoubleToInt64Bits(other.number)
        : ReferenceEquals(tape, other.tape) && node == other.node;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FlatExpr other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => tape is null ? number.GetHashCode() : HashCode.Combine(tape, node);

    // ---- functions as primitives or compositions of primitives, as for Expr
    static FlatExpr IExponentialFunctions<FlatExpr>.Exp10(FlatExpr x) => Exp(x * Ln10);
    static FlatExpr ILogarithmicFunctions<FlatExpr>.Log(FlatExpr x, FlatExpr newBase) => Log(x) / Log(newBase);
    static FlatExpr ILogarithmicFunctions<FlatExpr>.Log10(FlatExpr x) => Log(x) / Ln10;
    static FlatExpr IRootFunctions<FlatExpr>.RootN(FlatExpr x, int n) => n == 3 ? Cbrt(x) : n % 2 != 0 ? throw NeedsWhere("RootN of an odd degree") : Pow(x, 1.0 / n);
    static FlatExpr ITrigonometricFunctions<FlatExpr>.SinPi(FlatExpr x) => Sin(Math.PI * x);
    static FlatExpr ITrigonometricFunctions<FlatExpr>.CosPi(FlatExpr x) => Cos(Math.PI * x);
    static FlatExpr ITrigonometricFunctions<FlatExpr>.TanPi(FlatExpr x) => Tan(Math.PI * x);
    static (FlatExpr Sin, FlatExpr Cos) ITrigonometricFunctions<FlatExpr>.SinCos(FlatExpr x) => (Sin(x), Cos(x));
    static (FlatExpr SinPi, FlatExpr CosPi) ITrigonometricFunctions<FlatExpr>.SinCosPi(FlatExpr x) => (Sin(Math.PI * x), Cos(Math.PI * x));
    static FlatExpr IFloatingPointIeee754<FlatExpr>.FusedMultiplyAdd(FlatExpr left, FlatExpr right, FlatExpr addend) => left * right + addend;
    static FlatExpr IFloatingPointIeee754<FlatExpr>.ScaleB(FlatExpr x, int n) => x * Math.ScaleB(1, n);
    static FlatExpr INumber<FlatExpr>.Clamp(FlatExpr value, FlatExpr min, FlatExpr max) =>
        min.tape is null && max.tape is null && min.number <= max.number ? Apply(Primitives.ClampOf(min.number, max.number), value) : Min(Max(value, min), max);
    static FlatExpr INumberBase<FlatExpr>.MaxMagnitude(FlatExpr x, FlatExpr y) => throw NeedsWhere("MaxMagnitude");
    static FlatExpr INumberBase<FlatExpr>.MinMagnitude(FlatExpr x, FlatExpr y) => throw NeedsWhere("MinMagnitude");
    static FlatExpr INumberBase<FlatExpr>.MaxMagnitudeNumber(FlatExpr x, FlatExpr y) => throw NeedsWhere("MaxMagnitudeNumber");
    static FlatExpr INumberBase<FlatExpr>.MinMagnitudeNumber(FlatExpr x, FlatExpr y) => throw NeedsWhere("MinMagnitudeNumber");

    // ---- functions without a primitive
    static FlatExpr ITrigonometricFunctions<FlatExpr>.AsinPi(FlatExpr x) => throw Unsupported("AsinPi");
    static FlatExpr ITrigonometricFunctions<FlatExpr>.AcosPi(FlatExpr x) => throw Unsupported("AcosPi");
    static FlatExpr ITrigonometricFunctions<FlatExpr>.AtanPi(FlatExpr x) => throw Unsupported("AtanPi");
    static FlatExpr IFloatingPointIeee754<FlatExpr>.Atan2Pi(FlatExpr y, FlatExpr x) => throw Unsupported("Atan2Pi");
    static FlatExpr IFloatingPointIeee754<FlatExpr>.Ieee754Remainder(FlatExpr left, FlatExpr right) => throw Unsupported("Ieee754Remainder");
    static FlatExpr IFloatingPointIeee754<FlatExpr>.BitDecrement(FlatExpr x) => throw Unsupported("BitDecrement");
    static FlatExpr IFloatingPointIeee754<FlatExpr>.BitIncrement(FlatExpr x) => throw Unsupported("BitIncrement");
    static int IFloatingPointIeee754<FlatExpr>.ILogB(FlatExpr x) => x.tape is null ? Math.ILogB(x.number) : throw new TracingException("ILogB");
    static FlatExpr IFloatingPoint<FlatExpr>.Round(FlatExpr x, int digits) => Rounded(x, "Round", v => Math.Round(v, digits));
    static FlatExpr IFloatingPoint<FlatExpr>.Round(FlatExpr x, MidpointRounding mode) => Rounded(x, "Round", v => Math.Round(v, mode));
    static FlatExpr IFloatingPoint<FlatExpr>.Round(FlatExpr x, int digits, MidpointRounding mode) => Rounded(x, "Round", v => Math.Round(v, digits, mode));
    static FlatExpr IFloatingPoint<FlatExpr>.Ceiling(FlatExpr x) => Rounded(x, "Ceiling", Math.Ceiling);
    static FlatExpr IFloatingPoint<FlatExpr>.Truncate(FlatExpr x) => Rounded(x, "Truncate", Math.Truncate);
    static FlatExpr INumber<FlatExpr>.CopySign(FlatExpr value, FlatExpr sign) =>
        sign.tape is null ? (double.IsNegative(sign.number) ? -Abs(value) : Abs(value)) : throw new TracingException("CopySign");
    static int INumber<FlatExpr>.Sign(FlatExpr value) => value.tape is null ? Math.Sign(value.number) : throw new TracingException("Sign");

    // ---- questions about the value: answered for constants, value-dependent otherwise
    static bool INumberBase<FlatExpr>.IsCanonical(FlatExpr value) => true;
    static bool INumberBase<FlatExpr>.IsComplexNumber(FlatExpr value) => false;
    static bool INumberBase<FlatExpr>.IsImaginaryNumber(FlatExpr value) => false;
    static bool INumberBase<FlatExpr>.IsRealNumber(FlatExpr value) => Ask(value, "IsRealNumber", double.IsRealNumber);
    static bool INumberBase<FlatExpr>.IsEvenInteger(FlatExpr value) => Ask(value, "IsEvenInteger", double.IsEvenInteger);
    static bool INumberBase<FlatExpr>.IsOddInteger(FlatExpr value) => Ask(value, "IsOddInteger", double.IsOddInteger);
    static bool INumberBase<FlatExpr>.IsInteger(FlatExpr value) => Ask(value, "IsInteger", double.IsInteger);
    static bool INumberBase<FlatExpr>.IsFinite(FlatExpr value) => Ask(value, "IsFinite", double.IsFinite);
    static bool INumberBase<FlatExpr>.IsInfinity(FlatExpr value) => Ask(value, "IsInfinity", double.IsInfinity);
    static bool INumberBase<FlatExpr>.IsNaN(FlatExpr value) => Ask(value, "IsNaN", double.IsNaN);
    static bool INumberBase<FlatExpr>.IsNegative(FlatExpr value) => Ask(value, "IsNegative", double.IsNegative);
    static bool INumberBase<FlatExpr>.IsNegativeInfinity(FlatExpr value) => Ask(value, "IsNegativeInfinity", double.IsNegativeInfinity);
    static bool INumberBase<FlatExpr>.IsNormal(FlatExpr value) => Ask(value, "IsNormal", double.IsNormal);
    static bool INumberBase<FlatExpr>.IsPositive(FlatExpr value) => Ask(value, "IsPositive", double.IsPositive);
    static bool INumberBase<FlatExpr>.IsPositiveInfinity(FlatExpr value) => Ask(value, "IsPositiveInfinity", double.IsPositiveInfinity);
    static bool INumberBase<FlatExpr>.IsSubnormal(FlatExpr value) => Ask(value, "IsSubnormal", double.IsSubnormal);
    static bool INumberBase<FlatExpr>.IsZero(FlatExpr value) => Ask(value, "IsZero", v => v == 0);

    // ---- conversions: from any number to a constant; to another type only from a constant
    static bool INumberBase<FlatExpr>.TryConvertFromChecked<TOther>(TOther value, [MaybeNullWhen(false)] out FlatExpr result) =>
        TryConvertFrom(value, double.CreateChecked, out result);
    static bool INumberBase<FlatExpr>.TryConvertFromSaturating<TOther>(TOther value, [MaybeNullWhen(false)] out FlatExpr result) =>
        TryConvertFrom(value, double.CreateSaturating, out result);
    static bool INumberBase<FlatExpr>.TryConvertFromTruncating<TOther>(TOther value, [MaybeNullWhen(false)] out FlatExpr result) =>
        TryConvertFrom(value, double.CreateTruncating, out result);
    static bool INumberBase<FlatExpr>.TryConvertToChecked<TOther>(FlatExpr value, [MaybeNullWhen(false)] out TOther result) =>
        TryConvertTo(value, TOther.CreateChecked, out result);
    static bool INumberBase<FlatExpr>.TryConvertToSaturating<TOther>(FlatExpr value, [MaybeNullWhen(false)] out TOther result) =>
        TryConvertTo(value, TOther.CreateSaturating, out result);
    static bool INumberBase<FlatExpr>.TryConvertToTruncating<TOther>(FlatExpr value, [MaybeNullWhen(false)] out TOther result) =>
        TryConvertTo(value, TOther.CreateTruncating, out result);

    // ---- parsing and formatting: a number reads as a constant; a traced value formats as ToString
    static FlatExpr INumberBase<FlatExpr>.Parse(string s, NumberStyles style, IFormatProvider? provider) => double.Parse(s, style, provider);
    static FlatExpr INumberBase<FlatExpr>.Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) => double.Parse(s, style, provider);
    static FlatExpr IParsable<FlatExpr>.Parse(string s, IFormatProvider? provider) => double.Parse(s, provider);
    static FlatExpr ISpanParsable<FlatExpr>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => double.Parse(s, provider);
    static bool INumberBase<FlatExpr>.TryParse([NotNullWhen(true)] string? s, NumberStyles style, IFormatProvider? provider, [MaybeNullWhen(false)] out FlatExpr result) =>
        Parsed(double.TryParse(s, style, provider, out var v), v, out result);
    static bool INumberBase<FlatExpr>.TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, [MaybeNullWhen(false)] out FlatExpr result) =>
        Parsed(double.TryParse(s, style, provider, out var v), v, out result);
    static bool IParsable<FlatExpr>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out FlatExpr result) =>
        Parsed(double.TryParse(s, provider, out var v), v, out result);
    static bool ISpanParsable<FlatExpr>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, [MaybeNullWhen(false)] out FlatExpr result) =>
        Parsed(double.TryParse(s, provider, out var v), v, out result);
    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();
    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var text = ToString();
        charsWritten = text.TryCopyTo(destination) ? text.Length : 0;
        return charsWritten == text.Length;
    }

    // ---- the bit layout of a traced value is not a thing
    int IFloatingPoint<FlatExpr>.GetExponentByteCount() => throw Unsupported("GetExponentByteCount");
    int IFloatingPoint<FlatExpr>.GetExponentShortestBitLength() => throw Unsupported("GetExponentShortestBitLength");
    int IFloatingPoint<FlatExpr>.GetSignificandBitLength() => throw Unsupported("GetSignificandBitLength");
    int IFloatingPoint<FlatExpr>.GetSignificandByteCount() => throw Unsupported("GetSignificandByteCount");
    bool IFloatingPoint<FlatExpr>.TryWriteExponentBigEndian(Span<byte> destination, out int bytesWritten) => throw Unsupported("TryWriteExponentBigEndian");
    bool IFloatingPoint<FlatExpr>.TryWriteExponentLittleEndian(Span<byte> destination, out int bytesWritten) => throw Unsupported("TryWriteExponentLittleEndian");
    bool IFloatingPoint<FlatExpr>.TryWriteSignificandBigEndian(Span<byte> destination, out int bytesWritten) => throw Unsupported("TryWriteSignificandBigEndian");
    bool IFloatingPoint<FlatExpr>.TryWriteSignificandLittleEndian(Span<byte> destination, out int bytesWritten) => throw Unsupported("TryWriteSignificandLittleEndian");

    private static NotSupportedException Unsupported(string member) =>
        new($"{member} has no primitive and no composition of primitives in FunctionalAD, so it cannot be traced.");

    private static NotSupportedException NeedsWhere(string member) =>
        new($"{member} traces as a composition with Expr.Where, a primitive of three arguments that a flat graph does not hold: trace this program into an Expr graph with Graph.Trace instead.");

    private static FlatExpr Rounded(FlatExpr x, string member, Func<double, double> round) =>
        x.tape is null ? round(x.number) : throw Unsupported(member);

    private static bool Ask(FlatExpr value, string member, Func<double, bool> question) =>
        value.tape is null ? question(value.number) : throw new TracingException(member);

    /// <summary>Constants compare by value; a node compares equal to itself; anything else depends on the point.</summary>
    private static int Compare(FlatExpr left, FlatExpr right, string member) =>
        left.tape is null && right.tape is null ? left.number.CompareTo(right.number)
        : left.Equals(right) ? 0
        : throw new TracingException(member);

    private static bool TryConvertFrom<TOther>(TOther value, Func<TOther, double> convert, out FlatExpr result)
        where TOther : INumberBase<TOther>
    {
        try
        {
            result = convert(value);
            return true;
        }
        catch (NotSupportedException)
        {
            result = default;
            return false;
        }
    }

    private static bool TryConvertTo<TOther>(FlatExpr value, Func<double, TOther> convert, [MaybeNullWhen(false)] out TOther result)
        where TOther : INumberBase<TOther>
    {
        result = value.tape is null ? convert(value.number) : throw new TracingException($"conversion to {typeof(TOther).Name}");
        return true;
    }

    private static bool Parsed(bool parsed, double value, out FlatExpr result)
    {
        result = parsed ? value : default;
        return parsed;
    }
}
