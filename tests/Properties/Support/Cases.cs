using System.Globalization;
using FsCheck;

namespace FunctionalAD.Properties.Support;

/// <summary>
/// How many cases each property runs, and the FsCheck configuration that runs them.
/// </summary>
/// <remarks>
/// The environment variable <c>FUNCTIONALAD_CASES</c> scales the suite for long runs:
/// <list type="bullet">
/// <item><c>FUNCTIONALAD_CASES=20000</c> runs every property with 20,000 cases (an override);</item>
/// <item><c>FUNCTIONALAD_CASES=x20</c> multiplies each property's default count by 20.</item>
/// </list>
/// Unset, each property runs its default (at least 1,000 cases). The mutation tests do not scale: they stop at
/// the first counterexample and run at most <see cref="MutantBudget"/> cases.
/// </remarks>
public static class Cases
{
    /// <summary>The default number of cases of a property.</summary>
    public const int Default = 1000;

    /// <summary>The most cases a mutation test runs looking for the counterexample that must exist.</summary>
    public const int MutantBudget = 2000;

    /// <summary>The number of cases for a property whose default is <paramref name="baseline"/>, after <c>FUNCTIONALAD_CASES</c>.</summary>
    public static int Count(int baseline = Default)
    {
        var setting = Environment.GetEnvironmentVariable("FUNCTIONALAD_CASES")?.Trim();
        if (string.IsNullOrEmpty(setting)) return baseline;
        if (setting.StartsWith('x') && double.TryParse(setting[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0)
            return (int)Math.Ceiling(baseline * factor);
        if (int.TryParse(setting, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count > 0)
            return count;
        throw new InvalidOperationException($"FUNCTIONALAD_CASES must be a count such as 20000 or a factor such as x20, not '{setting}'.");
    }

    /// <summary>Runs <paramref name="property"/> for <paramref name="count"/> cases; throws with the shrunk counterexample on failure.</summary>
    public static void Check(Property property, int count) =>
        property.Check(Config.QuickThrowOnFailure.WithMaxTest(count).WithQuietOnSuccess(true));

    /// <summary>Runs <paramref name="property"/> for <see cref="Count"/> cases.</summary>
    public static void Check(Property property) => Check(property, Count());
}
