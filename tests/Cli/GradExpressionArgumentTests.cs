using System.Globalization;

namespace FunctionalAD.Cli.Tests;

/// <summary>
/// <c>fad grad</c> takes its expression exactly as typed, even when it starts with a minus sign that a command-line
/// parser would read as an option, before or after the options, with or without <c>--</c>.
/// </summary>
public class GradExpressionArgumentTests
{
    private static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static TheoryData<string[], double, string, double> LeadingMinus() => new()
    {
        // the command line after "grad", the value, a partial and its value
        { ["-x^2 + y", "--at", "x=1,y=2"], 1, "df/dx", -2 },
        { ["-x^2 + y", "--at", "x=1,y=2"], 1, "df/dy", 1 },
        { ["-(x+y)", "--at", "x=1,y=2"], -3, "df/dy", -1 },
        { ["-x", "--at", "x=1"], -1, "df/dx", -1 },
        { ["-h", "--at", "h=1"], -1, "df/dh", -1 },
        { ["-a", "--at", "a=2"], -2, "df/da", -1 },
        { ["-2 * t", "--at", "t=5"], -10, "df/dt", -2 },
        { ["--", "-x", "--at", "x=1"], -1, "df/dx", -1 },
        { ["--", "-h", "--at", "h=3"], -3, "df/dh", -1 },
        { ["--", "-(x+y)", "--at", "x=1,y=2"], -3, "df/dx", -1 },
        { ["--at", "x=1", "-x"], -1, "df/dx", -1 },
        { ["--at", "x=1,y=2", "--", "-x^2 + y"], 1, "df/dx", -2 },
        { ["-a", "x=4", "-x"], -4, "df/dx", -1 },
        { ["--at=x=3", "-x"], -3, "df/dx", -1 },
        { ["--hessian", "-x^2", "--at", "x=3"], -9, "df/dx", -6 },
        { ["x", "--at", "x=1"], 1, "df/dx", 1 },
    };

    [Theory]
    [MemberData(nameof(LeadingMinus))]
    public void AnExpressionStartingWithAMinusSignIsTheExpression(string[] rest, double value, string partial, double expected)
    {
        var run = Fad.Run(["grad", .. rest]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("", run.Error);
        var printed = run.Output.Split('\n').Single(l => l.StartsWith("value", StringComparison.Ordinal)).Split("f = ")[1].Trim();
        Assert.Equal(value, Number(printed));
        var row = run.Row(partial);
        Assert.Equal(expected, Number(row[1]));
        Assert.Equal(expected, Number(row[2]));
    }

    [Fact]
    public void TheExpressionIsPrintedAsRead()
    {
        var run = Fad.Run("grad", "-x^2 + y", "--at", "x=1,y=2");
        Assert.Contains("f = -x ^ 2 + y", run.Output);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void HelpAloneStillPrintsTheHelp(string option)
    {
        var run = Fad.Run("grad", option);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--at", run.Output);
        Assert.Contains("<expression>", run.Output);
    }

    [Fact]
    public void TwoExpressionsAreAUsageError()
    {
        var run = Fad.Run("grad", "-x", "y", "--at", "x=1,y=1");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("fad: error: ", run.Error);
    }

    [Fact]
    public void AnUnknownLongOptionIsStillAnUnknownOption() =>
        GradCommandTests.AssertOneLineError(Fad.Run("grad", "--bogus", "x"), 2, "Unknown option 'bogus'");
}
