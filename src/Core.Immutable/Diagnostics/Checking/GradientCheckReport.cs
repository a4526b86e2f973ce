using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace FunctionalAD;

/// <summary>One derivative that disagrees with its reference.</summary>
/// <param name="Comparison">What was compared, e.g. <c>reverse mode vs finite differences</c>.</param>
/// <param name="Input">The input the derivative is taken with respect to, e.g. <c>w[2]</c>.</param>
/// <param name="Output">The output element, e.g. <c>out[0]</c>, or for second order the other input.</param>
/// <param name="Expected">The reference (finite differences, or the other side of an identity).</param>
/// <param name="Actual">What the mode under test gave.</param>
public readonly record struct GradientMismatch(string Comparison, string Input, string Output, double Expected, double Actual)
{
    /// <summary>|Actual − Expected|.</summary>
    public double Difference => Math.Abs(Actual - Expected);

    /// <summary>One line: the comparison, the derivative, both numbers and the difference.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Comparison}: ∂{Output}/∂{Input} is {Actual:R}, expected {Expected:R} (off by {Difference:G3})");
}

/// <summary>
/// What <see cref="GradientCheck"/> found: each derivative that disagrees, naming the input element, the output element,
/// both numbers and the difference, out of how many were compared. <see cref="ThrowIfFailed"/> throws with it.
/// </summary>
/// <param name="Subject">What was checked.</param>
/// <param name="Comparisons">How many derivatives (and identities) were compared.</param>
/// <param name="Mismatches">The ones that disagree; empty when the check passed.</param>
/// <param name="Options">The step and tolerances used.</param>
public sealed record GradientCheckReport(string Subject, int Comparisons, ImmutableArray<GradientMismatch> Mismatches, GradientCheckOptions Options)
{
    /// <summary>Whether every comparison agreed.</summary>
    public bool Passed => Mismatches.IsEmpty;

    /// <summary>Throws a <see cref="GradientCheckException"/> carrying this report unless the check passed.</summary>
    /// <returns>This report, when it passed.</returns>
    public GradientCheckReport ThrowIfFailed() => Passed ? this : throw new GradientCheckException(this);

    /// <summary>A summary line, then one line per mismatch (the first 50).</summary>
    public override string ToString()
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"Gradient check of {Subject}: {(Passed ? "passed" : $"{Mismatches.Length} of {Comparisons} comparisons disagree")} (step {Options.Step:G3}, atol {Options.AbsoluteTolerance:G3}, rtol {Options.RelativeTolerance:G3})."));
        foreach (var mismatch in Mismatches.Take(50)) text.Append("\n  ").Append(mismatch);
        if (Mismatches.Length > 50) text.Append(CultureInfo.InvariantCulture, $"\n  … and {Mismatches.Length - 50} more.");
        return text.ToString();
    }
}

/// <summary>A gradient check failed; <see cref="Report"/> names every derivative that disagrees.</summary>
public sealed class GradientCheckException : Exception
{
    /// <summary>Creates the exception for <paramref name="report"/>.</summary>
    public GradientCheckException(GradientCheckReport report) : base(report?.ToString()) =>
        Report = report ?? throw new ArgumentNullException(nameof(report));

    /// <summary>The failed check's report.</summary>
    public GradientCheckReport Report { get; }
}
