namespace FunctionalAD.Testing;

/// <summary>How many random points <see cref="RuleCheck"/> tries, and how each is compared.</summary>
public sealed record RuleCheckOptions
{
    /// <summary>200 points, compared with <see cref="GradientCheckOptions.Default"/> (first and second order).</summary>
    public static RuleCheckOptions Default { get; } = new();

    /// <summary>The number of random points.</summary>
    public int Cases { get; init; } = 200;

    /// <summary>The tolerances and orders of each point's <see cref="GradientCheck"/>.</summary>
    public GradientCheckOptions Gradient { get; init; } = GradientCheckOptions.Default;
}
