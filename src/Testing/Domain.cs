namespace FunctionalAD.Testing;

/// <summary>
/// The interval a rule is checked on, for one argument (or every element of a tensor argument). Keep it away from
/// kinks and domain edges, where a derivative is a convention and finite differences straddle two branches.
/// </summary>
/// <param name="Min">The least value drawn.</param>
/// <param name="Max">The greatest value drawn.</param>
public sealed record Domain(double Min, double Max)
{
    /// <summary>[min, max].</summary>
    /// <exception cref="ArgumentException">The bounds are not finite, or min &gt; max.</exception>
    public static Domain Between(double min, double max) =>
        double.IsFinite(min) && double.IsFinite(max) && min <= max
            ? new(min, max)
            : throw new ArgumentException($"A domain is two finite bounds with min ≤ max, not [{min}, {max}].");

    /// <summary>The point failures shrink towards: 0 when the interval holds it, else the bound nearer 0.</summary>
    internal double Simplest => Min <= 0 && 0 <= Max ? 0 : Math.Abs(Min) < Math.Abs(Max) ? Min : Max;

    /// <summary>[min, max], e.g. <c>[-3, 3]</c>.</summary>
    public override string ToString() => FormattableString.Invariant($"[{Min}, {Max}]");
}
