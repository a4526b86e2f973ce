namespace FunctionalAD.Cli.Data;

/// <summary>
/// The standardisation of one column, x' = (x − mean) / scale, with the population standard deviation as the scale
/// (1 for a constant column). It cannot overflow: the values are first divided by the power of two just above
/// their largest magnitude, which is exact, so a column of 1e300s has a finite mean and scale, and each value is
/// standardised in that scaled form. For ordinary columns the results are those of the plain two-pass formulas, bit
/// for bit.
/// </summary>
/// <param name="ScaledMean">The mean divided by 2^<paramref name="Exponent"/>.</param>
/// <param name="ScaledScale">The scale divided by 2^<paramref name="Exponent"/>.</param>
/// <param name="Exponent">The power of two the values were divided by.</param>
internal readonly record struct ColumnScale(double ScaledMean, double ScaledScale, int Exponent)
{
    /// <summary>The column's mean.</summary>
    public double Mean => Math.ScaleB(ScaledMean, Exponent);

    /// <summary>The column's standard deviation, or 1 for a constant column.</summary>
    public double Scale => Math.ScaleB(ScaledScale, Exponent);

    /// <summary>No shift and no scaling.</summary>
    public static ColumnScale Identity => new(0, 1, 0);

    /// <summary>
    /// The standardisation of <paramref name="values"/>, which are enumerated three times (so a query over a table
    /// serves, without copying the column); no values give <see cref="Identity"/>.
    /// </summary>
    public static ColumnScale Of(IEnumerable<double> values)
    {
        var (count, first, constant, largest) = (0, 0.0, true, 0.0);
        foreach (var v in values)
        {
            if (count++ == 0) first = v;
            constant &= v == first;
            largest = Math.Max(largest, Math.Abs(v));
        }
        if (count == 0) return Identity;
        // A constant column keeps scale 1 and is shifted only: x − mean is then exactly 0.
        if (constant) return new(first, 1, 0);
        if (!double.IsFinite(largest)) return Identity;
        var exponent = Math.ILogB(largest) + 1; // every |v| / 2^exponent is below 1
        var sum = 0.0;
        foreach (var v in values) sum += Math.ScaleB(v, -exponent);
        var mean = sum / count;
        var squares = 0.0;
        foreach (var v in values)
        {
            var d = Math.ScaleB(v, -exponent) - mean;
            squares += d * d;
        }
        return new(mean, Math.Sqrt(squares / count), exponent);
    }

    /// <summary>(value − mean) / scale, computed in the scaled form so that it cannot overflow.</summary>
    public double Apply(double value) => (Math.ScaleB(value, -Exponent) - ScaledMean) / ScaledScale;
}
