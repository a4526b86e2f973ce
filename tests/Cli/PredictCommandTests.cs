using System.Globalization;
using System.Text;

namespace FunctionalAD.Cli.Tests;

/// <summary>
/// <c>fad predict</c> and the façade's <see cref="SavedModel"/>: a model trained by <c>fad train</c> predicts from its
/// parameters file alone — class names for a classifier, numbers in the target's units for a regression — and a file
/// that does not fit it is refused naming what is wrong.
/// </summary>
public sealed class PredictCommandTests() : TemporaryFolder("fad-predict-")
{
    private string TrainIris()
    {
        var model = Path.Combine(folder, "iris.json");
        var run = Fad.Run("train", "--csv", RealDataTests.Iris, "--target", "species", "--epochs", "60", "--learning-rate", "0.02", "--out", model);
        Assert.True(run.ExitCode == 0, run.Error);
        return model;
    }

    [Fact]
    public void Predictions_of_the_training_rows_give_the_training_accuracy()
    {
        var model = Path.Combine(folder, "iris.json");
        var train = Fad.Run("train", "--csv", RealDataTests.Iris, "--target", "species", "--epochs", "60", "--learning-rate", "0.02", "--out", model);
        var output = Path.Combine(folder, "predictions.csv");
        var run = Fad.Run("predict", "--model", model, "--csv", RealDataTests.Iris, "--out", output);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("150 rows of iris.csv with 'predicted_species'", run.Output);
        var lines = File.ReadAllLines(output);
        Assert.Equal("sepal_length,sepal_width,petal_length,petal_width,species,predicted_species", lines[0]);
        Assert.Equal(151, lines.Length);
        // Each row is the input row as it was, then the prediction; the agreement is the accuracy fad train reported.
        var input = File.ReadAllLines(RealDataTests.Iris);
        Assert.All(Enumerable.Range(1, 150), i => Assert.StartsWith(input[i] + ",", lines[i]));
        var agree = (double)lines.Skip(1).Count(l => l.Split(',')[4] == l.Split(',')[5]);
        // fad train held out 30 of the 150 rows: its two accuracies together are the agreement over all of them.
        Assert.Contains(" on 120 rows", ScoreLines.Line(train, "training:"));
        Assert.Contains(" on 30 rows", ScoreLines.Line(train, "validation:"));
        // (Each accuracy is printed to 0.01 %, well within half a row.)
        var agreeing = Math.Round(ScoreLines.Of(train, "training:", "accuracy") * 120 / 100) + Math.Round(ScoreLines.Of(train, "validation:", "accuracy") * 30 / 100);
        Assert.Equal(agreeing, agree);
        Assert.All(lines.Skip(1), l => Assert.Contains(l.Split(',')[5], new[] { "setosa", "versicolor", "virginica" }));
    }

