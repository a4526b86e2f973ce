using FunctionalAD.Properties.Generators;

namespace FunctionalAD.Properties.Tensors;

/// <summary>The tensor generator reaches what the properties claim to cover: every operation, broadcasting, every rank.</summary>
public class TensorGraphGenTests
{
    private static readonly List<TensorGraphCase> Sample =
        [.. Enumerable.Range(0, 500).Select(seed => TensorGraphGen.Build(new Random(seed), 8))];

    private static IEnumerable<Expr> AllNodes => Sample.SelectMany(c => Graph.Nodes(c.Graph));

    [Fact]
    public void EveryOperationAppears()
    {
        var seen = AllNodes.OfType<ApplyNode>().Where(a => a.Primitive is TensorOperation).Select(o => o.Primitive.Name).ToHashSet();
        Assert.Empty(TensorGraphGen.Operations.Except(seen));
    }

    [Fact]
    public void EveryScalarPrimitiveAppearsElementwiseOnTensors()
    {
        // Primitives with a narrow domain (acosh wants every element ≥ 1.1) are rare: draw until each has appeared.
        var missing = Primitives.All.Select(p => p.Name).ToHashSet();
        for (var seed = 0; seed < 20_000 && missing.Count > 0; seed++)
            missing.ExceptWith(Graph.Nodes(TensorGraphGen.Build(new Random(seed), 8).Graph)
                .OfType<ApplyNode>().Where(a => !a.Shape.IsScalar).Select(a => a.Primitive.Name));
        Assert.Empty(missing);
    }

    [Fact]
    public void BroadcastingAppearsInBothDirections()
    {
        var broadcasts = AllNodes.OfType<ApplyNode>().Where(a => a.Primitive is not TensorOperation && a.Arguments.Length == 2 && a.Arguments.Any(x => x.Shape != a.Shape)).ToList();
        Assert.Contains(broadcasts, a => a.Arguments.Any(x => x.Shape.Rank == 1) && a.Shape.Rank == 2);                  // a row over a matrix
        Assert.Contains(broadcasts, a => a.Arguments.Any(x => x.Shape.Rank == 2 && x.Shape[1] == 1 && a.Shape[1] > 1)); // a column
        Assert.Contains(broadcasts, a => a.Arguments.Any(x => x.Shape.IsScalar) && !a.Shape.IsScalar);                // a scalar
    }

    [Fact]
    public void OutputsOfEveryRankAndGraphsOfSomeSize()
    {
        Assert.Equal([0, 1, 2], Sample.Select(c => c.Graph.Shape.Rank).Distinct().Order());
        Assert.True(Sample.Average(c => Graph.NodeCount(c.Graph)) >= 4, "graphs are too small");
        Assert.True(Sample.Count(c => Graph.Inputs(c.Graph).Length >= 2) >= 100, "too few graphs with several inputs");
        Assert.All(Sample, c => Assert.True(c.Sensitivity <= Domains.MaxSensitivity));
    }
}
