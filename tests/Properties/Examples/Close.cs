namespace FunctionalAD.Properties.Examples;

/// <summary>Assertions on doubles shared by the example tests.</summary>
internal static class Close
{
    /// <summary>Asserts |actual − expected| ≤ relative·|expected| (both finite).</summary>
    public static void Relative(double expected, double actual, double relative)
    {
        Assert.True(double.IsFinite(expected) && double.IsFinite(actual), $"expected {expected:R}, got {actual:R}");
        var error = Math.Abs(actual - expected);
        Assert.True(error <= relative * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R}: relative error {error / Math.Abs(expected):E2} exceeds {relative:E0}");
    }

    /// <summary>Asserts the exact bits, so that 0 and −0 differ and NaN equals NaN.</summary>
    public static void Bits(double expected, double actual) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"expected {expected:R}, got {actual:R}");
}
