using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace FunctionalAD;

// Expr as a .NET generic-math number, so that a generic function T F<T>(T x) where T : IFloatingPointIeee754<T>
// traces into a graph when called with T = Expr. Every member is implemented explicitly (visible only through
// T) except those Expr already has (Sin, Exp, Max, …). Members map to a primitive or a composition of
// primitives; members with neither throw NotSupportedException naming themselves; members that need a value
// (comparisons, IsNaN, conversion to another type) answer for constants and otherwise throw TracingException,
// which points at Expr.Where. Note that == is Expr's structural equality, as everywhere: it compares graphs.
public abstract partial class Expr : IFloatingPointIeee754<Expr>, IRuleLift<Expr>
{
    // A rule's value at Expr is its primitive applied: so a derivative that uses another primitive's value
    // (softplus′ = σ) builds that primitive's node.
    static Expr IRuleLift<Expr>.Apply<R>(R rule, Expr x) => Apply(rule.Primitive, x);
    static Expr IRuleLift<Expr>.Apply<R>(R rule, Expr x, Expr y) => Apply(rule.Primitive, x, y);

    private static readonly Expr Ln10 = Constant(Math.Log(10));

    // ---- constants
    static Expr INumberBase<Expr>.One => Constant(1);
    static Expr INumberBase<Expr>.Zero => Constant(0);
    static int INumberBase<Expr>.Radix => 2;
    static Expr IAdditiveIdentity<Expr, Expr>.AdditiveIdentity => Constant(0);
    static Expr IMultiplicativeIdentity<Expr, Expr>.MultiplicativeIdentity => Constant(1);
    static Expr ISignedNumber<Expr>.NegativeOne => Constant(-1);
    static Expr IFloatingPointConstants<Expr>.E => Constant(Math.E);
    static Expr IFloatingPointConstants<Expr>.Pi => Constant(Math.PI);
    static Expr IFloatingPointConstants<Expr>.Tau => Constant(Math.Tau);
    static Expr IFloatingPointIeee754<Expr>.Epsilon => Constant(double.Epsilon);
    static Expr IFloatingPointIeee754<Expr>.NaN => Constant(double.NaN);
    static Expr IFloatingPointIeee754<Expr>.NegativeInfinity => Constant(double.NegativeInfinity);
    static Expr IFloatingPointIeee754<Expr>.NegativeZero => Constant(-0.0);
    static Expr IFloatingPointIeee754<Expr>.PositiveInfinity => Constant(double.PositiveInfinity);

    // ---- operators beyond + − * / and unary −, which Expr has
    static Expr IUnaryPlusOperators<Expr, Expr>.operator +(Expr value) => value;
    static Expr IIncrementOperators<Expr>.operator ++(Expr value) => value + 1.0;
    static Expr IDecrementOperators<Expr>.operator --(Expr value) => value - 1.0;
    static Expr IModulusOperators<Expr, Expr, Expr>.operator %(Expr left, Expr right) =>
        left is ConstantNode { Shape.IsScalar: true } a && right is ConstantNode { Shape.IsScalar: true } b ? Constant(a.Number % b.Number) : throw Unsupported("operator %");
    static bool IComparisonOperators<Expr, Expr, bool>.operator <(Expr left, Expr right) => Compare(left, right, "operator <") < 0;
    static bool IComparisonOperators<Expr, Expr, bool>.operator >(Expr left, Expr right) => Compare(left, right, "operator >") > 0;
    static bool IComparisonOperators<Expr, Expr, bool>.operator <=(Expr left, Expr right) => Compare(left, right, "operator <=") <= 0;
    static bool IComparisonOperators<Expr, Expr, bool>.operator >=(Expr left, Expr right) => Compare(left, right, "operator >=") >= 0;
    int IComparable.CompareTo(object? obj) => obj is Expr other ? Compare(this, other, "CompareTo") : throw new ArgumentException("Not an Expr.", nameof(obj));
    int IComparable<Expr>.CompareTo(Expr? other) => other is null ? 1 : Compare(this, other, "CompareTo");

