using System.Text;

namespace FunctionalAD.Properties.Serialization;

/// <summary>
/// Saving is atomic: a save that fails part-way leaves the previous file byte for byte as it was and no
/// temporary file behind. Loading names the file in its errors and refuses an oversized file before reading it.
/// </summary>
public sealed class FileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("functionalad-files-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static readonly Expr X = Expr.Input("x"), W = Expr.Input("w"), B = Expr.Input("b");

    private string[] Files() => [.. Directory.GetFiles(folder).Select(Path.GetFileName).Order()!];

    [Fact]
    public void AGraphAndItsParametersSaveAndLoad()
    {
        var y = Expr.Tanh(W * X + B);
        var at = Bindings.Of(("x", 0.5), ("w", -1.25), ("b", 0.1));
        var graphFile = Path.Combine(folder, "model.json");
        var parameterFile = Path.Combine(folder, "point.json");
        var gradientFile = Path.Combine(folder, "gradient.json");
        GraphJson.Save(y, graphFile);
        ParameterJson.Save(at, parameterFile);
        ParameterJson.Save(Reverse.Grad(y, at), gradientFile);

        var loaded = GraphJson.Load(graphFile);
        var point = ParameterJson.LoadBindings(parameterFile);
        Assert.Equal(y, loaded);
        Assert.Equal(at, point);
        Assert.Equal(Reverse.Grad(y, at), Reverse.Grad(loaded, point));
        Assert.Equal(Reverse.Grad(y, at), ParameterJson.LoadGradient(gradientFile));
        Assert.Equal(["gradient.json", "model.json", "point.json"], Files());

        GraphJson.Save(y * y, graphFile, indented: true); // overwrites
        Assert.Equal(y * y, GraphJson.Load(graphFile));
    }

    [Fact]
    public void ASaveThatFailsPartWayLeavesThePreviousFileIntact()
    {
        var file = Path.Combine(folder, "point.json");
        ParameterJson.Save(Bindings.Of(("a", 1.0), ("b", 2.0)), file);
        var before = File.ReadAllBytes(file);

        // The NaN is found while writing, after the entry 'a' is already in the temporary file.
        var e = Assert.Throws<ArgumentException>(() =>
            ParameterJson.Save(Bindings.Of(("a", 3.0), ("b", double.NaN), ("c", 4.0)), file));
        Assert.Contains("'b'", e.Message);
        Assert.Equal(before, File.ReadAllBytes(file));
        Assert.Equal(["point.json"], Files());
        Assert.Equal(Bindings.Of(("a", 1.0), ("b", 2.0)), ParameterJson.LoadBindings(file));
    }

    [Fact]
    public void AWriterThatDiesMidStreamLeavesThePreviousFileIntact()
    {
        var file = Path.Combine(folder, "graph.json");
        GraphJson.Save(X * W, file);
        var before = File.ReadAllBytes(file);
        var halfOfANewDocument = Encoding.UTF8.GetBytes(GraphJson.Serialize(Expr.Sin(X)))[..30];
        Assert.Throws<IOException>(() => AtomicFile.Write(file, stream =>
        {
            stream.Write(halfOfANewDocument);
            stream.Flush();
            throw new IOException("the disk is full");
        }));
        Assert.Equal(before, File.ReadAllBytes(file));
        Assert.Equal(["graph.json"], Files());
    }

    [Fact]
    public void TheTemporaryIsVisibleAndStaleOnesOfEndedProcessesAreRemoved()
    {
        var file = Path.Combine(folder, "graph.json");
        // No process has an id above the kernel's largest (4,194,304); this process runs.
        var stale = Path.Combine(folder, "graph.json.fad-partial-4194305.tmp");
        var ours = Path.Combine(folder, $"other.json.fad-partial-{Environment.ProcessId}.tmp");
        var notOurs = Path.Combine(folder, ".graph.json.0123456789abcdef.tmp");
        foreach (var path in new[] { stale, ours, notOurs }) File.WriteAllText(path, "left behind");
        string[] during = [];
        GraphJson.Save(X * W, file);
        AtomicFile.Write(Path.Combine(folder, "seen.json"), stream => during = Files());

        Assert.Contains($"seen.json.fad-partial-{Environment.ProcessId}.tmp", during);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(ours));
        Assert.True(File.Exists(notOurs));
    }

    [Fact]
    public void ReplacingAFileKeepsItsPermissions()
    {
        if (OperatingSystem.IsWindows()) return;
        var file = Path.Combine(folder, "private.json");
        ParameterJson.Save(Bindings.Of(("a", 1.0)), file);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        ParameterJson.Save(Bindings.Of(("a", 2.0)), file);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(Bindings.Of(("a", 2.0)), ParameterJson.LoadBindings(file));
    }

    [Fact]
    public void SavingIntoAMissingFolderFailsCleanly()
    {
        var file = Path.Combine(folder, "missing", "graph.json");
        Assert.Throws<DirectoryNotFoundException>(() => GraphJson.Save(X, file));
        Assert.Empty(Files());
    }

    [Fact]
    public void LoadingABadFileNamesTheFile()
    {
        var file = Path.Combine(folder, "broken.json");
        File.WriteAllText(file, "{\"format\":\"functionalad.graph\",\"version\":1,\"nodes\":[{\"id\":0,\"kind\":\"input\",\"name\":\"x\"}],\"output\":3}");
        var e = Assert.Throws<GraphFormatException>(() => GraphJson.Load(file));
        Assert.Equal(file, e.File);
        Assert.Contains(file, e.Message);
        Assert.Equal("$.output", e.Path);
        Assert.Equal(file, Assert.Throws<GraphFormatException>(() => ParameterJson.LoadBindings(file)).File);

        var big = Assert.Throws<GraphFormatException>(() => GraphJson.Load(file, new GraphJsonLimits { MaxDocumentBytes = 10 }));
        Assert.Contains("more than the limit of 10", big.Problem);
        Assert.Throws<FileNotFoundException>(() => GraphJson.Load(Path.Combine(folder, "absent.json")));
    }

    [Fact]
    public void AByteOrderMarkIsAccepted()
    {
        var file = Path.Combine(folder, "bom.json");
        File.WriteAllText(file, GraphJson.Serialize(X + 1), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal(X + 1, GraphJson.Load(file));
    }
}
