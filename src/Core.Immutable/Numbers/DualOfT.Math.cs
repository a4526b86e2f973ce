namespace FunctionalAD;

// The elementary functions of Dual<T> that are not catalogue primitives, each with its derivative on the same line
// (a catalogue primitive's member is in the primitive's own file, Primitives/*.cs, and applies its one rule). Each
// derivative is written in T's own arithmetic, so for a nested T (a dual or reverse number) it is itself differentiable.
public readonly partial struct Dual<T>
{
    /// <summary><c>10^x</c>. d/dx = 10^x·ln 10.</summary>
    public static Dual<T> Exp10(Dual<T> x) { var z = T.Exp10(x.Value); return x.Chain(z, z * T.Log(T.CreateTruncating(10))); }

    /// <summary><c>2^x − 1</c>. d/dx = 2^x·ln 2.</summary>
    public static Dual<T> Exp2M1(Dual<T> x) => x.Chain(T.Exp2M1(x.Value), T.Exp2(x.Value) * T.Log(Two));

    /// <summary><c>10^x − 1</c>. d/dx = 10^x·ln 10.</summary>
    public static Dual<T> Exp10M1(Dual<T> x) => x.Chain(T.Exp10M1(x.Value), T.Exp10(x.Value) * T.Log(T.CreateTruncating(10)));

    /// <summary><c>log₁₀ x</c>. d/dx = 1/(x·ln 10); +∞ at x = 0.</summary>
    public static Dual<T> Log10(Dual<T> x) =>
        x.Chain(T.Log10(x.Value), T.IsZero(x.Value) ? T.PositiveInfinity : T.One / (x.Value * T.Log(T.CreateTruncating(10))));

    /// <summary><c>log_b x</c>. ∂/∂x = 1/(x·ln b), ∂/∂b = −log_b x / (b·ln b).</summary>
    public static Dual<T> Log(Dual<T> x, Dual<T> newBase)
    {
        var z = T.Log(x.Value, newBase.Value);
        var lnB = T.Log(newBase.Value);
        return Chain(x, newBase, z, T.One / (x.Value * lnB), -z / (newBase.Value * lnB));
    }

    /// <summary><c>log₂(1 + x)</c>. d/dx = 1/((1 + x)·ln 2).</summary>
    public static Dual<T> Log2P1(Dual<T> x)
    {
        var s = x.Value + T.One;
        return x.Chain(T.Log2P1(x.Value), T.IsZero(s) ? T.PositiveInfinity : T.One / (s * T.Log(Two)));
    }

    /// <summary><c>log₁₀(1 + x)</c>. d/dx = 1/((1 + x)·ln 10).</summary>
    public static Dual<T> Log10P1(Dual<T> x)
    {
        var s = x.Value + T.One;
        return x.Chain(T.Log10P1(x.Value), T.IsZero(s) ? T.PositiveInfinity : T.One / (s * T.Log(T.CreateTruncating(10))));
    }

    /// <summary><c>x ^ p</c> for a constant exponent. d/dx = p·x^(p−1), 0 for p = 0, as in <see cref="Primitives.PowerOf"/>.</summary>
    public static Dual<T> Pow(Dual<T> x, T exponent) =>
        x.Chain(T.Pow(x.Value, exponent), T.IsZero(exponent) ? T.Zero : exponent * T.Pow(x.Value, exponent - T.One));

    /// <summary><c>x^(1/n)</c>. d/dx = x^(1/n) / (n·x); +∞ at x = 0 for n &gt; 1.</summary>
    public static Dual<T> RootN(Dual<T> x, int n)
    {
        var z = T.RootN(x.Value, n);
        return x.Chain(z, T.IsZero(x.Value) && n > 1 ? T.PositiveInfinity : z / (T.CreateTruncating(n) * x.Value));
    }

    /// <summary><c>(sin x, cos x)</c>, each with its derivative.</summary>
    public static (Dual<T> Sin, Dual<T> Cos) SinCos(Dual<T> x)
    {
        var (s, c) = T.SinCos(x.Value);
        return (x.Chain(s, c), x.Chain(c, -s));
    }

    /// <summary><c>sin πx</c>. d/dx = π·cos πx.</summary>
    public static Dual<T> SinPi(Dual<T> x) => x.Chain(T.SinPi(x.Value), T.Pi * T.CosPi(x.Value));

    /// <summary><c>cos πx</c>. d/dx = −π·sin πx.</summary>
    public static Dual<T> CosPi(Dual<T> x) => x.Chain(T.CosPi(x.Value), -T.Pi * T.SinPi(x.Value));

    /// <summary><c>tan πx</c>. d/dx = π(1 + tan² πx).</summary>
    public static Dual<T> TanPi(Dual<T> x) { var z = T.TanPi(x.Value); return x.Chain(z, T.Pi * (T.One + z * z)); }

    /// <summary><c>(sin πx, cos πx)</c>, each with its derivative.</summary>
    public static (Dual<T> SinPi, Dual<T> CosPi) SinCosPi(Dual<T> x)
    {
        var (s, c) = T.SinCosPi(x.Value);
        return (x.Chain(s, T.Pi * c), x.Chain(c, -T.Pi * s));
    }

    /// <summary><c>arcsin(x)/π</c>. d/dx = 1/(π√(1 − x²)).</summary>
    public static Dual<T> AsinPi(Dual<T> x) => x.Chain(T.AsinPi(x.Value), T.One / (T.Pi * T.Sqrt(T.One - x.Value * x.Value)));

    /// <summary><c>arccos(x)/π</c>. d/dx = −1/(π√(1 − x²)).</summary>
    public static Dual<T> AcosPi(Dual<T> x) => x.Chain(T.AcosPi(x.Value), -T.One / (T.Pi * T.Sqrt(T.One - x.Value * x.Value)));

    /// <summary><c>arctan(x)/π</c>. d/dx = 1/(π(1 + x²)).</summary>
    public static Dual<T> AtanPi(Dual<T> x) => x.Chain(T.AtanPi(x.Value), T.One / (T.Pi * (T.One + x.Value * x.Value)));

    /// <summary><c>atan2(y, x)/π</c>. The partials of <see cref="Atan2"/> divided by π.</summary>
    public static Dual<T> Atan2Pi(Dual<T> y, Dual<T> x)
    {
        var r = T.Pi * (x.Value * x.Value + y.Value * y.Value);
        var z = T.Atan2Pi(y.Value, x.Value);
        return T.IsZero(r) ? Chain(y, x, z, T.Zero, T.Zero) : Chain(y, x, z, x.Value / r, -y.Value / r);
    }

    /// <summary>
    /// |x| with the sign of <paramref name="sign"/>. ∂/∂x = ±1 (+1 when the signs agree); 0 at x = 0, where it
    /// has a kink like |x|. ∂/∂sign = 0.
    /// </summary>
    public static Dual<T> CopySign(Dual<T> value, Dual<T> sign)
    {
        var x = value.Value;
        var d = T.IsNaN(x) ? T.NaN : T.IsZero(x) ? T.Zero : T.IsNegative(x) == T.IsNegative(sign.Value) ? T.One : -T.One;
        return Chain(value, sign, T.CopySign(x, sign.Value), d, T.Zero);
    }

    /// <summary><c>max(x, y)</c> preferring a number to NaN; the derivative goes to the argument returned (½ and ½ at a tie).</summary>
    public static Dual<T> MaxNumber(Dual<T> x, Dual<T> y) => Select(x, y, T.MaxNumber(x.Value, y.Value));

    /// <summary><c>min(x, y)</c> preferring a number to NaN; the derivative goes to the argument returned (½ and ½ at a tie).</summary>
    public static Dual<T> MinNumber(Dual<T> x, Dual<T> y) => Select(x, y, T.MinNumber(x.Value, y.Value));

    /// <summary>The argument of larger magnitude; the derivative goes to the argument returned (½ and ½ when x = y).</summary>
    public static Dual<T> MaxMagnitude(Dual<T> x, Dual<T> y) => Select(x, y, T.MaxMagnitude(x.Value, y.Value));

    /// <summary>The argument of smaller magnitude; the derivative goes to the argument returned (½ and ½ when x = y).</summary>
    public static Dual<T> MinMagnitude(Dual<T> x, Dual<T> y) => Select(x, y, T.MinMagnitude(x.Value, y.Value));

    /// <summary><see cref="MaxMagnitude"/> preferring a number to NaN.</summary>
    public static Dual<T> MaxMagnitudeNumber(Dual<T> x, Dual<T> y) => Select(x, y, T.MaxMagnitudeNumber(x.Value, y.Value));

    /// <summary><see cref="MinMagnitude"/> preferring a number to NaN.</summary>
    public static Dual<T> MinMagnitudeNumber(Dual<T> x, Dual<T> y) => Select(x, y, T.MinMagnitudeNumber(x.Value, y.Value));

    // The derivative of a selection goes to the argument whose value was returned; a tie splits it ½, ½.
    private static Dual<T> Select(Dual<T> x, Dual<T> y, T z)
    {
        if (T.IsNaN(z)) return Chain(x, y, z, T.NaN, T.NaN);
        if (x.Value == y.Value) return Chain(x, y, z, Half, Half);
        return z == x.Value ? Chain(x, y, z, T.One, T.Zero) : Chain(x, y, z, T.Zero, T.One);
    }

    /// <summary>
    /// x limited to [min, max], as max(min, ·) then min(·, max), so a bound that is hit passes its derivative
    /// on and a tie splits it ½, ½. Throws <see cref="ArgumentException"/> when min &gt; max.
    /// </summary>
    public static Dual<T> Clamp(Dual<T> value, Dual<T> min, Dual<T> max)
    {
        if (min.Value > max.Value)
            throw new ArgumentException($"Clamp: min ({min.Value}) is greater than max ({max.Value}).", nameof(min));
        return Min(Max(value, min), max);
    }

    /// <summary><c>x·y + z</c> with one rounding. ∂/∂x = y, ∂/∂y = x, ∂/∂z = 1.</summary>
    public static Dual<T> FusedMultiplyAdd(Dual<T> left, Dual<T> right, Dual<T> addend)
    {
        var z = T.FusedMultiplyAdd(left.Value, right.Value, addend.Value);
        var product = Chain(left, right, z, right.Value, left.Value);
        return Chain(product, addend, z, T.One, T.One);
    }

    /// <summary><c>a + (b − a)·t</c>. ∂/∂a = 1 − t, ∂/∂b = t, ∂/∂t = b − a.</summary>
    public static Dual<T> Lerp(Dual<T> value1, Dual<T> value2, Dual<T> amount)
    {
        var z = T.Lerp(value1.Value, value2.Value, amount.Value);
        var ab = Chain(value1, value2, z, T.One - amount.Value, amount.Value);
        return Chain(ab, amount, z, T.One, value2.Value - value1.Value);
    }

    /// <summary><c>x·2ⁿ</c>. d/dx = 2ⁿ: the tangent is scaled the same way.</summary>
    public static Dual<T> ScaleB(Dual<T> x, int n) => new(T.ScaleB(x.Value, n), Canonical(T.ScaleB(x.Tangent, n)), x.tag);

    /// <summary>IEEE 754 remainder x − y·n, n the nearest integer to x/y. ∂/∂x = 1, ∂/∂y = −n.</summary>
    public static Dual<T> Ieee754Remainder(Dual<T> left, Dual<T> right)
    {
        var z = T.Ieee754Remainder(left.Value, right.Value);
        return Chain(left, right, z, T.One, -T.Round((left.Value - z) / right.Value));
    }

    /// <summary>An estimate of 1/x. d/dx = −1/x².</summary>
    public static Dual<T> ReciprocalEstimate(Dual<T> x) => x.Chain(T.ReciprocalEstimate(x.Value), -T.One / (x.Value * x.Value));

    /// <summary>An estimate of 1/√x. d/dx = −½·x^(−3/2).</summary>
    public static Dual<T> ReciprocalSqrtEstimate(Dual<T> x) =>
        x.Chain(T.ReciprocalSqrtEstimate(x.Value), -Half / (x.Value * T.Sqrt(x.Value)));

    /// <summary>The next representable value above x; the tangent passes through (it is x up to one ulp).</summary>
    public static Dual<T> BitIncrement(Dual<T> x) => new(T.BitIncrement(x.Value), x.Tangent, x.tag);

    /// <summary>The next representable value below x; the tangent passes through (it is x up to one ulp).</summary>
    public static Dual<T> BitDecrement(Dual<T> x) => new(T.BitDecrement(x.Value), x.Tangent, x.tag);

    /// <summary>Rounds up; piecewise constant, so the derivative is 0.</summary>
    public static Dual<T> Ceiling(Dual<T> x) => Flat(T.Ceiling(x.Value));

    /// <summary>Rounds toward zero; piecewise constant, so the derivative is 0.</summary>
    public static Dual<T> Truncate(Dual<T> x) => Flat(T.Truncate(x.Value));

    /// <summary>Rounds to <paramref name="digits"/> digits; piecewise constant, so the derivative is 0.</summary>
    public static Dual<T> Round(Dual<T> x, int digits) => Flat(T.Round(x.Value, digits));

    /// <summary>Rounds with <paramref name="mode"/>; piecewise constant, so the derivative is 0.</summary>
    public static Dual<T> Round(Dual<T> x, MidpointRounding mode) => Flat(T.Round(x.Value, mode));

    /// <summary>Rounds to <paramref name="digits"/> digits with <paramref name="mode"/>; the derivative is 0.</summary>
    public static Dual<T> Round(Dual<T> x, int digits, MidpointRounding mode) => Flat(T.Round(x.Value, digits, mode));
}