    // ---- functions as primitives or compositions of primitives
    static Expr IExponentialFunctions<Expr>.Exp10(Expr x) => Exp(x * Ln10);
    static Expr ILogarithmicFunctions<Expr>.Log(Expr x, Expr newBase) => Log(x) / Log(newBase);
    static Expr ILogarithmicFunctions<Expr>.Log10(Expr x) => Log(x) / Ln10;
    static Expr IRootFunctions<Expr>.RootN(Expr x, int n) => n == 3 ? Cbrt(x) : n % 2 != 0 ? OddRoot(x, n) : Pow(x, 1.0 / n);
    static Expr ITrigonometricFunctions<Expr>.SinPi(Expr x) => Sin(Math.PI * x);
    static Expr ITrigonometricFunctions<Expr>.CosPi(Expr x) => Cos(Math.PI * x);
    static Expr ITrigonometricFunctions<Expr>.TanPi(Expr x) => Tan(Math.PI * x);
    static (Expr Sin, Expr Cos) ITrigonometricFunctions<Expr>.SinCos(Expr x) => (Sin(x), Cos(x));
    static (Expr SinPi, Expr CosPi) ITrigonometricFunctions<Expr>.SinCosPi(Expr x) => (Sin(Math.PI * x), Cos(Math.PI * x));
    static Expr IFloatingPointIeee754<Expr>.FusedMultiplyAdd(Expr left, Expr right, Expr addend) => left * right + addend;
    static Expr IFloatingPointIeee754<Expr>.ScaleB(Expr x, int n) => x * Math.ScaleB(1, n);
    static Expr INumber<Expr>.Clamp(Expr value, Expr min, Expr max) =>
        min is ConstantNode { Shape.IsScalar: true } lo && max is ConstantNode { Shape.IsScalar: true } hi && lo.Number <= hi.Number ? Clamp(value, lo.Number, hi.Number) : Min(Max(value, min), max);
    static Expr INumberBase<Expr>.MaxMagnitude(Expr x, Expr y) => Where(Step(Abs(x), Abs(y)), x, y);
    static Expr INumberBase<Expr>.MinMagnitude(Expr x, Expr y) => Where(Step(Abs(y), Abs(x)), x, y);
    static Expr INumberBase<Expr>.MaxMagnitudeNumber(Expr x, Expr y) => Where(Step(Abs(x), Abs(y)), x, y);
    static Expr INumberBase<Expr>.MinMagnitudeNumber(Expr x, Expr y) => Where(Step(Abs(y), Abs(x)), x, y);

    // ---- functions without a primitive
    static Expr ITrigonometricFunctions<Expr>.AsinPi(Expr x) => throw Unsupported("AsinPi");
    static Expr ITrigonometricFunctions<Expr>.AcosPi(Expr x) => throw Unsupported("AcosPi");
    static Expr ITrigonometricFunctions<Expr>.AtanPi(Expr x) => throw Unsupported("AtanPi");
    static Expr IFloatingPointIeee754<Expr>.Atan2Pi(Expr y, Expr x) => throw Unsupported("Atan2Pi");
    static Expr IFloatingPointIeee754<Expr>.Ieee754Remainder(Expr left, Expr right) => throw Unsupported("Ieee754Remainder");
    static Expr IFloatingPointIeee754<Expr>.BitDecrement(Expr x) => throw Unsupported("BitDecrement");
    static Expr IFloatingPointIeee754<Expr>.BitIncrement(Expr x) => throw Unsupported("BitIncrement");
    static int IFloatingPointIeee754<Expr>.ILogB(Expr x) => x is ConstantNode { Shape.IsScalar: true } c ? Math.ILogB(c.Number) : throw new TracingException("ILogB");
    static Expr IFloatingPoint<Expr>.Round(Expr x) => x is ConstantNode { Shape.IsScalar: true } c ? Constant(Math.Round(c.Number)) : Round(x);
    static Expr IFloatingPoint<Expr>.Round(Expr x, int digits) => Rounded(x, "Round", v => Math.Round(v, digits));
    static Expr IFloatingPoint<Expr>.Round(Expr x, MidpointRounding mode) => Rounded(x, "Round", v => Math.Round(v, mode));
    static Expr IFloatingPoint<Expr>.Round(Expr x, int digits, MidpointRounding mode) => Rounded(x, "Round", v => Math.Round(v, digits, mode));
    static Expr IFloatingPoint<Expr>.Floor(Expr x) => x is ConstantNode { Shape.IsScalar: true } c ? Constant(Math.Floor(c.Number)) : Floor(x);
    static Expr IFloatingPoint<Expr>.Ceiling(Expr x) => Rounded(x, "Ceiling", Math.Ceiling);
    static Expr IFloatingPoint<Expr>.Truncate(Expr x) => Rounded(x, "Truncate", Math.Truncate);
    static Expr INumber<Expr>.CopySign(Expr value, Expr sign) =>
        sign is ConstantNode { Shape.IsScalar: true } s ? (double.IsNegative(s.Number) ? -Abs(value) : Abs(value)) : throw new TracingException("CopySign");
    static int INumber<Expr>.Sign(Expr value) => value is ConstantNode { Shape.IsScalar: true } c ? Math.Sign(c.Number) : throw new TracingException("Sign");

