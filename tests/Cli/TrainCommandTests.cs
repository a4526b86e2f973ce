using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FunctionalAD.Cli.Tests;

/// <summary>
/// <c>fad train</c> on CSV files written here: a separable classification, an exact linear relation, and each kind
/// of malformed file, refused as one line naming the row and the column. The parameters file is read back and
/// evaluated by hand, independently of the library, so the format is checked as a user would use it.
/// </summary>
public sealed class TrainCommandTests() : TemporaryFolder("fad-train-")
{
    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Two Gaussian blobs four standard deviations apart around (1, 5) and (3, 1); labels 3 and 7 (not 0 and 1, on purpose).</summary>
    private (string Path, double[][] Rows) Blobs()
    {
        var random = new Random(21);
        var rows = Enumerable.Range(0, 60).Select(i =>
        {
            var second = i % 2 == 1;
            double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return new[] { (second ? 3 : 1) + 0.3 * Normal(), (second ? 1 : 5) + 0.5 * Normal(), second ? 7 : 3 };
        }).ToArray();
        var csv = new StringBuilder("width,height,kind\n");
        foreach (var row in rows) csv.AppendLine(string.Join(",", row.Select(Invariant)));
        return (Write("blobs.csv", csv.ToString()), rows);
    }

    /// <summary>A score of the summary line on the training rows: "training:   loss 0.1, accuracy 98.33 % on 60 rows".</summary>
    private static double Line(Fad.Outcome run, string label) => double.Parse(
        System.Text.RegularExpressions.Regex.Match(run.Output.Split('\n').Single(l => l.StartsWith("training:")), $@"{label} ([^ ,]+)").Groups[1].Value,
        NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public void Classifies_a_separable_csv_and_writes_parameters_that_reproduce_the_accuracy()
    {
        var (csv, rows) = Blobs();
        var output = Path.Combine(folder, "out", "blobs.json");
        var run = Fad.Run("train", "--csv", csv, "--target", "kind", "--model", "mlp:8", "--epochs", "30", "--learning-rate", "0.05", "--validation", "0", "--out", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("Classification into 2 classes (3, 7)", run.Output);
        // The log line of the matrix-product backend (the console may wrap it at a word boundary).
        Assert.Contains($"Linear algebra: {LinearAlgebra.Backend} (FUNCTIONALAD_BLAS chooses).", string.Join(" ", run.Output.Split('\n').Select(l => l.Trim())));
        Assert.True(Line(run, "accuracy") > 95, run.Output);
        Assert.True(Line(run, "loss") < 0.2, run.Output);
        // Redirected output gets plain progress lines instead of a bar: no escape codes.
        Assert.Contains("epoch   30/30", run.Output);
        Assert.DoesNotContain("\u001b[", run.Output);

        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var root = json.RootElement;
        Assert.Equal("functionalad-parameters/2", root.GetProperty("format").GetString());
        Assert.Equal("classification", root.GetProperty("task").GetString());
        Assert.Equal(["width", "height"], root.GetProperty("features").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([3.0, 7.0], root.GetProperty("classes").EnumerateArray().Select(e => e.GetDouble()));
        var parameters = root.GetProperty("parameters").EnumerateArray().ToDictionary(
            p => p.GetProperty("name").GetString()!,
            p => (Shape: p.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                  Values: p.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray()));
        Assert.Equal([2, 8], parameters["W1"].Shape);
        Assert.Equal([8], parameters["b1"].Shape);
        Assert.Equal([8, 2], parameters["W2"].Shape);
        Assert.Equal([2], parameters["b2"].Shape);
        Assert.All(parameters.Values, p => Assert.Equal(p.Shape.Aggregate(1, (a, b) => a * b), p.Values.Length));

        // The network by hand: standardise, tanh(x·W1 + b1)·W2 + b2, the larger output is the class.
        var means = root.GetProperty("standardize").GetProperty("means").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var scales = root.GetProperty("standardize").GetProperty("scales").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var correct = rows.Count(row =>
        {
            var x = new[] { (row[0] - means[0]) / scales[0], (row[1] - means[1]) / scales[1] };
            var hidden = Enumerable.Range(0, 8).Select(j =>
                Math.Tanh(x[0] * parameters["W1"].Values[j] + x[1] * parameters["W1"].Values[8 + j] + parameters["b1"].Values[j])).ToArray();
            var logits = Enumerable.Range(0, 2).Select(k =>
                Enumerable.Range(0, 8).Sum(j => hidden[j] * parameters["W2"].Values[j * 2 + k]) + parameters["b2"].Values[k]).ToArray();
            return (logits[1] > logits[0] ? 7 : 3) == row[2];
        });
        Assert.Equal(Line(run, "accuracy"), 100.0 * correct / rows.Length, 2);
    }

    [Fact]
    public void A_linear_model_recovers_an_exact_linear_relation()
    {
        // y = 2a − 0.5b + 1 with no noise: the trained line, undone from the standardisation, is that relation.
        var random = new Random(8);
        var csv = new StringBuilder("a,b,y\n");
        for (var i = 0; i < 80; i++)
        {
            var (a, b) = (4 * random.NextDouble() - 2, 10 * random.NextDouble());
            csv.AppendLine($"{Invariant(a)},{Invariant(b)},{Invariant(2 * a - 0.5 * b + 1)}");
        }
        var output = Path.Combine(folder, "line.json");
        var run = Fad.Run("train", "--csv", Write("line.csv", csv.ToString()), "--target", "y", "--model", "linear",
            "--epochs", "150", "--learning-rate", "0.05", "--batch-size", "8", "--validation", "0", "--out", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Regression", run.Output);
        Assert.True(Line(run, "R²") > 0.9999, run.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var root = json.RootElement;
        var standardize = root.GetProperty("standardize");
        var means = standardize.GetProperty("means").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var scales = standardize.GetProperty("scales").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var (targetMean, targetScale) = (standardize.GetProperty("targetMean").GetDouble(), standardize.GetProperty("targetScale").GetDouble());
        var parameters = root.GetProperty("parameters").EnumerateArray().ToDictionary(
            p => p.GetProperty("name").GetString()!, p => p.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray());
        var slopes = Enumerable.Range(0, 2).Select(j => parameters["W1"][j] * targetScale / scales[j]).ToArray();
        var intercept = targetMean + targetScale * parameters["b1"][0] - slopes[0] * means[0] - slopes[1] * means[1];
        Assert.Equal(2.0, slopes[0], 2);
        Assert.Equal(-0.5, slopes[1], 2);
        Assert.Equal(1.0, intercept, 2);
    }

    [Fact]
    public void Quoted_names_and_windows_line_endings_are_read()
    {
        var csv = Write("quoted.csv", "\"first feature\",\"second, with a comma\",y\r\n0,0,0\r\n0,1,1\r\n1,0,1\r\n1,1,0\r\n");
        var run = Fad.Run("train", "--csv", csv, "--target", "y", "--epochs", "2", "--out", Path.Combine(folder, "q.json"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("4 rows, 2 features (first feature, second, with a comma)", run.Output);
    }

    [Fact]
    public void The_same_seed_gives_the_same_parameters_file()
    {
        var (csv, _) = Blobs();
        string Train(string name, string seed)
        {
            var path = Path.Combine(folder, name);
            Assert.Equal(0, Fad.Run("train", "--csv", csv, "--target", "kind", "--epochs", "3", "--seed", seed, "--out", path).ExitCode);
            return File.ReadAllText(path);
        }
        Assert.Equal(Train("a.json", "5"), Train("b.json", "5"));
        Assert.NotEqual(Train("a.json", "5"), Train("c.json", "6"));
    }

    [Fact]
    public void Saving_over_a_parameters_file_replaces_it_whole_and_leaves_no_temporary_file()
    {
        var (csv, _) = Blobs();
        var path = Path.Combine(folder, "saved.json");
        File.WriteAllText(path, new string('x', 100_000)); // longer than the new document: nothing of it may remain
        Assert.Equal(0, Fad.Run("train", "--csv", csv, "--target", "kind", "--epochs", "3", "--out", path).ExitCode);
        using (System.Text.Json.JsonDocument.Parse(File.ReadAllText(path))) { }
        Assert.Equal(["saved.json"], Directory.GetFiles(folder, "*saved.json*", SearchOption.TopDirectoryOnly)
            .Concat(Directory.GetFiles(folder, ".saved.json*")).Select(Path.GetFileName).Distinct());
    }

    [Theory]
    [InlineData("a,b,y\n1,2,3\n4,1e400,5\n", "bad.csv, line 3 (row 2), column 'b': '1e400' is not a finite number")]
    [InlineData("a,b,y\n1,2,3\n4,5\n", "bad.csv, line 3 (row 2): 2 fields, but the header has 3 columns")]
    [InlineData("a,b,y\n1,2,3,4\n", "bad.csv, line 2 (row 1): 4 fields, but the header has 3 columns")]
    [InlineData("a,b,c\n1,2,3\n", "bad.csv: no column named 'y'; its columns are: a, b, c")]
    [InlineData("", "bad.csv is empty")]
    [InlineData("a,b,y\n", "bad.csv has a header but no data rows")]
    [InlineData("y\n1\n2\n", "the target 'y' is its only column")]
    [InlineData("a,a,y\n1,2,3\n", "the column name 'a' appears twice")]
    public void A_malformed_csv_is_one_line_naming_the_row_and_column(string content, string message)
    {
        var output = Path.Combine(folder, "never.json");
        var run = Fad.Run("train", "--csv", Write("bad.csv", content), "--target", "y", "--out", output);
        GradCommandTests.AssertOneLineError(run, 1, message);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--model", "mlp:16,x", "'x' is not a layer size")]
    [InlineData("--model", "forest", "'forest' is not a model")]
    [InlineData("--activation", "softsign", "'softsign' is not an activation")]
    public void A_bad_model_is_named(string option, string value, string message)
    {
        var (csv, _) = Blobs();
        GradCommandTests.AssertOneLineError(Fad.Run("train", "--csv", csv, "--target", "kind", option, value), 1, message);
    }

    [Fact]
    public void Classification_needs_a_few_integer_labels()
    {
        var csv = Write("floats.csv", "a,y\n1,0.5\n2,1.5\n3,2.5\n");
        GradCommandTests.AssertOneLineError(
            Fad.Run("train", "--csv", csv, "--target", "y", "--task", "classification"), 1, "classification needs 2 to 10 integer labels");
        var regression = Fad.Run("train", "--csv", csv, "--target", "y", "--epochs", "1", "--out", Path.Combine(folder, "r.json"));
        Assert.Equal(0, regression.ExitCode);
        Assert.Contains("Regression", regression.Output);
    }

    [Theory]
    [InlineData(new[] { "train", "--target", "y" }, "--csv <FILE> is required")]
    [InlineData(new[] { "train", "--csv", "data.csv" }, "--target <COLUMN> is required")]
    [InlineData(new[] { "train", "--csv", "data.csv", "--target", "y", "--epochs", "0" }, "--epochs must be at least 1")]
    [InlineData(new[] { "train", "--csv", "data.csv", "--target", "y", "--task", "guess" }, "--task must be auto, classification or regression")]
    public void A_bad_command_line_is_a_usage_error(string[] args, string message) =>
        GradCommandTests.AssertOneLineError(Fad.Run(args), 2, message);

    [Fact]
    public void A_missing_file_is_named() =>
        GradCommandTests.AssertOneLineError(Fad.Run("train", "--csv", Path.Combine(folder, "nowhere.csv"), "--target", "y"), 1, "nowhere.csv: no such file");
}
