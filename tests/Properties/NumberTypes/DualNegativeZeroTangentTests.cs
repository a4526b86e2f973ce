namespace FunctionalAD.Properties.NumberTypes;

/// <summary>
/// A <c>Dual&lt;double&gt;</c> never holds a −0 tangent: the constructor, the seeds of a JVP and the rules that can
/// round to −0 make it +0, so that a sum's tangent is the plain IEEE sum with no test (only −0 + −0 and −0 − +0 give −0).
/// </summary>
public class DualNegativeZeroTangentTests
{
    [Fact]
    public void TheConstructorKeepsANegativeZeroTangentAsPositiveZero()
    {
        Assert.False(double.IsNegative(new Dual<double>(1.0, -0.0).Tangent));
        Assert.True(double.IsNegative(new Dual<double>(1.0, -2.0).Tangent));
        Assert.True(double.IsNaN(new Dual<double>(1.0, double.NaN).Tangent));
    }

    [Fact]
    public void SeedsAndRulesThatRoundToZeroGivePositiveZero()
    {
        // −0 directions: the sum and the difference of the seeds stand still, with tangent +0.
        Assert.False(double.IsNegative(Forward.JvpOf(v => v[0] + v[1], [1.0, 2.0], [-0.0, -0.0]).Tangent));
        Assert.False(double.IsNegative(Forward.JvpOf(v => v[0] - v[1], [1.0, 2.0], [-0.0, 0.0], new Dual<double>[2]).Tangent));
        // A tiny negative tangent scaled below the smallest subnormal rounds to −0, kept as +0.
        var scaled = Dual<double>.ScaleB(new Dual<double>(1.0, -double.Epsilon), -4);
        Assert.Equal(0.0, scaled.Tangent);
        Assert.False(double.IsNegative(scaled.Tangent));
        Assert.False(double.IsNegative((scaled + scaled).Tangent));
    }
}
