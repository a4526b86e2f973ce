using System.Globalization;

namespace FunctionalAD.Cli.Tests;

/// <summary>
/// A name given with <c>--at</c> that the expression does not use has partial derivative 0 (as JAX's grad and
/// PyTorch's <c>allow_unused</c> give), and one line says so; only a name missing from <c>--at</c> is an error.
/// </summary>
public class GradUnusedInputTests
{
    private static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public void AnUnusedNameHasPartialZeroByEveryMethod()
    {
        var run = Fad.Run("grad", "x * y", "--at", "x=1,y=2,z=3");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("", run.Error);
        Assert.Equal(2.0, Number(run.Row("df/dx")[1]));
        Assert.Equal(1.0, Number(run.Row("df/dy")[2]));
        var z = run.Row("df/dz");
        Assert.Equal(4, z.Length);
        Assert.All(z[1..], cell => Assert.Equal(0.0, Number(cell)));
        var notes = run.Output.Split('\n').Where(l => l.Contains("not used", StringComparison.Ordinal)).ToArray();
        Assert.Single(notes);
        Assert.Contains("z", notes[0]);
    }

    [Fact]
    public void SeveralUnusedNamesAreNamedOnOneLine()
    {
        var run = Fad.Run("grad", "sin(x)", "--at", "x=0,b=1", "--at", "a=2");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1.0, Number(run.Row("df/dx")[1]));
        Assert.Equal("0", run.Row("df/da")[1]);
        Assert.Equal("0", run.Row("df/db")[3]);
        var note = run.Output.Split('\n').Single(l => l.Contains("not used", StringComparison.Ordinal));
        Assert.Contains("a, b", note);
    }

    [Fact]
    public void AnExpressionWithoutInputsHasPartialZeroForEveryGivenName()
    {
        var run = Fad.Run("grad", "2 ^ 10", "--at", "x=1");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("f = 1024", run.Output);
        Assert.Equal("0", run.Row("df/dx")[2]);
    }

    [Fact]
    public void TheHessianHasZeroRowsAndColumnsForUnusedNames()
    {
        var run = Fad.Run("grad", "x * x", "--at", "x=3,z=1", "--hessian");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["x", "2", "0"], run.Row("x"));
        Assert.Equal(["z", "0", "0"], run.Row("z"));
    }

    [Fact]
    public void ANameMissingFromAtIsStillAnError() =>
        GradCommandTests.AssertOneLineError(Fad.Run("grad", "x * y", "--at", "x=1,z=3"), 1, "no value for 'y'");
}
