namespace FunctionalAD;

/// <summary>
/// How <see cref="GradientCheck"/> compares derivatives: the central-difference step and the tolerances, by default
/// PyTorch's <c>gradcheck</c> defaults in double precision. A derivative d passes against the reference r when
/// |d − r| ≤ <see cref="AbsoluteTolerance"/> + <see cref="RelativeTolerance"/>·|r|.
/// </summary>
public sealed record GradientCheckOptions
{
    /// <summary>PyTorch's defaults: step 1e-6, absolute tolerance 1e-5, relative tolerance 1e-3, first and second order.</summary>
    public static GradientCheckOptions Default { get; } = new();

    /// <summary>The step h of the central differences (f(x + h) − f(x − h)) / 2h.</summary>
    public double Step { get; init; } = 1e-6;

    /// <summary>The absolute tolerance.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-5;

    /// <summary>The relative tolerance, a fraction of the reference's magnitude.</summary>
    public double RelativeTolerance { get; init; } = 1e-3;

    /// <summary>Whether second derivatives are checked too (where the subject has a scalar output and second-order modes).</summary>
    public bool SecondOrder { get; init; } = true;

    /// <summary>The seed of the random vectors u and v of the transpose identity ⟨u, Jv⟩ = ⟨Jᵀu, v⟩.</summary>
    public int Seed { get; init; } = 1;

    internal bool Agrees(double actual, double reference) =>
        Math.Abs(actual - reference) <= AbsoluteTolerance + RelativeTolerance * Math.Abs(reference)
        || (double.IsNaN(actual) && double.IsNaN(reference))
        || actual == reference;

    internal void Validate()
    {
        if (!(Step > 0) || double.IsInfinity(Step)) throw new ArgumentException($"The step must be a positive number, not {Step}.");
        if (!(AbsoluteTolerance >= 0) || !(RelativeTolerance >= 0))
            throw new ArgumentException($"The tolerances must be non-negative numbers, not {AbsoluteTolerance} and {RelativeTolerance}.");
    }
}
