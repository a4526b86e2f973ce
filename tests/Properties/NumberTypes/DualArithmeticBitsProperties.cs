using FsCheck.Fluent;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.NumberTypes;

/// <summary>
/// <c>Dual&lt;double&gt;</c>'s arithmetic takes a short path for double (the plain tangent formula, with the
/// strong-zero rule applied only when the result is ±0 or NaN). These properties pin it, bit for bit and with
/// the sign of zero, to the rule written out here: a tangent or partial that is exactly ±0 contributes +0
/// (even against ∞ or NaN), and a result whose arguments both stand still has tangent +0.
/// </summary>
public class DualArithmeticBitsProperties
{
    private const int CaseCount = 2000;

    // The strong-zero product p·d: +0 when either factor is ±0, otherwise the product with −0 made +0.
    private static double Times(double p, double d) => p == 0 || d == 0 ? 0.0 : p * d + 0.0;

    private static double Binary(double px, double dx, double py, double dy) =>
        dx == 0 && dy == 0 ? 0.0 : Times(px, dx) + Times(py, dy);

    private static bool SameBits(double expected, double actual) =>
        (double.IsNaN(expected) && double.IsNaN(actual)) || BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual);

    private static bool Agrees(NumberCase c)
    {
        Dual<double> x = new(c.X, c.Dx), y = new(c.Y, c.Dy);
        var z = c.X / c.Y;
        return SameBits(c.Dx == 0 && c.Dy == 0 ? 0.0 : c.Dx + c.Dy, (x + y).Tangent)
            && SameBits(c.Dx == 0 && c.Dy == 0 ? 0.0 : c.Dx - c.Dy, (x - y).Tangent)
            && SameBits(Binary(c.Y, c.Dx, c.X, c.Dy), (x * y).Tangent)
            && SameBits(Binary(1 / c.Y, c.Dx, -z / c.Y, c.Dy), (x / y).Tangent)
            && SameBits(Times(Math.Cos(c.X), c.Dx), Dual.Sin(x).Tangent)
            && SameBits(Times(-1.0, c.Dx), (-x).Tangent)
            && SameBits(c.X * c.Y, (x * y).Value);
    }

    [Fact]
    public void TangentsFollowTheStrongZeroRuleBitForBit() =>
        Cases.Check(Prop.ForAll(NumberCases.Any(), c => Agrees(c)), Cases.Count(CaseCount));

    // A still operand that carries another derivative call's perturbation is no confusion: the inner sum
    // y² + 0·x meets x's perturbation (tangent exactly 0 after 0·x) and y's; d/dy = 2y = 2 at y = 1 whatever
    // x is, so d/dx [x · 2] = 2.
    [Fact]
    public void AStillOperandOfAnotherCallMixesWithoutConfusion() =>
        Assert.Equal(2.0, Forward.Derivative(x => x * Forward.Derivative(y => y * y + x * 0.0, 1.0), 3.0));

    // −0 tangents on both sides give a +0 tangent (the sum's own −0 would otherwise leak).
    [Fact]
    public void TwoNegativeZeroTangentsSumToPositiveZero()
    {
        Dual<double> x = new(1.0, -0.0), y = new(2.0, -0.0);
        Assert.False(double.IsNegative((x + y).Tangent));
        Assert.False(double.IsNegative((x * y).Tangent));
    }
}
