using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FunctionalAD.Cli.Tests;

/// <summary>
/// <c>fad train</c> where arithmetic leaves the finite numbers: huge features are standardised without overflow, a
/// diverging run stops with a hint, saves nothing and fails, R² of a constant target is undefined, and no .NET text
/// about infinity ever reaches the user.
/// </summary>
public sealed class NonFiniteTrainingTests() : TemporaryFolder("fad-finite-")
{
    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>y = 2b + 1 beside a column of values near 1e300, whose squares overflow.</summary>
    private string Huge()
    {
        var random = new Random(5);
        var csv = new StringBuilder("huge,b,y\n");
        for (var i = 0; i < 60; i++)
        {
            var b = random.NextDouble();
            csv.AppendLine($"{Invariant((1 + random.NextDouble()) * 1e300)},{Invariant(b)},{Invariant(2 * b + 1)}");
        }
        return Write("huge.csv", csv.ToString());
    }

    private static void AssertNoDotNetText(Fad.Outcome run)
    {
        Assert.DoesNotContain(".NET", run.Output + run.Error);
        Assert.DoesNotContain("Infinity", run.Output + run.Error);
        Assert.DoesNotContain("NaN", run.Output);
    }

    [Fact]
    public void Features_whose_squares_overflow_are_standardised_and_learned_from()
    {
        var output = Path.Combine(folder, "huge.json");
        var run = Fad.Run("train", "--csv", Huge(), "--target", "y", "--model", "linear", "--epochs", "100", "--learning-rate", "0.05", "--out", output);

        Assert.Equal(0, run.ExitCode);
        AssertNoDotNetText(run);
        Assert.True(ScoreLines.Of(run, "training:", "R²") > 0.999, run.Output);
        Assert.True(ScoreLines.Of(run, "validation:", "R²") > 0.999, run.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var standardize = json.RootElement.GetProperty("standardize");
        var mean = standardize.GetProperty("means")[0].GetDouble();
        var scale = standardize.GetProperty("scales")[0].GetDouble();
        Assert.InRange(mean, 1e300, 2e300);
        Assert.InRange(scale, 1e299, 1e300);
    }

    [Fact]
    public void A_huge_column_with_missing_cells_and_a_huge_target_are_standardised_trained_on_and_predicted()
    {
        // y = (2b + 1)·1e300, beside a column near 1e300 with every seventh cell missing.
        var random = new Random(6);
        var csv = new StringBuilder("huge,b,y\n");
        for (var i = 0; i < 60; i++)
        {
            var b = random.NextDouble();
            var huge = (1 + random.NextDouble()) * 1e300;
            csv.AppendLine($"{(i % 7 == 0 ? "NA" : Invariant(huge))},{Invariant(b)},{Invariant((2 * b + 1) * 1e300)}");
        }
        var data = Write("huge-missing.csv", csv.ToString());
        var output = Path.Combine(folder, "huge-missing.json");
        var run = Fad.Run("train", "--csv", data, "--target", "y", "--model", "linear", "--missing", "mean",
            "--epochs", "100", "--learning-rate", "0.05", "--out", output);

        Assert.True(run.ExitCode == 0, run.Error);
        AssertNoDotNetText(run);
        Assert.Contains("missing cells: 9 cells filled", run.Output);
        Assert.True(ScoreLines.Of(run, "training:", "R²") > 0.999, run.Output);
        Assert.True(ScoreLines.Of(run, "validation:", "R²") > 0.999, run.Output);
        using (var json = JsonDocument.Parse(File.ReadAllText(output)))
        {
            var standardize = json.RootElement.GetProperty("standardize");
            Assert.InRange(json.RootElement.GetProperty("columns")[0].GetProperty("fill").GetDouble(), 1e300, 2e300);
            Assert.InRange(standardize.GetProperty("means")[0].GetDouble(), 1e300, 2e300);
            Assert.InRange(standardize.GetProperty("targetMean").GetDouble(), 1e300, 3e300);
            Assert.InRange(standardize.GetProperty("targetScale").GetDouble(), 1e299, 1e300);
        }

        // The saved model predicts the huge target back, in its units, from the same rows.
        var predict = Fad.Run("predict", "--model", output, "--csv", data);
        Assert.True(predict.ExitCode == 0, predict.Error);
        var rows = predict.Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(60, rows.Length);
        Assert.All(rows, r =>
        {
            var (actual, predicted) = (double.Parse(r[2], CultureInfo.InvariantCulture), double.Parse(r[3], CultureInfo.InvariantCulture));
            Assert.True(double.IsFinite(predicted) && Math.Abs(predicted - actual) < 0.05 * Math.Abs(actual), string.Join(",", r));
        });
    }

    [Fact]
    public void A_diverging_regression_stops_with_a_hint_saves_nothing_and_fails()
    {
        var output = Write("kept.json", "the previous parameters");
        var run = Fad.Run("train", "--csv", Huge(), "--target", "y", "--epochs", "50", "--learning-rate", "1e300", "--out", output);

        GradCommandTests.AssertOneLineError(run, 1, "the training diverged");
        Assert.Contains("nothing was saved; try a smaller --learning-rate", run.Error);
        Assert.Contains("(stopped: the loss diverged)", run.Output);
        AssertNoDotNetText(run);
        Assert.Equal("the previous parameters", File.ReadAllText(output));
        Assert.Equal(["huge.csv", "kept.json"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_classification_whose_loss_explodes_fails()
    {
        // Two classes; with a learning rate of 1e300 the loss grows to around 1e300 but stays finite.
        var csv = new StringBuilder("a,b,label\n");
        var random = new Random(2);
        for (var i = 0; i < 40; i++) csv.AppendLine($"{Invariant(random.NextDouble())},{Invariant(random.NextDouble())},{i % 2}");
        var output = Path.Combine(folder, "classes.json");
        var run = Fad.Run("train", "--csv", Write("classes.csv", csv.ToString()), "--target", "label", "--epochs", "30", "--learning-rate", "1e300", "--out", output);

        GradCommandTests.AssertOneLineError(run, 1, "the training diverged");
        Assert.DoesNotContain("accuracy", run.Output);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void R_squared_of_a_constant_target_is_undefined()
    {
        var csv = Write("constant.csv", "a,y\n1,5\n2,5\n3,5\n4,5\n");
        var run = Fad.Run("train", "--csv", csv, "--target", "y", "--task", "regression", "--epochs", "3", "--out", Path.Combine(folder, "c.json"));

        Assert.Equal(0, run.ExitCode);
        // Three rows trained on, one held out: both lines say why R² has no value.
        Assert.EndsWith(", R² undefined on 3 rows (the target 'y' is constant, so there is no variance to explain)", ScoreLines.Line(run, "training:"));
        Assert.EndsWith(", R² undefined on 1 row (the target 'y' is constant, so there is no variance to explain)", ScoreLines.Line(run, "validation:"));
        AssertNoDotNetText(run);
    }
}
