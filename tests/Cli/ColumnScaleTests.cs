using FunctionalAD.Cli.Data;

namespace FunctionalAD.Cli.Tests;

/// <summary>The standardisation of a column: finite for any finite values, and the plain two-pass formulas where those do not overflow.</summary>
public class ColumnScaleTests
{
    [Theory]
    [InlineData(new[] { 1e300, -1e300, 5e299, 1.7e308 })]
    [InlineData(new[] { double.MaxValue, -double.MaxValue })]
    [InlineData(new[] { 1e-320, 3e-320, 0 })]
    public void Huge_and_tiny_columns_have_a_finite_mean_and_scale(double[] column)
    {
        var scale = ColumnScale.Of(column);
        Assert.True(double.IsFinite(scale.Mean) && double.IsFinite(scale.Scale) && scale.Scale > 0, scale.ToString());
        var standardised = column.Select(scale.Apply).ToArray();
        Assert.All(standardised, z => Assert.True(double.IsFinite(z)));
        // Standardised values have mean 0 and standard deviation 1.
        Assert.Equal(0, standardised.Average(), 12);
        Assert.Equal(1, Math.Sqrt(standardised.Average(z => z * z)), 12);
    }

    [Fact]
    public void Ordinary_columns_get_the_plain_formulas_bit_for_bit()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 200; trial++)
        {
            var column = Enumerable.Range(0, 1 + random.Next(50)).Select(_ => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-5, 6))).ToArray();
            // Left to right, as written in a textbook (Enumerable.Sum may add in another order).
            var sum = 0.0;
            foreach (var v in column) sum += v;
            var mean = sum / column.Length;
            var squares = 0.0;
            foreach (var v in column) squares += (v - mean) * (v - mean);
            var sd = Math.Sqrt(squares / column.Length);
            var scale = ColumnScale.Of(column);
            Assert.Equal(mean, scale.Mean);
            Assert.Equal(sd > 0 ? sd : 1, scale.Scale);
            Assert.All(column, v => Assert.Equal(sd > 0 ? (v - mean) / sd : v - mean, scale.Apply(v)));
        }
    }

    [Fact]
    public void A_constant_column_stays_usable()
    {
        var scale = ColumnScale.Of([1e300, 1e300, 1e300]);
        Assert.Equal(1e300, scale.Mean);
        Assert.Equal(1, scale.Scale);
        Assert.Equal(0, scale.Apply(1e300));
        Assert.Equal((0, 1), (ColumnScale.Of([0, 0]).Mean, ColumnScale.Of([0, 0]).Scale));
    }
}
