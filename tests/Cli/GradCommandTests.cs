using System.Globalization;

namespace FunctionalAD.Cli.Tests;

/// <summary><c>fad grad</c>: value and gradient three ways, and every kind of mistake as one line on stderr with a non-zero exit.</summary>
public class GradCommandTests
{
    private static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public void PrintsTheValueAndTheGradientByEachMethod()
    {
        var run = Fad.Run("grad", "sin(x) * y ^ 2", "--at", "x=1,y=2");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("f = sin(x) * y ^ 2", run.Output);
        var value = run.Output.Split('\n').Single(l => l.StartsWith("value")).Split("f = ")[1].Trim();
        Assert.Equal(Math.Sin(1) * 4, Number(value), 14);
        // d/dx = cos(x)·y², d/dy = 2y·sin(x): forward and reverse to rounding, central differences to 1e-8.
        var (dx, dy) = (Math.Cos(1) * 4, 4 * Math.Sin(1));
        foreach (var (label, expected) in new[] { ("df/dx", dx), ("df/dy", dy) })
        {
            var row = run.Row(label);
            Assert.Equal(4, row.Length); // partial, forward, reverse, central
            Assert.Equal(expected, Number(row[1]), 14);
            Assert.Equal(expected, Number(row[2]), 14);
            Assert.Equal(expected, Number(row[3]), 8);
        }
    }

    [Fact]
    public void TheHessianOptionPrintsTheSecondDerivatives()
    {
        var run = Fad.Run("grad", "sin(x) * y ^ 2", "--at", "x=1,y=2", "--hessian");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Hessian", run.Output);
        // f = sin x · y²: f_xx = −sin x · y², f_xy = 2y cos x, f_yy = 2 sin x.
        var (x, y) = (1.0, 2.0);
        double[][] expected = [[-Math.Sin(x) * y * y, 2 * y * Math.Cos(x)], [2 * y * Math.Cos(x), 2 * Math.Sin(x)]];
        foreach (var (name, i) in new[] { ("x", 0), ("y", 1) })
        {
            var row = run.Row(name);
            Assert.Equal(3, row.Length); // name, ∂/∂x, ∂/∂y
            for (var j = 0; j < 2; j++) Assert.Equal(expected[i][j], Number(row[j + 1]), 13);
        }
        Assert.DoesNotContain("Hessian", Fad.Run("grad", "sin(x) * y ^ 2", "--at", "x=1,y=2").Output);
    }

    [Fact]
    public void TheHessianOfTheNewPrimitivesIsPrinted()
    {
        var run = Fad.Run("grad", "atan(x) + erf(y)", "--at", "x=1,y=2", "--hessian");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Hessian", run.Output);
        // f = atan x + erf y: f_xx = −2x/(1 + x²)², f_yy = −2y·(2/√π)·e^(−y²), f_xy = 0.
        var (x, y) = (1.0, 2.0);
        double[][] expected = [[-2 * x / Math.Pow(1 + x * x, 2), 0], [0, -2 * y * 2 / Math.Sqrt(Math.PI) * Math.Exp(-y * y)]];
        foreach (var (name, i) in new[] { ("x", 0), ("y", 1) })
        {
            var row = run.Row(name);
            Assert.Equal(3, row.Length);
            for (var j = 0; j < 2; j++) Assert.Equal(expected[i][j], Number(row[j + 1]), 13);
        }
    }

    [Fact]
    public void RepeatedAtOptionsAddUp()
    {
        var run = Fad.Run("grad", "max(x, y)", "--at", "x=1", "-a", "y=3");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("0", run.Row("df/dx")[1]);
        Assert.Equal("1", run.Row("df/dy")[2]);
    }

    [Fact]
    public void AnExpressionWithoutInputsHasAValueOnly()
    {
        var run = Fad.Run("grad", "2 ^ 10");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("f = 1024", run.Output);
        Assert.Contains("no inputs", run.Output);
    }

    [Theory]
    [InlineData("1 + 2 +", "column 8: expected an expression after '+'")]
    [InlineData("sin(x) * (y", "column 12: expected ')' after 'y'")]
    [InlineData("x * * y", "column 5: unexpected '*', expected an expression after '*'")]
    [InlineData("x # y", "column 3: unexpected '#'")]
    [InlineData("foo(x)", "column 1: unknown function 'foo'")]
    [InlineData("max(x)", "column 1: 'max' takes 2 arguments, not 1")]
    public void AMalformedExpressionReportsTheColumn(string expression, string message)
    {
        var run = Fad.Run("grad", expression, "--at", "x=1,y=2");
        AssertOneLineError(run, 1, message);
    }

    [Theory]
    [InlineData("x=1", "no value for 'y'")]
    [InlineData("x=1,y=two", "the value of 'y' is 'two', which is not a number")]
    [InlineData("x=1,y", "'y' is not of the form name=value")]
    [InlineData("x=1,x=2,y=1", "'x' is given twice")]
    public void ABadPointIsNamed(string at, string message)
    {
        var run = Fad.Run("grad", "x * y", "--at", at);
        AssertOneLineError(run, 1, message);
    }

    [Theory]
    [InlineData(new[] { "grad" }, "missing required argument 'expression'")]
    [InlineData(new[] { "grad", "x", "--bogus" }, "Unknown option 'bogus'")]
    [InlineData(new[] { "gradient", "x" }, "Unknown command 'gradient'")]
    [InlineData(new string[0], "name a command")]
    public void ABadCommandLineIsAUsageError(string[] args, string message) => AssertOneLineError(Fad.Run(args), 2, message);

    [Fact]
    public void HelpListsTheCommands()
    {
        var run = Fad.Run("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("demo", run.Output);
        Assert.Contains("grad <expression>", run.Output);
        Assert.Contains("--at", Fad.Run("grad", "--help").Output);
    }

    internal static void AssertOneLineError(Fad.Outcome run, int exitCode, string message)
    {
        Assert.Equal(exitCode, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("fad: error: ", lines[0]);
        Assert.Contains(message, lines[0]);
        Assert.DoesNotContain("   at ", run.Error + run.Output); // no stack trace anywhere
        Assert.DoesNotContain("Exception", run.Error);
    }
}