    // ---- questions about the value: answered for constants, value-dependent otherwise
    static bool INumberBase<Expr>.IsCanonical(Expr value) => true;
    static bool INumberBase<Expr>.IsComplexNumber(Expr value) => false;
    static bool INumberBase<Expr>.IsImaginaryNumber(Expr value) => false;
    static bool INumberBase<Expr>.IsRealNumber(Expr value) => Ask(value, "IsRealNumber", double.IsRealNumber);
    static bool INumberBase<Expr>.IsEvenInteger(Expr value) => Ask(value, "IsEvenInteger", double.IsEvenInteger);
    static bool INumberBase<Expr>.IsOddInteger(Expr value) => Ask(value, "IsOddInteger", double.IsOddInteger);
    static bool INumberBase<Expr>.IsInteger(Expr value) => Ask(value, "IsInteger", double.IsInteger);
    static bool INumberBase<Expr>.IsFinite(Expr value) => Ask(value, "IsFinite", double.IsFinite);
    static bool INumberBase<Expr>.IsInfinity(Expr value) => Ask(value, "IsInfinity", double.IsInfinity);
    static bool INumberBase<Expr>.IsNaN(Expr value) => Ask(value, "IsNaN", double.IsNaN);
    static bool INumberBase<Expr>.IsNegative(Expr value) => Ask(value, "IsNegative", double.IsNegative);
    static bool INumberBase<Expr>.IsNegativeInfinity(Expr value) => Ask(value, "IsNegativeInfinity", double.IsNegativeInfinity);
    static bool INumberBase<Expr>.IsNormal(Expr value) => Ask(value, "IsNormal", double.IsNormal);
    static bool INumberBase<Expr>.IsPositive(Expr value) => Ask(value, "IsPositive", double.IsPositive);
    static bool INumberBase<Expr>.IsPositiveInfinity(Expr value) => Ask(value, "IsPositiveInfinity", double.IsPositiveInfinity);
    static bool INumberBase<Expr>.IsSubnormal(Expr value) => Ask(value, "IsSubnormal", double.IsSubnormal);
    static bool INumberBase<Expr>.IsZero(Expr value) => Ask(value, "IsZero", v => v == 0);

    // ---- conversions: from any number to a constant; to another type only from a constant
    static bool INumberBase<Expr>.TryConvertFromChecked<TOther>(TOther value, [MaybeNullWhen(false)] out Expr result) =>
        TryConvertFrom(value, double.CreateChecked, out result);
    static bool INumberBase<Expr>.TryConvertFromSaturating<TOther>(TOther value, [MaybeNullWhen(false)] out Expr result) =>
        TryConvertFrom(value, double.CreateSaturating, out result);
    static bool INumberBase<Expr>.TryConvertFromTruncating<TOther>(TOther value, [MaybeNullWhen(false)] out Expr result) =>
        TryConvertFrom(value, double.CreateTruncating, out result);
    static bool INumberBase<Expr>.TryConvertToChecked<TOther>(Expr value, [MaybeNullWhen(false)] out TOther result) =>
        TryConvertTo(value, TOther.CreateChecked, out result);
    static bool INumberBase<Expr>.TryConvertToSaturating<TOther>(Expr value, [MaybeNullWhen(false)] out TOther result) =>
        TryConvertTo(value, TOther.CreateSaturating, out result);
    static bool INumberBase<Expr>.TryConvertToTruncating<TOther>(Expr value, [MaybeNullWhen(false)] out TOther result) =>
        TryConvertTo(value, TOther.CreateTruncating, out result);

