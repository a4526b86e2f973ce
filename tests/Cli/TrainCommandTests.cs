using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FunctionalAD.Cli.Tests;

/// <summary><c>fad train</c>: fitting a linear model to a CSV file, the JSON it saves, and malformed files and options.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fad-train-test-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string WriteCsv(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>y = 3a − 2b + 0.5 exactly, at 100 seeded points.</summary>
    private string ExactPlane()
    {
        var random = new Random(5);
        var text = new StringBuilder("a,b,y\n");
        for (var i = 0; i < 100; i++)
        {
            var (a, b) = (Math.Round(random.NextDouble() * 4 - 2, 3), Math.Round(random.NextDouble() * 2 - 1, 3));
            text.Append(CultureInfo.InvariantCulture, $"{a},{b},{3 * a - 2 * b + 0.5}\n");
        }
        return WriteCsv("plane.csv", text.ToString());
    }

    private static Dictionary<string, double> Parameters(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());

    [Fact]
    public void FitsAPlaneAndSavesItsParameters()
    {
        var save = Path.Combine(folder, "out", "plane.json");
        var run = Fad.Run("train", "--csv", ExactPlane(), "--target", "y", "--epochs", "300", "--learning-rate", "0.02", "--save", save);

        Assert.Equal("", run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("y = bias + weight(a) * a + weight(b) * b", run.Output);
        var json = File.ReadAllText(save);
        var parameters = Parameters(json);
        Assert.Equal(0.5, parameters["bias"], 0.01);
        Assert.Equal(3.0, parameters["weight(a)"], 0.01);
        Assert.Equal(-2.0, parameters["weight(b)"], 0.01);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal("y", root.GetProperty("target").GetString());
        Assert.Equal(300, root.GetProperty("epochs").GetInt32());
        Assert.True(root.GetProperty("r2").GetDouble() > 0.9999);
        Assert.True(root.GetProperty("loss").GetDouble() < 1e-4);
        // The table shows the saved values.
        Assert.Equal(parameters["weight(a)"], double.Parse(run.Row("weight(a)")[1], CultureInfo.InvariantCulture));
        Assert.Contains("epoch 300/300", run.Output);
        Assert.Contains(save, run.Output);
    }

    [Fact]
    public void TheSameSeedGivesTheSameParameters()
    {
        var csv = ExactPlane();
        string Train(string seed, string name)
        {
            var save = Path.Combine(folder, name);
            Assert.Equal(0, Fad.Run("train", "--csv", csv, "--target", "y", "--epochs", "5", "--seed", seed, "--optimizer", "sgd", "--learning-rate", "0.05", "--save", save).ExitCode);
            return File.ReadAllText(save);
        }
        Assert.Equal(Train("3", "one.json"), Train("3", "two.json"));
        Assert.NotEqual(Train("3", "three.json"), Train("4", "four.json"));
    }

    [Fact]
    public void EarlyStoppingIsReported()
    {
        var run = Fad.Run("train", "--csv", ExactPlane(), "--target", "y", "--epochs", "5000", "--learning-rate", "0.05",
            "--patience", "3", "--save", Path.Combine(folder, "p.json"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("stopped:  early", run.Output);
    }

    [Theory]
    [InlineData("a,y\n1,2\n3,x\n", "line 3, column 'y': 'x' is not a number")]
    [InlineData("a,y\n1,2\n3\n", "line 3 has 1 fields, but the header has 2")]
    [InlineData("a,y\n", "has a header but no rows of data")]
    [InlineData("", "is empty")]
    [InlineData("a,a,y\n1,2,3\n", "the column name 'a' appears twice")]
    [InlineData("a,z\n1,2\n", "--target y: the CSV has no such column; its columns are: a, z")]
    [InlineData("y\n1\n", "only the target column")]
    [InlineData("bias,y\n1,2\n", "a column named 'bias'")]
    [InlineData("a,y\n\"1,2\n", "--csv: ")]
    public void AMalformedCsvIsNamed(string csv, string message)
    {
        var run = Fad.Run("train", "--csv", WriteCsv("bad.csv", csv), "--target", "y", "--save", Path.Combine(folder, "p.json"));
        GradCommandTests.AssertOneLineError(run, 1, message);
        Assert.False(File.Exists(Path.Combine(folder, "p.json")));
    }

    [Theory]
    [InlineData("--model", "mlp:16,16", 1, "multi-layer models are not available yet")]
    [InlineData("--model", "tree", 1, "unknown model")]
    [InlineData("--optimizer", "rmsprop", 1, "unknown optimizer")]
    [InlineData("--epochs", "0", 2, "--epochs must be a positive number")]
    [InlineData("--batch", "-1", 2, "--batch must be a positive number")]
    [InlineData("--learning-rate", "0", 2, "--learning-rate must be a positive number")]
    [InlineData("--epochs", "many", 2, "many")]
    public void ABadOptionIsNamed(string option, string value, int exitCode, string message)
    {
        var run = Fad.Run("train", "--csv", ExactPlane(), "--target", "y", option, value, "--save", Path.Combine(folder, "p.json"));
        GradCommandTests.AssertOneLineError(run, exitCode, message);
    }

    [Fact]
    public void MissingOptionsAndFilesAreNamed()
    {
        GradCommandTests.AssertOneLineError(Fad.Run("train", "--target", "y"), 2, "--csv <FILE> is required");
        GradCommandTests.AssertOneLineError(Fad.Run("train", "--csv", ExactPlane()), 2, "--target <COLUMN> is required");
        GradCommandTests.AssertOneLineError(Fad.Run("train", "--csv", Path.Combine(folder, "nowhere.csv"), "--target", "y"), 1, "does not exist");
    }

    [Fact]
    public void DivergenceIsAnErrorThatSuggestsASmallerRate()
    {
        var save = Path.Combine(folder, "diverged.json");
        var run = Fad.Run("train", "--csv", ExactPlane(), "--target", "y", "--optimizer", "sgd", "--learning-rate", "10", "--save", save);
        GradCommandTests.AssertOneLineError(run, 1, "training diverged");
        Assert.Contains("smaller --learning-rate", run.Error);
        Assert.True(File.Exists(save));
    }
}
