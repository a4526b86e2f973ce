using System.Globalization;

namespace FunctionalAD.Cli.Output;

/// <summary>How the tool prints numbers: the shortest text that reads back as the same double, in invariant culture.</summary>
internal static class Numbers
{
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A rounded form for prose and progress, e.g. 2.0013.</summary>
    public static string Short(double value) => value.ToString("G5", CultureInfo.InvariantCulture);
}