    [Fact]
    public void Without_out_the_rows_go_to_the_standard_output_in_any_column_order()
    {
        var model = TrainIris();
        // Columns reordered, the species left out, and an extra column kept as it is.
        var csv = Write("new.csv", "id,petal_width,petal_length,sepal_width,sepal_length\nfirst,0.2,1.4,3.5,5.1\n\"a, b\",2.3,6.0,3.3,6.3\n");
        var run = Fad.Run("predict", "--model", model, "--csv", csv);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(
            "id,petal_width,petal_length,sepal_width,sepal_length,predicted_species\nfirst,0.2,1.4,3.5,5.1,setosa\n\"a, b\",2.3,6.0,3.3,6.3,virginica\n",
            run.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_regression_predicts_numbers_in_the_target_units()
    {
        // y = 2a − 0.5b + 1 exactly, with a word column that adds 3 for "up".
        var random = new Random(4);
        var csv = new StringBuilder("a,b,dir,y\n");
        for (var i = 0; i < 120; i++)
        {
            var (a, b, up) = (4 * random.NextDouble() - 2, 10 * random.NextDouble(), i % 2 == 0);
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{a:R},{b:R},{(up ? "up" : "down")},{2 * a - 0.5 * b + 1 + (up ? 3 : 0):R}"));
        }
        var model = Path.Combine(folder, "line.json");
        var train = Fad.Run("train", "--csv", Write("line.csv", csv.ToString()), "--target", "y", "--model", "linear",
            "--epochs", "300", "--learning-rate", "0.05", "--batch-size", "8", "--out", model);
        Assert.True(train.ExitCode == 0, train.Error);

        var saved = SavedModel.Load(model);
        Assert.False(saved.IsClassification);
        Assert.Equal<string>(["a", "b", "dir"], saved.Columns);
        Assert.Equal<string>(["a", "b", "dir=down", "dir=up"], saved.Features);
        var answers = saved.Predict(["dir", "a", "b"], [["up", "1", "2"], ["down", "0", "0"], ["NA", "0", "4"]]);
        Assert.Equal(2 - 1 + 1 + 3, double.Parse(answers[0], CultureInfo.InvariantCulture), 2);
        Assert.Equal(1, double.Parse(answers[1], CultureInfo.InvariantCulture), 2);
        // A missing word is the column's most frequent word in training (a tie: the first, "down").
        Assert.Equal(-1, double.Parse(answers[2], CultureInfo.InvariantCulture), 2);

        var run = Fad.Run("predict", "--model", model, "--csv", Write("new.csv", "a,b,dir\n1,2,up\n"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(answers[0], run.Output.Split('\n')[1].Split(',')[3]);
    }

    [Fact]
    public void The_saved_model_reproduces_the_trained_network()
    {
        var model = SavedModel.Load(TrainIris());
        Assert.True(model.IsClassification);
        Assert.Equal("species", model.Target);
        Assert.Equal<string>(["setosa", "versicolor", "virginica"], model.Classes);
        Assert.Equal(4, model.Model.Inputs);
        // The encoded features are the standardised measurements: the column means encode to 0.
        var means = File.ReadAllLines(RealDataTests.Iris).Skip(1).Select(l => l.Split(',')[..4].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .Aggregate(new double[4], (sum, row) => [.. sum.Zip(row, (s, v) => s + v)]).Select(s => (s / 150).ToString("R", CultureInfo.InvariantCulture)).ToArray();
        var encoded = model.Encode(model.Columns, [means]);
        Assert.All(encoded.ToArray(), v => Assert.Equal(0, v, 12));
    }

    [Theory]
    [InlineData("sepal_length,sepal_width,petal_length\n5.1,3.5,1.4\n", "new.csv has no column 'petal_width'; the model reads sepal_length, sepal_width, petal_length, petal_width")]
    [InlineData("sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n5.1,wide,1.4,0.2\n", "new.csv, row 2, column 'sepal_width': 'wide' is not a finite number")]
    [InlineData("sepal_length,sepal_width,petal_length,petal_width\n", "new.csv has a header but no data rows")]
    public void A_file_that_does_not_fit_the_model_is_named(string content, string message) =>
        GradCommandTests.AssertOneLineError(Fad.Run("predict", "--model", TrainIris(), "--csv", Write("new.csv", content)), 1, message);

    [Fact]
    public void An_unknown_word_is_named_with_the_words_the_model_knows()
    {
        var model = Path.Combine(folder, "colour.json");
        var csv = "size,colour,y\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i % 5},{(i % 2 == 0 ? "red" : "blue")},{i % 2}\n"));
        Assert.Equal(0, Fad.Run("train", "--csv", Write("colour.csv", csv), "--target", "y", "--epochs", "2", "--out", model).ExitCode);
        GradCommandTests.AssertOneLineError(
            Fad.Run("predict", "--model", model, "--csv", Write("new.csv", "size,colour\n1,red\n2,purple\n")), 1,
            "new.csv, row 2, column 'colour': 'purple' is not a word the model was trained on; it knows blue, red");
    }

    [Theory]
    [InlineData("{}", "not.json is not a model file of format functionalad-parameters/2: the file has no 'format'")]
    [InlineData("{\"format\": \"functionalad-parameters/1\"}", "not.json has format 'functionalad-parameters/1'; this version reads functionalad-parameters/2")]
    [InlineData("x", "not.json is not JSON")]
    public void A_file_that_is_not_a_model_is_refused(string content, string message) =>
        GradCommandTests.AssertOneLineError(Fad.Run("predict", "--model", Write("not.json", content), "--csv", RealDataTests.Iris), 1, message);

    [Fact]
    public void The_input_is_never_the_output()
    {
        var model = TrainIris();
        var csv = Write("new.csv", "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n");
        var (csvBefore, modelBefore) = (File.ReadAllText(csv), File.ReadAllText(model));
        // Named another way than the input, through the folder and back.
        var sameCsv = Path.Combine(folder, "..", Path.GetFileName(folder), "new.csv");
        GradCommandTests.AssertOneLineError(Fad.Run("predict", "--model", model, "--csv", csv, "--out", sameCsv), 1, "is the file --csv reads");
        GradCommandTests.AssertOneLineError(Fad.Run("predict", "--model", model, "--csv", csv, "--out", model), 1, "is the file --model reads");
        Assert.Equal(csvBefore, File.ReadAllText(csv));
        Assert.Equal(modelBefore, File.ReadAllText(model));
    }

    [Fact]
    public void The_predictions_file_is_written_as_every_output_is()
    {
        var model = TrainIris();
        var output = Path.Combine(folder, "predictions.csv");
        File.WriteAllText(output, "old");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(output, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // A temporary left by a killed run (no process has an id above the kernel's largest) is cleaned up by the save.
        var stale = Path.Combine(folder, Files.OutputFile.TemporaryName("predictions.csv", 4_194_305));
        File.WriteAllText(stale, "left by a killed run");

        var run = Fad.Run("predict", "--model", model, "--csv", RealDataTests.Iris, "--out", output);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(151, File.ReadAllLines(output).Length);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));
        Assert.False(File.Exists(stale));
        Assert.Empty(Directory.GetFiles(folder, "*.fad-partial-*"));
    }

    [Fact]
    public void A_failed_prediction_leaves_the_previous_output()
    {
        var model = TrainIris();
        var output = Path.Combine(folder, "predictions.csv");
        File.WriteAllText(output, "old");
        // The second row is refused after the header and the first row were written to the temporary.
        var csv = Write("new.csv", "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n5.1,wide,1.4,0.2\n");
        GradCommandTests.AssertOneLineError(Fad.Run("predict", "--model", model, "--csv", csv, "--out", output), 1, "'wide' is not a finite number");
        Assert.Equal("old", File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(folder, "*.fad-partial-*"));
    }

    [Theory]
    [InlineData(new[] { "predict", "--csv", "new.csv" }, "--model <FILE> is required")]
    [InlineData(new[] { "predict", "--model", "m.json" }, "--csv <FILE> is required")]
    public void A_bad_command_line_is_a_usage_error(string[] args, string message) =>
        GradCommandTests.AssertOneLineError(Fad.Run(args), 2, message);
}
