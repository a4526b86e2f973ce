using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD.Testing;

/// <summary>
/// What <see cref="RuleCheck"/> found: whether every point passed, and otherwise the failing point after shrinking
/// (the simplest one FsCheck found that still fails) with the gradient check's report there.
/// </summary>
/// <param name="Subject">The primitive or custom derivative checked.</param>
/// <param name="Cases">How many points were tried before the first failure (or in all).</param>
/// <param name="Counterexample">The arguments at the shrunk failing point, element by element; empty when it passed.</param>
/// <param name="Failure">The gradient check at that point; null when it passed.</param>
public sealed record RuleCheckReport(string Subject, int Cases, ImmutableArray<double> Counterexample, GradientCheckReport? Failure)
{
    /// <summary>Whether every point passed.</summary>
    public bool Passed => Failure is null;

    /// <summary>Throws a <see cref="RuleCheckException"/> with this report unless the check passed.</summary>
    public RuleCheckReport ThrowIfFailed() => Passed ? this : throw new RuleCheckException(this);

    /// <summary>A line saying what was found, then the gradient check's report at the failing point.</summary>
    public override string ToString() => Passed
        ? $"Rule check of {Subject}: passed at {Cases} random points."
        : string.Create(CultureInfo.InvariantCulture,
            $"Rule check of {Subject}: fails at ({string.Join(", ", Counterexample.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}) (shrunk; found after {Cases} point(s)).\n{Failure}");
}

/// <summary>A rule check failed; <see cref="Report"/> says where and how.</summary>
public sealed class RuleCheckException : Exception
{
    /// <summary>Creates the exception for <paramref name="report"/>.</summary>
    public RuleCheckException(RuleCheckReport report) : base(report?.ToString()) => Report = report ?? throw new ArgumentNullException(nameof(report));

    /// <summary>The failed check's report.</summary>
    public RuleCheckReport Report { get; }
}
