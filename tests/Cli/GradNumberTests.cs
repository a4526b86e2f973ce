namespace FunctionalAD.Cli.Tests;

/// <summary>
/// Numbers are finite everywhere in <c>fad grad</c>: a literal that overflows, NaN and Infinity are refused in the
/// expression and in <c>--at</c> alike, with a message that names them.
/// </summary>
public class GradNumberTests
{
    [Theory]
    [InlineData("1e400 * x", "column 1: the number '1e400' is too large")]
    [InlineData("x + 2.5E+309", "column 5: the number '2.5E+309' is too large")]
    [InlineData("NaN * x", "column 1: 'NaN' is not a name")]
    [InlineData("x - Infinity", "column 5: 'Infinity' is not a name")]
    [InlineData("x * nan", "column 5: 'nan' is not a name")]
    public void ANonFiniteNumberInTheExpressionIsRefused(string expression, string message) =>
        GradCommandTests.AssertOneLineError(Fad.Run("grad", expression, "--at", "x=1"), 1, message);

    [Theory]
    [InlineData("x=NaN", "the value of 'x' is 'NaN', which is not a finite number")]
    [InlineData("x=Infinity", "the value of 'x' is 'Infinity', which is not a finite number")]
    [InlineData("x=-infinity", "the value of 'x' is '-infinity', which is not a finite number")]
    [InlineData("x=1e400", "the value of 'x' is '1e400', which is too large")]
    [InlineData("x=-1e400", "the value of 'x' is '-1e400', which is too large")]
    public void ANonFiniteValueInAtIsRefused(string at, string message) =>
        GradCommandTests.AssertOneLineError(Fad.Run("grad", "x", "--at", at), 1, message);

    [Theory]
    [InlineData("NaN=1", "'NaN' is not a name")]
    [InlineData("Infinity=1", "'Infinity' is not a name")]
    [InlineData("a b=1", "'a b' is not a name")]
    [InlineData("1x=1", "'1x' is not a name")]
    public void AnAtNameThatIsNotANameIsRefused(string at, string message) =>
        GradCommandTests.AssertOneLineError(Fad.Run("grad", "x", "--at", "x=1," + at), 1, message);

    [Fact]
    public void TheLargestFiniteNumbersStillWork()
    {
        var run = Fad.Run("grad", "1.7976931348623157e308 * x", "--at", "x=-1.7976931348623157e308");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("f = -Infinity", run.Output); // the product overflows; the numbers given do not
    }
}
