using System.Buffers.Binary;
using System.Globalization;
using FunctionalAD.Cli.Commands;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Cli.Tests;

/// <summary>
/// <c>fad demo</c>, run once into a temporary folder: what it prints (graph, the derivative table, the fit)
/// and the files it writes, each read back and checked for what it must contain.
/// </summary>
public sealed class DemoCommandTests : IClassFixture<DemoCommandTests.DemoRun>
{
    private readonly DemoRun demo;

    public DemoCommandTests(DemoRun demo) => this.demo = demo;

    /// <summary>One run of the demo shared by the tests of this class.</summary>
    public sealed class DemoRun : IDisposable
    {
        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "fad-demo-test-" + Guid.NewGuid().ToString("N"));

        public Fad.Outcome Outcome { get; }

        public DemoRun() => Outcome = Fad.Run("demo", "--out", Folder);

        public void Dispose()
        {
            if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        }
    }

    [Fact]
    public void Succeeds()
    {
        Assert.Equal("", demo.Outcome.Error);
        Assert.Equal(0, demo.Outcome.ExitCode);
    }

    [Fact]
    public void PrintsTheGraph()
    {
        Assert.Contains("y = w * x + b", demo.Outcome.Output);
        foreach (var node in new[] { "(+)", "(*)", "── w", "── x", "── b" }) Assert.Contains(node, demo.Outcome.Output);
    }

    [Fact]
    public void PrintsTheThreeWaysSideBySide()
    {
        // At w = 2, x = 3, b = 1: dy/dw = x = 3, dy/dx = w = 2, dy/db = 1.
        foreach (var (label, expected) in new[] { ("dy/dw", 3.0), ("dy/dx", 2.0), ("dy/db", 1.0) })
        {
            var row = demo.Outcome.Row(label);
            Assert.Equal(expected, double.Parse(row[2], CultureInfo.InvariantCulture));
            Assert.Equal(expected, double.Parse(row[3], CultureInfo.InvariantCulture));
            Assert.Equal(expected, double.Parse(row[4], CultureInfo.InvariantCulture), 8);
        }
        Assert.Contains("central difference", demo.Outcome.Output);
    }

    [Fact]
    public void LearnsTheLeastSquaresLine()
    {
        var line = demo.Outcome.Output.Split('\n').Single(l => l.StartsWith("Learned:"));
        var values = line.Split(' ', ',').Where(t => double.TryParse(t, CultureInfo.InvariantCulture, out _)).Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var (w, b) = (values[0], values[1]);

        // The least-squares line of the demo's data, solved here in closed form, with its standard errors.
        var rows = DemoData.Rows();
        var xs = rows.Select(r => r.Scalar("x")).ToArray();
        var ys = rows.Select(r => r.Scalar("y")).ToArray();
        double mx = xs.Average(), my = ys.Average(), sxx = xs.Sum(x => (x - mx) * (x - mx));
        var lw = xs.Zip(ys, (x, y) => (x - mx) * (y - my)).Sum() / sxx;
        var lb = my - lw * mx;
        var seW = DemoData.Noise / Math.Sqrt(sxx);
        var seB = DemoData.Noise * Math.Sqrt(1.0 / rows.Length + mx * mx / sxx);

        Assert.True(Math.Abs(w - lw) <= seW, $"w = {w}, least squares {lw}, se {seW}");
        Assert.True(Math.Abs(b - lb) <= seB, $"b = {b}, least squares {lb}, se {seB}");
        Assert.True(Math.Abs(w - DemoData.TrueW) <= 4 * seW && Math.Abs(b - DemoData.TrueB) <= 4 * seB);
    }

    [Fact]
    public void RedirectedOutputIsPlainTextWithProgressLines()
    {
        Assert.DoesNotContain('\u001b', demo.Outcome.Output);
        Assert.Contains("epoch  60/60", demo.Outcome.Output);
    }

    [Fact]
    public void NamesTheFolderAndTheFilesItWrote()
    {
        Assert.Contains(Path.GetFullPath(demo.Folder), demo.Outcome.Output);
        foreach (var file in new[] { "graph.dot", "graph.mmd", "loss.png" })
        {
            Assert.Contains(file, demo.Outcome.Output);
            Assert.True(File.Exists(Path.Combine(demo.Folder, file)), file);
        }
    }

    [Fact]
    public void GraphDotIsTheTextbookFigure()
    {
        var drawn = DrawnGraph.FromDot(File.ReadAllText(Path.Combine(demo.Folder, "graph.dot")));
        Assert.Equal(6, drawn.Nodes.Count);
        Assert.Equal(new[] { ("*", "+"), ("+", "y"), ("b", "+"), ("w", "*"), ("x", "*") }, drawn.LabelledEdges.Order());
        Assert.Equal(new[] { "b", "w", "x" }, drawn.LabelsOf("ellipse").Order());
    }

    [Fact]
    public void GraphMmdIsTheSameFigure()
    {
        var drawn = DrawnGraph.FromMermaid(File.ReadAllText(Path.Combine(demo.Folder, "graph.mmd")));
        Assert.Equal(new[] { ("*", "+"), ("+", "y"), ("b", "+"), ("w", "*"), ("x", "*") }, drawn.LabelledEdges.Order());
    }

    [Fact]
    public void LossPngIsAPicture()
    {
        var bytes = File.ReadAllBytes(Path.Combine(demo.Folder, "loss.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(640, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(400, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.True(bytes.Length > 5_000, "a plot with axes and a line, not an empty image");
    }

    [Fact]
    public void TheDefaultFolderIsNamedInTheHelp()
    {
        var help = Fad.Run("demo", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains(DemoSettings.DefaultFolder, help.Output);
        Assert.Equal("fad-demo-output", DemoSettings.DefaultFolder);
    }

    [Fact]
    public void AFolderThatCannotBeMadeIsAnInputError()
    {
        var file = Path.GetTempFileName();
        try
        {
            GradCommandTests.AssertOneLineError(Fad.Run("demo", "--out", file), 1, Path.GetFileName(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
