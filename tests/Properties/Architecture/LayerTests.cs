using System.Collections.Immutable;

namespace FunctionalAD.Properties.Architecture;

/// <summary>
/// The core's folders are its layers (docs/architecture.md): a file may use what its own layer and the layers below it
/// declare, never what a layer above declares, so no arrow points up and there is no cycle between layers.
/// </summary>
public sealed class LayerTests
{
    /// <summary>The layers, bottom first; each is a set of top-level folders of src/Core.Immutable.</summary>
    internal static readonly ImmutableArray<ImmutableArray<string>> Layers =
    [
        ["Values", "LinearAlgebra"],
        ["Graphs"],
        ["Rules"],
        ["Numbers", "Primitives"],
        ["Engines", "Compilation"],
        ["Transformations", "Diagnostics", "Functions"],
        ["Serialization"],
    ];

    internal static int LayerOf(string file)
    {
        var folder = file.Split('/')[0];
        for (var i = 0; i < Layers.Length; i++)
            if (Layers[i].Contains(folder)) return i;
        return -1;
    }

    [Fact]
    public void EveryFileOfTheCoreIsInALayer()
    {
        var files = SourceUses.All.Value.Select(u => u.File).Distinct().Where(f => LayerOf(f) < 0).Order().ToList();
        Assert.True(files.Count == 0, "Files in no layer (add their folder to LayerTests.Layers): " + string.Join(", ", files));
    }

    [Fact]
    public void NoFileUsesALayerAboveItsOwn()
    {
        var upward = SourceUses.All.Value
            .Select(u => (Use: u, From: LayerOf(u.File), To: u.DeclaredIn.Min(LayerOf)))
            .Where(u => u.From >= 0 && u.To > u.From)
            .Select(u => $"{u.Use.File}:{u.Use.Line} uses {u.Use.Name} ({string.Join(", ", u.Use.DeclaredIn)})")
            .ToList();
        Assert.True(upward.Count == 0, $"{upward.Count} uses point up a layer:\n" + string.Join("\n", upward));
    }

    /// <summary>The check is not vacuous: it sees the engines use the graphs, and the same uses, read with the layers in reverse order, point up.</summary>
    [Fact]
    public void TheCheckSeesTheUsesThatWouldPointUpWithTheLayersReversed()
    {
        var uses = SourceUses.All.Value;
        Assert.Contains(uses, u => u.File == "Engines/Interpreter.cs" && u.DeclaredIn.Contains("Graphs/Topology.cs"));
        Assert.Contains(uses, u => u.File.StartsWith("Primitives/", StringComparison.Ordinal) && u.DeclaredIn.Contains("Graphs/Expr.cs"));
        var reversedUpward = uses.Count(u => LayerOf(u.File) is >= 0 and var from && u.DeclaredIn.Min(LayerOf) is var to && to >= 0 && to < from);
        Assert.True(reversedUpward > 100, $"Only {reversedUpward} uses point down a layer; the check finds too little to be trusted.");
    }
}
