using System.Text;
using System.Text.RegularExpressions;

namespace FunctionalAD.Documentation.Tests;

/// <summary>
/// The snippets of docs/serialization.md and docs/reliability.md, run; the JSON documents shown in
/// docs/serialization.md are read from the file itself and compared with what the library writes.
/// </summary>
public sealed partial class ReliabilityDocumentationExamples : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("functionalad-docs-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>The fenced <c>json</c> blocks of a document under docs/, found from the test's folder upwards.</summary>
    private static List<string> JsonBlocks(string document)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", document))) directory = directory.Parent;
        Assert.NotNull(directory);
        var text = File.ReadAllText(Path.Combine(directory.FullName, "docs", document));
        return [.. JsonFence().Matches(text).Select(m => m.Groups[1].Value)];
    }

    /// <summary>The text without white space outside strings (the documents' strings hold none).</summary>
    private static string Compact(string json) => Regex.Replace(json, @"\s+", "");

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonFence();

    [Fact]
    public void SerializationSnippet()
    {
        var (w, x, b) = (Expr.Input("w"), Expr.Input("x"), Expr.Input("b"));
        Expr loss = 0.5 * Expr.Pow(w * x + b, 2.0);
        var at = Bindings.Of(("x", 3.0), ("w", 2.0), ("b", 1.0));

        string json = GraphJson.Serialize(loss, indented: true);
        Expr back = GraphJson.Deserialize(json);
        Assert.True(back == loss);
        Assert.Equal(Graph.NodeCount(loss), Graph.NodeCount(back));
        Assert.True(Reverse.Grad(back, at).Equals(Reverse.Grad(loss, at)));

        var lossFile = Path.Combine(folder, "loss.json");
        var pointFile = Path.Combine(folder, "point.json");
        GraphJson.Save(loss, lossFile);
        ParameterJson.Save(at, pointFile);
        Expr model = GraphJson.Load(lossFile);
        Bindings point = ParameterJson.LoadBindings(pointFile);
        Assert.Equal(loss, model);
        Assert.Equal(at, point);
    }

    [Fact]
    public void SerializationDocumentsAreWhatTheLibraryWritesAndReads()
    {
        var blocks = JsonBlocks("serialization.md");
        Assert.Equal(4, blocks.Count);
        var (w, x, b) = (Expr.Input("w"), Expr.Input("x"), Expr.Input("b"));
        Expr loss = 0.5 * Expr.Pow(w * x + b, 2.0);
        var at = Bindings.Of(("x", 3.0), ("w", 2.0), ("b", 1.0));

        Assert.Equal(Compact(blocks[0]), GraphJson.Serialize(loss));
        Assert.Equal(loss, GraphJson.Deserialize(blocks[0]));
        // Blocks in document order: the scalar graph, the tensor graph, the scalar point, the tensor point.
        Assert.Equal(Compact(blocks[2]), Compact(ParameterJson.Serialize(at)));
        Assert.Equal(at, ParameterJson.DeserializeBindings(blocks[2]));

        var (scores, point) = TensorExample();
        Assert.Equal(Compact(blocks[1]), GraphJson.Serialize(scores));
        Assert.Equal(scores, GraphJson.Deserialize(blocks[1]));
        Assert.Equal(Compact(blocks[3]), Compact(ParameterJson.Serialize(point)));
        Assert.Equal(point, ParameterJson.DeserializeBindings(blocks[3]));
    }

    private static (Expr Scores, Bindings Point) TensorExample()
    {
        var W = Expr.Input("W", Shape.Matrix(2, 3));
        var x = Expr.Input("x", Shape.Vector(3));
        Expr scores = Expr.LogSumExp(Expr.MatMul(W, x) + Expr.Constant(Tensor.Vector(0.5, -1)));
        var point = Bindings.Of(("W", Tensor.Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } })), ("x", Tensor.Vector(1, 0, -1)));
        return (scores, point);
    }

    // docs/serialization.md, "Tensor graphs".
    [Fact]
    public void TensorSerializationSnippet()
    {
        var (scores, point) = TensorExample();
        Expr back = GraphJson.Deserialize(GraphJson.Serialize(scores));
        Assert.True(back == scores);
        Assert.True(Reverse.Grad(back, point).Equals(Reverse.Grad(scores, point)));
        Bindings same = ParameterJson.DeserializeBindings(ParameterJson.Serialize(point));
        Assert.Equal(point, same);
    }

    // docs/reliability.md, "Anomaly detection".
    [Fact]
    public void AnomalyDetectionSnippet()
    {
        var x = Expr.Input("x");
        var y = 3.0 * Expr.Sqrt(x) + 1.0;
        var at = Bindings.Of(("x", 0.0));
        Assert.Equal("reverse mode: the pullback of sqrt(x) sent +∞ to its argument 0 (arguments: 0)", Anomalies.Find(y, at)!.ToString());
        Assert.Equal("forward mode: the tangent of sqrt(x) along x is +∞ (arguments: 0)",
            Anomalies.Find(y, at, DifferentiationMode.Forward)!.ToString());
        Assert.Null(Anomalies.Find(y, Bindings.Of(("x", 4.0))));
        var e = Assert.Throws<AnomalyException>(() => Anomalies.CheckedGrad(y, at));
        Assert.StartsWith("NaN or infinity detected: reverse mode: ", e.Message);
    }

    // docs/reliability.md, "Per-example gradients in parallel".
    [Fact]
    public void PerExampleGradientsSnippet()
    {
        var w = Expr.Input("w");
        var loss = (w * Expr.Input("x") - 1.0) * (w * Expr.Input("x") - 1.0);
        var batch = new[] { Bindings.Of(("w", 0.5), ("x", 1.0)), Bindings.Of(("w", 0.5), ("x", 2.0)) };
        var gradients = Reverse.GradEach(loss, batch, parallel: true);
        Assert.Equal(new[] { "w = -1, x = -0.5", "w = 0, x = 0" }, gradients.Select(g => g.ToString()));
    }
}
