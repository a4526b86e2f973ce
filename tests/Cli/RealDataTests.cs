using System.Text.Json;

namespace FunctionalAD.Cli.Tests;

/// <summary>
/// <c>fad train</c> on data as it comes: the iris data set with its species as words, word feature columns as one-hot
/// features, and missing cells dropped or filled, with what was done reported.
/// </summary>
public sealed class RealDataTests() : TemporaryFolder("fad-real-")
{
    internal static string Iris => Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv");

    /// <summary>The output with every run of white space as one space, whatever width the console wraps lines at.</summary>
    internal static string Flat(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");

    private static double Accuracy(Fad.Outcome run, string label = "training:") => ScoreLines.Of(run, label, "accuracy");

    /// <summary>The confusion matrix's row of each species: how many of its flowers were predicted as each species.</summary>
    private static int[][] PredictedAs(Fad.Outcome run) =>
        new[] { "setosa", "versicolor", "virginica" }.Select(name => new Fad.Outcome(0, run.Output, "").Row(name)[1..].Select(int.Parse).ToArray()).ToArray();

    [Fact]
    public void The_iris_species_are_classes_reported_by_name_with_a_confusion_matrix()
    {
        var output = Path.Combine(folder, "iris.json");
        var run = Fad.Run("train", "--csv", Iris, "--target", "species", "--epochs", "60", "--learning-rate", "0.02", "--out", output);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("iris.csv: 150 rows, 4 features (sepal_length, sepal_width, petal_length, petal_width)", Flat(run.Output));
        Assert.Contains("Classification into 3 classes (setosa, versicolor, virginica)", run.Output);
        Assert.True(Accuracy(run) > 90, run.Output);
        Assert.True(Accuracy(run, "validation:") > 90, run.Output);
        // The confusion matrix of the 30 held-out rows (stratified: 10 of each species), a row per actual species.
        Assert.Contains("confusion matrix of the 30 validation rows:", run.Output);
        var predictedAs = PredictedAs(run);
        Assert.All(predictedAs, counts => Assert.Equal(10, counts.Sum()));
        var correct = predictedAs[0][0] + predictedAs[1][1] + predictedAs[2][2];
        Assert.Equal(Accuracy(run, "validation:"), 100.0 * correct / 30, 2);
        Assert.Contains("actual \\ predicted", run.Output);

        // With no rows held out, the matrix is of the training rows, its counts adding up to the 50 flowers of each.
        var all = Fad.Run("train", "--csv", Iris, "--target", "species", "--epochs", "60", "--learning-rate", "0.02", "--validation", "0", "--out", output);
        Assert.True(all.ExitCode == 0, all.Error);
        Assert.Contains("confusion matrix of the 150 training rows, as --validation 0 holds none out:", all.Output);
        var allPredictedAs = PredictedAs(all);
        Assert.All(allPredictedAs, counts => Assert.Equal(50, counts.Sum()));
        Assert.Equal(Accuracy(all), 100.0 * (allPredictedAs[0][0] + allPredictedAs[1][1] + allPredictedAs[2][2]) / 150, 2);

        using var json = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(["setosa", "versicolor", "virginica"], json.RootElement.GetProperty("classes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_word_feature_column_becomes_one_feature_per_word()
    {
        // y is 1 exactly for the red rows: the colour alone decides it.
        var rows = Enumerable.Range(0, 60).Select(i => (Size: i % 7, Colour: new[] { "red", "green", "blue" }[i % 3])).ToArray();
        var csv = "size,colour,y\n" + string.Concat(rows.Select(r => $"{r.Size},{r.Colour},{(r.Colour == "red" ? 1 : 0)}\n"));
        var output = Path.Combine(folder, "colour.json");
        var run = Fad.Run("train", "--csv", Write("colour.csv", csv), "--target", "y", "--epochs", "80", "--learning-rate", "0.05", "--out", output);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("60 rows, 4 features (size, colour=blue, colour=green, colour=red)", Flat(run.Output));
        Assert.Equal(100, Accuracy(run));
        Assert.Equal(100, Accuracy(run, "validation:"));
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var root = json.RootElement;
        Assert.Equal(["size", "colour=blue", "colour=green", "colour=red"], root.GetProperty("features").EnumerateArray().Select(e => e.GetString()));
        var colour = root.GetProperty("columns")[1];
        Assert.Equal(["blue", "green", "red"], colour.GetProperty("words").EnumerateArray().Select(e => e.GetString()));
        // One-hot features are left as 0 and 1: mean 0, scale 1.
        Assert.Equal([0.0, 0.0, 0.0], root.GetProperty("standardize").GetProperty("means").EnumerateArray().Skip(1).Select(e => e.GetDouble()));
        Assert.Equal([1.0, 1.0, 1.0], root.GetProperty("standardize").GetProperty("scales").EnumerateArray().Skip(1).Select(e => e.GetDouble()));
    }

    private const string Gappy = "a,b,kind\n1,2,x\n2,NA,y\n3,4,x\n,5,y\n5,N/A,x\n6,7,?\n7,nan,y\n8,9,x\n9,10,y\n";

    [Fact]
    public void Missing_cells_drop_their_rows_by_default_and_the_count_is_reported()
    {
        var output = Path.Combine(folder, "drop.json");
        var run = Fad.Run("train", "--csv", Write("gappy.csv", Gappy), "--target", "kind", "--epochs", "2", "--out", output);
        Assert.True(run.ExitCode == 0, run.Error);
        // Rows 2, 4, 5 and 7 miss a feature, row 6 its target: 5 dropped, 4 left.
        Assert.Contains("missing cells: 5 rows dropped (--missing drop).", Flat(run.Output));
        Assert.Contains("gappy.csv: 4 rows, 2 features", run.Output);
    }

    [Fact]
    public void Missing_cells_are_filled_with_the_column_mean_on_request()
    {
        var output = Path.Combine(folder, "mean.json");
        var run = Fad.Run("train", "--csv", Write("gappy.csv", Gappy), "--target", "kind", "--missing", "mean", "--epochs", "2", "--out", output);
        Assert.True(run.ExitCode == 0, run.Error);
        // The row with no target is dropped all the same; the 4 missing features of the other rows are filled.
        Assert.Contains("missing cells: 1 row dropped, 4 cells filled with the column's mean or most frequent word (--missing mean).", Flat(run.Output));
        Assert.Contains("gappy.csv: 8 rows, 2 features", run.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var columns = json.RootElement.GetProperty("columns");
        // The fill of a is the mean of its present cells in the kept rows (1, 2, 3, 5, 7, 8, 9).
        Assert.Equal(35.0 / 7, columns[0].GetProperty("fill").GetDouble(), 12);
        Assert.Equal("mean", json.RootElement.GetProperty("missing").GetProperty("policy").GetString());
    }

    [Fact]
    public void Every_row_dropped_is_a_clear_error() =>
        GradCommandTests.AssertOneLineError(
            Fad.Run("train", "--csv", Write("holes.csv", "a,y\nNA,1\n?,0\n"), "--target", "y"), 1,
            "holes.csv: every row has a missing cell, so --missing drop leaves no row; try --missing mean");

    [Theory]
    [InlineData("--missing", "zero", "--missing must be drop or mean")]
    public void A_bad_missing_policy_is_a_usage_error(string option, string value, string message) =>
        GradCommandTests.AssertOneLineError(Fad.Run("train", "--csv", "data.csv", "--target", "y", option, value), 2, message);

    [Fact]
    public void Words_in_a_target_cannot_be_regressed() =>
        GradCommandTests.AssertOneLineError(
            Fad.Run("train", "--csv", Iris, "--target", "species", "--task", "regression"), 1, "the target 'species' holds words ('setosa', …); regression needs numbers");
}
