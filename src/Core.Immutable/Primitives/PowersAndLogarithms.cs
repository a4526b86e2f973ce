using System.Collections.Immutable;

namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary>
    /// <c>x ^ y</c> with both arguments differentiable. ∂/∂x = y·x^(y−1), ∂/∂y = x^y·ln x.
    /// Both partials are strong-zero products (<see cref="StrongMultiply"/>): where x^y is zero (x = 0, y &gt; 0),
    /// ∂/∂y is taken as its limit 0 rather than 0·(−∞) = NaN, and ∂/∂x is 0 for y = 0 (also at x = 0) and
    /// wherever x^(y−1) is 0 (x^±∞ with |x| ≶ 1, where x^y is 0 nearby), not ±∞·0;
    /// for x &lt; 0, ln x is NaN, as is the value for a non-integer y.
    /// </summary>
    public static readonly Primitive Pow = Rules.Binary(
        "pow", Math.Pow,
        (x, y, z) => (Rules.Times(y, Math.Pow(x, y - 1)), Rules.Times(z, Math.Log(x))),
        (x, y, z) => (Expr.StrongMultiply(y, Expr.Pow(x, y - 1.0)), Expr.StrongMultiply(z, Expr.Log(x))));

    /// <summary>
    /// <c>x ^ p</c> for a constant real exponent <paramref name="exponent"/>. d/dx = p·x^(p−1);
    /// for p = 0 the derivative is 0 everywhere, including at x = 0 (where 0^0 = 1).
    /// </summary>
    /// <param name="exponent">The constant exponent p.</param>
    public static Primitive PowerOf(double exponent) => Rules.Unary(
        "powc", x => Math.Pow(x, exponent),
        (x, _) => exponent == 0 ? 0 : exponent * Math.Pow(x, exponent - 1),
        (x, _) => exponent == 0 ? 0.0 : exponent * Expr.Pow(x, exponent - 1),
        Notation.Infix, "^", 4, ImmutableArray.Create(exponent));

    /// <summary><c>e^x</c>. d/dx = e^x. Overflows to +∞ for x &gt; 709.78.</summary>
    public static readonly Primitive Exp = Rules.Unary("exp", Math.Exp, (_, z) => z, (_, z) => z);

    /// <summary><c>ln x</c>. d/dx = 1/x. log 0 = −∞ with derivative +∞ (also at −0); log of a negative number is NaN.</summary>
    public static readonly Primitive Log = Rules.Unary("log", Math.Log, (x, _) => x == 0 ? double.PositiveInfinity : 1 / x,
        (x, _) => 1.0 / (x - -0.0)); // x − (−0) is x + 0: it turns −0 into +0, so the graph too gives +∞ at ±0

    /// <summary><c>√x</c>. d/dx = 1/(2√x); at x = 0 the derivative is +∞ (the one-sided limit), also at −0, where √−0 = −0.</summary>
    public static readonly Primitive Sqrt = Rules.Unary("sqrt", Math.Sqrt, (x, z) => x == 0 ? double.PositiveInfinity : 0.5 / z,
        (_, z) => 0.5 / Expr.Abs(z)); // |√x| is √x except at −0 (√−0 = −0), where the rule says +∞
}
