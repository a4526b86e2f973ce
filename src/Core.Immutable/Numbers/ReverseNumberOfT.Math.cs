namespace FunctionalAD;

// The elementary functions of ReverseNumber<T> that are not catalogue primitives, each with its derivative on the same line
// (a catalogue primitive's member is in the primitive's own file, Primitives/*.cs, and applies its one rule). Each
// derivative is written in T's own arithmetic, so for a nested T (a dual or reverse number) it is itself differentiable.
public readonly partial struct ReverseNumber<T>
{
    /// <summary><c>10^x</c>. d/dx = 10^x·ln 10.</summary>
    public static ReverseNumber<T> Exp10(ReverseNumber<T> x) { var z = T.Exp10(V(x)); return Unary(x, z, z * T.Log(T.CreateTruncating(10))); }

    /// <summary><c>2^x − 1</c>. d/dx = 2^x·ln 2.</summary>
    public static ReverseNumber<T> Exp2M1(ReverseNumber<T> x) => Unary(x, T.Exp2M1(V(x)), T.Exp2(V(x)) * T.Log(Two));

    /// <summary><c>10^x − 1</c>. d/dx = 10^x·ln 10.</summary>
    public static ReverseNumber<T> Exp10M1(ReverseNumber<T> x) => Unary(x, T.Exp10M1(V(x)), T.Exp10(V(x)) * T.Log(T.CreateTruncating(10)));

    /// <summary><c>log₁₀ x</c>. d/dx = 1/(x·ln 10); +∞ at x = 0.</summary>
    public static ReverseNumber<T> Log10(ReverseNumber<T> x) =>
        Unary(x, T.Log10(V(x)), T.IsZero(V(x)) ? T.PositiveInfinity : T.One / (V(x) * T.Log(T.CreateTruncating(10))));

    /// <summary><c>log_b x</c>. ∂/∂x = 1/(x·ln b), ∂/∂b = −log_b x / (b·ln b).</summary>
    public static ReverseNumber<T> Log(ReverseNumber<T> x, ReverseNumber<T> newBase)
    {
        var z = T.Log(V(x), V(newBase));
        var lnB = T.Log(V(newBase));
        return Binary(x, newBase, z, T.One / (V(x) * lnB), -z / (V(newBase) * lnB));
    }

    /// <summary><c>log₂(1 + x)</c>. d/dx = 1/((1 + x)·ln 2).</summary>
    public static ReverseNumber<T> Log2P1(ReverseNumber<T> x)
    {
        var s = V(x) + T.One;
        return Unary(x, T.Log2P1(V(x)), T.IsZero(s) ? T.PositiveInfinity : T.One / (s * T.Log(Two)));
    }

    /// <summary><c>log₁₀(1 + x)</c>. d/dx = 1/((1 + x)·ln 10).</summary>
    public static ReverseNumber<T> Log10P1(ReverseNumber<T> x)
    {
        var s = V(x) + T.One;
        return Unary(x, T.Log10P1(V(x)), T.IsZero(s) ? T.PositiveInfinity : T.One / (s * T.Log(T.CreateTruncating(10))));
    }

    /// <summary><c>x ^ p</c> for a constant exponent. d/dx = p·x^(p−1), 0 for p = 0, as in <see cref="Primitives.PowerOf"/>.</summary>
    public static ReverseNumber<T> Pow(ReverseNumber<T> x, T exponent) =>
        Unary(x, T.Pow(V(x), exponent), T.IsZero(exponent) ? T.Zero : exponent * T.Pow(V(x), exponent - T.One));

    /// <summary><c>x^(1/n)</c>. d/dx = x^(1/n) / (n·x); +∞ at x = 0 for n &gt; 1.</summary>
    public static ReverseNumber<T> RootN(ReverseNumber<T> x, int n)
    {
        var z = T.RootN(V(x), n);
        return Unary(x, z, T.IsZero(V(x)) && n > 1 ? T.PositiveInfinity : z / (T.CreateTruncating(n) * V(x)));
    }

    /// <summary><c>(sin x, cos x)</c>, each with its derivative.</summary>
    public static (ReverseNumber<T> Sin, ReverseNumber<T> Cos) SinCos(ReverseNumber<T> x)
    {
        var (s, c) = T.SinCos(V(x));
        return (Unary(x, s, c), Unary(x, c, -s));
    }

    /// <summary><c>sin πx</c>. d/dx = π·cos πx.</summary>
    public static ReverseNumber<T> SinPi(ReverseNumber<T> x) => Unary(x, T.SinPi(V(x)), T.Pi * T.CosPi(V(x)));

    /// <summary><c>cos πx</c>. d/dx = −π·sin πx.</summary>
    public static ReverseNumber<T> CosPi(ReverseNumber<T> x) => Unary(x, T.CosPi(V(x)), -T.Pi * T.SinPi(V(x)));

    /// <summary><c>tan πx</c>. d/dx = π(1 + tan² πx).</summary>
    public static ReverseNumber<T> TanPi(ReverseNumber<T> x) { var z = T.TanPi(V(x)); return Unary(x, z, T.Pi * (T.One + z * z)); }

    /// <summary><c>(sin πx, cos πx)</c>, each with its derivative.</summary>
    public static (ReverseNumber<T> SinPi, ReverseNumber<T> CosPi) SinCosPi(ReverseNumber<T> x)
    {
        var (s, c) = T.SinCosPi(V(x));
        return (Unary(x, s, T.Pi * c), Unary(x, c, -T.Pi * s));
    }

    /// <summary><c>arcsin(x)/π</c>. d/dx = 1/(π√(1 − x²)).</summary>
    public static ReverseNumber<T> AsinPi(ReverseNumber<T> x) => Unary(x, T.AsinPi(V(x)), T.One / (T.Pi * T.Sqrt(T.One - V(x) * V(x))));

    /// <summary><c>arccos(x)/π</c>. d/dx = −1/(π√(1 − x²)).</summary>
    public static ReverseNumber<T> AcosPi(ReverseNumber<T> x) => Unary(x, T.AcosPi(V(x)), -T.One / (T.Pi * T.Sqrt(T.One - V(x) * V(x))));

    /// <summary><c>arctan(x)/π</c>. d/dx = 1/(π(1 + x²)).</summary>
    public static ReverseNumber<T> AtanPi(ReverseNumber<T> x) => Unary(x, T.AtanPi(V(x)), T.One / (T.Pi * (T.One + V(x) * V(x))));

    /// <summary><c>atan2(y, x)/π</c>. The partials of <see cref="Atan2"/> divided by π.</summary>
    public static ReverseNumber<T> Atan2Pi(ReverseNumber<T> y, ReverseNumber<T> x)
    {
        var r = T.Pi * (V(x) * V(x) + V(y) * V(y));
        var z = T.Atan2Pi(V(y), V(x));
        return T.IsZero(r) ? Binary(y, x, z, T.Zero, T.Zero) : Binary(y, x, z, V(x) / r, -V(y) / r);
    }

    /// <summary>
    /// |x| with the sign of <paramref name="sign"/>. ∂/∂x = ±1 (+1 when the signs agree); 0 at x = 0, where it
    /// has a kink like |x|. ∂/∂sign = 0.
    /// </summary>
    public static ReverseNumber<T> CopySign(ReverseNumber<T> value, ReverseNumber<T> sign)
    {
        var x = V(value);
        var d = T.IsNaN(x) ? T.NaN : T.IsZero(x) ? T.Zero : T.IsNegative(x) == T.IsNegative(V(sign)) ? T.One : -T.One;
        return Binary(value, sign, T.CopySign(x, V(sign)), d, T.Zero);
    }

    /// <summary><c>max(x, y)</c> preferring a number to NaN; the derivative goes to the argument returned (½ and ½ at a tie).</summary>
    public static ReverseNumber<T> MaxNumber(ReverseNumber<T> x, ReverseNumber<T> y) => Select(x, y, T.MaxNumber(V(x), V(y)));

    /// <summary><c>min(x, y)</c> preferring a number to NaN; the derivative goes to the argument returned (½ and ½ at a tie).</summary>
    public static ReverseNumber<T> MinNumber(ReverseNumber<T> x, ReverseNumber<T> y) => Select(x, y, T.MinNumber(V(x), V(y)));

    /// <summary>The argument of larger magnitude; the derivative goes to the argument returned (½ and ½ when x = y).</summary>
    public static ReverseNumber<T> MaxMagnitude(ReverseNumber<T> x, ReverseNumber<T> y) => Select(x, y, T.MaxMagnitude(V(x), V(y)));

    /// <summary>The argument of smaller magnitude; the derivative goes to the argument returned (½ and ½ when x = y).</summary>
    public static ReverseNumber<T> MinMagnitude(ReverseNumber<T> x, ReverseNumber<T> y) => Select(x, y, T.MinMagnitude(V(x), V(y)));

    /// <summary><see cref="MaxMagnitude"/> preferring a number to NaN.</summary>
    public static ReverseNumber<T> MaxMagnitudeNumber(ReverseNumber<T> x, ReverseNumber<T> y) => Select(x, y, T.MaxMagnitudeNumber(V(x), V(y)));

    /// <summary><see cref="MinMagnitude"/> preferring a number to NaN.</summary>
    public static ReverseNumber<T> MinMagnitudeNumber(ReverseNumber<T> x, ReverseNumber<T> y) => Select(x, y, T.MinMagnitudeNumber(V(x), V(y)));

    // The derivative of a selection goes to the argument whose value was returned; a tie splits it ½, ½.
    private static ReverseNumber<T> Select(ReverseNumber<T> x, ReverseNumber<T> y, T z)
    {
        if (T.IsNaN(z)) return Binary(x, y, z, T.NaN, T.NaN);
        if (V(x) == V(y)) return Binary(x, y, z, Half, Half);
        return z == V(x) ? Binary(x, y, z, T.One, T.Zero) : Binary(x, y, z, T.Zero, T.One);
    }

    /// <summary>
    /// x limited to [min, max], as max(min, ·) then min(·, max), so a bound that is hit passes its derivative
    /// on and a tie splits it ½, ½. Throws <see cref="ArgumentException"/> when min &gt; max.
    /// </summary>
    public static ReverseNumber<T> Clamp(ReverseNumber<T> value, ReverseNumber<T> min, ReverseNumber<T> max)
    {
        if (V(min) > V(max))
            throw new ArgumentException($"Clamp: min ({V(min)}) is greater than max ({V(max)}).", nameof(min));
        return Min(Max(value, min), max);
    }

    /// <summary>IEEE 754 remainder x − y·n, n the nearest integer to x/y. ∂/∂x = 1, ∂/∂y = −n.</summary>
    public static ReverseNumber<T> Ieee754Remainder(ReverseNumber<T> left, ReverseNumber<T> right)
    {
        var z = T.Ieee754Remainder(V(left), V(right));
        return Binary(left, right, z, T.One, -T.Round((V(left) - z) / V(right)));
    }

    /// <summary>An estimate of 1/x. d/dx = −1/x².</summary>
    public static ReverseNumber<T> ReciprocalEstimate(ReverseNumber<T> x) => Unary(x, T.ReciprocalEstimate(V(x)), -T.One / (V(x) * V(x)));

    /// <summary>An estimate of 1/√x. d/dx = −½·x^(−3/2).</summary>
    public static ReverseNumber<T> ReciprocalSqrtEstimate(ReverseNumber<T> x) =>
        Unary(x, T.ReciprocalSqrtEstimate(V(x)), -Half / (V(x) * T.Sqrt(V(x))));

    /// <summary>Rounds up; piecewise constant, so the derivative is 0.</summary>
    public static ReverseNumber<T> Ceiling(ReverseNumber<T> x) => Flat(T.Ceiling(V(x)));

    /// <summary>Rounds toward zero; piecewise constant, so the derivative is 0.</summary>
    public static ReverseNumber<T> Truncate(ReverseNumber<T> x) => Flat(T.Truncate(V(x)));

    /// <summary>Rounds to <paramref name="digits"/> digits; piecewise constant, so the derivative is 0.</summary>
    public static ReverseNumber<T> Round(ReverseNumber<T> x, int digits) => Flat(T.Round(V(x), digits));

    /// <summary>Rounds with <paramref name="mode"/>; piecewise constant, so the derivative is 0.</summary>
    public static ReverseNumber<T> Round(ReverseNumber<T> x, MidpointRounding mode) => Flat(T.Round(V(x), mode));

    /// <summary>Rounds to <paramref name="digits"/> digits with <paramref name="mode"/>; the derivative is 0.</summary>
    public static ReverseNumber<T> Round(ReverseNumber<T> x, int digits, MidpointRounding mode) => Flat(T.Round(V(x), digits, mode));

    /// <summary><c>x·y + z</c> with one rounding. ∂/∂x = y, ∂/∂y = x, ∂/∂z = 1.</summary>
    public static ReverseNumber<T> FusedMultiplyAdd(ReverseNumber<T> left, ReverseNumber<T> right, ReverseNumber<T> addend)
    {
        var z = T.FusedMultiplyAdd(V(left), V(right), V(addend));
        var product = Binary(left, right, T.Zero, right.Value, left.Value);
        return Binary(product, addend, z, T.One, T.One);
    }

    /// <summary><c>a + (b − a)·t</c>. ∂/∂a = 1 − t, ∂/∂b = t, ∂/∂t = b − a.</summary>
    public static ReverseNumber<T> Lerp(ReverseNumber<T> value1, ReverseNumber<T> value2, ReverseNumber<T> amount)
    {
        var z = T.Lerp(V(value1), V(value2), V(amount));
        var ab = Binary(value1, value2, T.Zero, T.One - amount.Value, amount.Value);
        return Binary(ab, amount, z, T.One, value2.Value - value1.Value);
    }

    /// <summary><c>x·2ⁿ</c>. d/dx = 2ⁿ.</summary>
    public static ReverseNumber<T> ScaleB(ReverseNumber<T> x, int n) => Unary(x, T.ScaleB(V(x), n), T.ScaleB(T.One, n));

    /// <summary>The next representable value above x; d/dx = 1 (it is x up to one ulp).</summary>
    public static ReverseNumber<T> BitIncrement(ReverseNumber<T> x) => Unary(x, T.BitIncrement(V(x)), T.One);

    /// <summary>The next representable value below x; d/dx = 1 (it is x up to one ulp).</summary>
    public static ReverseNumber<T> BitDecrement(ReverseNumber<T> x) => Unary(x, T.BitDecrement(V(x)), T.One);
}
