namespace FunctionalAD;

// Arithmetic with a plain scalar on either side. C# reaches these through the implicit conversion from T as well;
// F# does not apply conversions to operators, so without them `r * 2.0` would not compile in F#.
public readonly partial struct ReverseNumber<T>
{
    /// <summary>The sum of a reverse number and a constant.</summary>
    public static ReverseNumber<T> operator +(ReverseNumber<T> x, T y) => x + (ReverseNumber<T>)y;

    /// <summary>The sum of a constant and a reverse number.</summary>
    public static ReverseNumber<T> operator +(T x, ReverseNumber<T> y) => (ReverseNumber<T>)x + y;

    /// <summary>The difference of a reverse number and a constant.</summary>
    public static ReverseNumber<T> operator -(ReverseNumber<T> x, T y) => x - (ReverseNumber<T>)y;

    /// <summary>The difference of a constant and a reverse number.</summary>
    public static ReverseNumber<T> operator -(T x, ReverseNumber<T> y) => (ReverseNumber<T>)x - y;

    /// <summary>The product of a reverse number and a constant.</summary>
    public static ReverseNumber<T> operator *(ReverseNumber<T> x, T y) => x * (ReverseNumber<T>)y;

    /// <summary>The product of a constant and a reverse number.</summary>
    public static ReverseNumber<T> operator *(T x, ReverseNumber<T> y) => (ReverseNumber<T>)x * y;

    /// <summary>The quotient of a reverse number and a constant.</summary>
    public static ReverseNumber<T> operator /(ReverseNumber<T> x, T y) => x / (ReverseNumber<T>)y;

    /// <summary>The quotient of a constant and a reverse number.</summary>
    public static ReverseNumber<T> operator /(T x, ReverseNumber<T> y) => (ReverseNumber<T>)x / y;
}
