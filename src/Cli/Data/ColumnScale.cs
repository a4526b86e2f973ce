namespace FunctionalAD.Cli.Data;

/// <summary>
/// The standardisation of one column, x' = (x − mean) / scale, with the population standard deviation as the scale
/// (1 for a constant column). It cannot overflow: the values are first divided by the power of two just above
/// their largest magnitude, which is exact, so a column of 1e300s has a finite mean and scale, and each value is
/// standardised in that scaled form. For ordinary columns the results are those of the plain two-pass formulas, bit
/// for bit.
/// </summary>
internal readonly record struct ColumnScale(double Mean, double Scale, int Exponent)
{
    public static ColumnScale Of(IReadOnlyList<double> values)
    {
        var largest = 0.0;
        foreach (var v in values) largest = Math.Max(largest, Math.Abs(v));
        if (values.Count == 0 || largest == 0 || !double.IsFinite(largest)) return new(0, 1, 0);
        var exponent = Math.ILogB(largest) + 1; // every |v| / 2^exponent is below 1
        var sum = 0.0;
        foreach (var v in values) sum += Math.ScaleB(v, -exponent);
        var mean = sum / values.Count;
        var squares = 0.0;
        foreach (var v in values)
        {
            var d = Math.ScaleB(v, -exponent) - mean;
            squares += d * d;
        }
        var sd = Math.Sqrt(squares / values.Count);
        // A constant column keeps scale 1 and is shifted only: x − mean is then exactly 0.
        return sd > 0 ? new(Math.ScaleB(mean, exponent), Math.ScaleB(sd, exponent), exponent) : new(Math.ScaleB(mean, exponent), 1, 0);
    }

    /// <summary>(value − mean) / scale, computed in the scaled form so that it cannot overflow.</summary>
    public double Apply(double value) =>
        (Math.ScaleB(value, -Exponent) - Math.ScaleB(Mean, -Exponent)) / Math.ScaleB(Scale, -Exponent);
}
