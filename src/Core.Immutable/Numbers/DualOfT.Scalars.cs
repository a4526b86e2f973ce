namespace FunctionalAD;

// Arithmetic with a plain scalar on either side. C# reaches these through the implicit conversion from T as well;
// F# does not apply conversions to operators, so without them `d * 2.0` would not compile in F#.
public readonly partial struct Dual<T>
{
    /// <summary>The sum of a dual number and a constant.</summary>
    public static Dual<T> operator +(Dual<T> x, T y) => x + (Dual<T>)y;

    /// <summary>The sum of a constant and a dual number.</summary>
    public static Dual<T> operator +(T x, Dual<T> y) => (Dual<T>)x + y;

    /// <summary>The difference of a dual number and a constant.</summary>
    public static Dual<T> operator -(Dual<T> x, T y) => x - (Dual<T>)y;

    /// <summary>The difference of a constant and a dual number.</summary>
    public static Dual<T> operator -(T x, Dual<T> y) => (Dual<T>)x - y;

    /// <summary>The product of a dual number and a constant.</summary>
    public static Dual<T> operator *(Dual<T> x, T y) => x * (Dual<T>)y;

    /// <summary>The product of a constant and a dual number.</summary>
    public static Dual<T> operator *(T x, Dual<T> y) => (Dual<T>)x * y;

    /// <summary>The quotient of a dual number and a constant.</summary>
    public static Dual<T> operator /(Dual<T> x, T y) => x / (Dual<T>)y;

    /// <summary>The quotient of a constant and a dual number.</summary>
    public static Dual<T> operator /(T x, Dual<T> y) => (Dual<T>)x / y;
}
