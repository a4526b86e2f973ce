using System.Globalization;

namespace FunctionalAD.Cli.Tests;

/// <summary>
/// A long flat sum or product is not deep: <c>fad grad</c> differentiates hundreds or thousands of terms, and refuses
/// only real nesting beyond the parser's limit. A character the parser cannot read is shown whole, with its code point.
/// </summary>
public class GradWideExpressionTests
{
    private static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(300)]
    [InlineData(10_000)]
    public void AFlatSumOfManySquaresIsDifferentiated(int terms)
    {
        var run = Fad.Run("grad", string.Join(" + ", Enumerable.Repeat("x^2", terms)), "--at", "x=1.5");

        Assert.True(run.ExitCode == 0, run.Error);
        var row = run.Row("df/dx");
        Assert.Equal(3.0 * terms, Number(row[1]), 9);
        Assert.Equal(3.0 * terms, Number(row[2]), 9);
    }

    [Fact]
    public void AFlatProductOfManyFactorsIsDifferentiated()
    {
        var run = Fad.Run("grad", string.Join(" * ", Enumerable.Repeat("x^2", 300)), "--at", "x=1");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(600.0, Number(run.Row("df/dx")[2]), 9);
    }

    [Fact]
    public void RealNestingBeyondTheLimitIsStillRefused()
    {
        var deep = string.Concat(Enumerable.Repeat("sin(", 300)) + "x" + new string(')', 300);
        GradCommandTests.AssertOneLineError(Fad.Run("grad", deep, "--at", "x=1"), 1, "nested more than 256 levels deep");
    }

    [Theory]
    [InlineData("𝑥 + 1", "column 1: unexpected '𝑥' (U+1D465)")]
    [InlineData("x * 😀", "column 5: unexpected '😀' (U+1F600)")]
    public void ACharacterOutsideTheBasicPlaneIsShownWhole(string expression, string message) =>
        GradCommandTests.AssertOneLineError(Fad.Run("grad", expression, "--at", "x=1"), 1, message);
}
