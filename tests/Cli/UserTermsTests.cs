namespace FunctionalAD.Cli.Tests;

/// <summary>Messages of the command-line parser speak of options and numbers, not of .NET types or internal names.</summary>
public class UserTermsTests
{
    [Theory]
    [InlineData(new[] { "train", "--csv", "d.csv", "--target", "y", "--epochs", "abc" }, "--epochs: 'abc' is not a whole number")]
    [InlineData(new[] { "train", "--csv", "d.csv", "--target", "y", "--epochs=1.5" }, "--epochs: '1.5' is not a whole number")]
    [InlineData(new[] { "train", "--csv", "d.csv", "--target", "y", "--learning-rate", "1,5" }, "--learning-rate: '1,5' is not a number, with . as the decimal point")]
    [InlineData(new[] { "train", "--csv", "d.csv", "--target", "y", "-s", "99999999999" }, "-s: '99999999999' is not a whole number")]
    [InlineData(new[] { "grad", "x", "--at" }, "--at needs a value: --at <VALUES>.")]
    [InlineData(new[] { "grad", "x", "*", "y" }, "unexpected argument '*'; fad grad --help lists what it takes")]
    [InlineData(new[] { "demo", "-o" }, "-o needs a value: --out <FOLDER>.")]
    public void A_value_the_parser_cannot_take_is_named_with_its_option(string[] args, string message)
    {
        var run = Fad.Run(args);
        GradCommandTests.AssertOneLineError(run, 2, message);
        Assert.DoesNotContain("Int32", run.Error);
        Assert.DoesNotContain("Double", run.Error);
        Assert.DoesNotContain("__", run.Error);
    }
}