    // ---- parsing and formatting: a number reads as a constant; a graph formats as it prints
    static Expr INumberBase<Expr>.Parse(string s, NumberStyles style, IFormatProvider? provider) => Constant(double.Parse(s, style, provider));
    static Expr INumberBase<Expr>.Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) => Constant(double.Parse(s, style, provider));
    static Expr IParsable<Expr>.Parse(string s, IFormatProvider? provider) => Constant(double.Parse(s, provider));
    static Expr ISpanParsable<Expr>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Constant(double.Parse(s, provider));
    static bool INumberBase<Expr>.TryParse([NotNullWhen(true)] string? s, NumberStyles style, IFormatProvider? provider, [MaybeNullWhen(false)] out Expr result) =>
        Parsed(double.TryParse(s, style, provider, out var v), v, out result);
    static bool INumberBase<Expr>.TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, [MaybeNullWhen(false)] out Expr result) =>
        Parsed(double.TryParse(s, style, provider, out var v), v, out result);
    static bool IParsable<Expr>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out Expr result) =>
        Parsed(double.TryParse(s, provider, out var v), v, out result);
    static bool ISpanParsable<Expr>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, [MaybeNullWhen(false)] out Expr result) =>
        Parsed(double.TryParse(s, provider, out var v), v, out result);
    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();
    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var text = ToString();
        charsWritten = text.TryCopyTo(destination) ? text.Length : 0;
        return charsWritten == text.Length;
    }

    // ---- the bit layout of a graph is not a thing
    int IFloatingPoint<Expr>.GetExponentByteCount() => throw Unsupported("GetExponentByteCount");
    int IFloatingPoint<Expr>.GetExponentShortestBitLength() => throw Unsupported("GetExponentShortestBitLength");
    int IFloatingPoint<Expr>.GetSignificandBitLength() => throw Unsupported("GetSignificandBitLength");
    int IFloatingPoint<Expr>.GetSignificandByteCount() => throw Unsupported("GetSignificandByteCount");
    bool IFloatingPoint<Expr>.TryWriteExponentBigEndian(Span<byte> destination, out int bytesWritten) => throw Unsupported("TryWriteExponentBigEndian");
    bool IFloatingPoint<Expr>.TryWriteExponentLittleEndian(Span<byte> destination, out int bytesWritten) => throw Unsupported("TryWriteExponentLittleEndian");
    bool IFloatingPoint<Expr>.TryWriteSignificandBigEndian(Span<byte> destination, out int bytesWritten) => throw Unsupported("TryWriteSignificandBigEndian");
    bool IFloatingPoint<Expr>.TryWriteSignificandLittleEndian(Span<byte> destination, out int bytesWritten) => throw Unsupported("TryWriteSignificandLittleEndian");

    private static NotSupportedException Unsupported(string member) =>
        new($"{member} has no primitive and no composition of primitives in FunctionalAD, so it cannot be traced into a graph.");

    /// <summary>Rounding functions fold constants; on a traced value they have no primitive (their derivative is zero almost everywhere).</summary>
    private static Expr Rounded(Expr x, string member, Func<double, double> round) =>
        x is ConstantNode { Shape.IsScalar: true } c ? Constant(round(c.Number)) : throw Unsupported(member);

    private static bool Ask(Expr value, string member, Func<double, bool> question) =>
        value is ConstantNode { Shape.IsScalar: true } c ? question(c.Number) : throw new TracingException(member);

    /// <summary>Constants compare by value; equal graphs have equal values at every point (the order of NaN aside); anything else depends on the point.</summary>
    private static int Compare(Expr left, Expr right, string member) =>
        left is ConstantNode { Shape.IsScalar: true } a && right is ConstantNode { Shape.IsScalar: true } b ? a.Number.CompareTo(b.Number)
        : left.Equals(right) ? 0
        : throw new TracingException(member);

    /// <summary>The real n-th root for odd n, also of negative numbers: x^(1/n) where x &gt; 0, −(−x)^(1/n) where x &lt; 0.</summary>
    private static Expr OddRoot(Expr x, int n) => Where(Step(x, 0.0), Pow(x, 1.0 / n), -Pow(-x, 1.0 / n));

    private static bool TryConvertFrom<TOther>(TOther value, Func<TOther, double> convert, [MaybeNullWhen(false)] out Expr result)
        where TOther : INumberBase<TOther>
    {
        try
        {
            result = Constant(convert(value));
            return true;
        }
        catch (NotSupportedException)
        {
            result = null;
            return false;
        }
    }

    private static bool TryConvertTo<TOther>(Expr value, Func<double, TOther> convert, [MaybeNullWhen(false)] out TOther result)
        where TOther : INumberBase<TOther>
    {
        result = value is ConstantNode { Shape.IsScalar: true } c ? convert(c.Number) : throw new TracingException($"conversion to {typeof(TOther).Name}");
        return true;
    }

    private static bool Parsed(bool parsed, double value, [MaybeNullWhen(false)] out Expr result)
    {
        result = parsed ? Constant(value) : null;
        return parsed;
    }
}
