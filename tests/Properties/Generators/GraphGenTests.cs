using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Generators;

/// <summary>The generator makes what the properties rely on, and the shrinker only proposes smaller valid cases.</summary>
public class GraphGenTests
{
    [Fact]
    public void EveryGeneratedPointIsInsideEveryDomain() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            Require(c.Graph is ApplyNode, () => "the root is not an application");
            Require(GraphTools.Admissible(c.Graph, c.Point), () => "the point is outside a domain");
        }));

    [Fact]
    public void FixedValuesAndTheCatalogueAreRespected() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(new GraphOptions
        {
            Prefix = "y", Fixed = Bindings.Of(("u", 1.25)), Catalogue = [Primitives.Sin, Primitives.Multiply],
        }), c =>
        {
            Require(c.Point.GetOrDefault("u", double.NaN) == 1.25, () => "u lost its fixed value");
            Require(c.Point.Names.All(n => n == "u" || n.StartsWith('y')), () => $"unexpected inputs {c.Point}");
            var used = Graph.Nodes(c.Graph).OfType<ApplyNode>().Select(a => a.Primitive.Name).ToHashSet();
            Require(used.IsSubsetOf(["sin", "mul", "add"]), () => $"primitives outside the catalogue: {string.Join(", ", used)}");
        }));

    [Theory]
    [MemberData(nameof(MutationTests.AllPrimitives), MemberType = typeof(MutationTests))]
    public void ARequiredPrimitiveIsOnAPathToTheRoot(string primitive)
    {
        var required = GraphOptions.DefaultCatalogue.Single(p => p.ToString() == primitive);
        var random = new Random(17);
        for (var i = 0; i < 200; i++)
        {
            var c = GraphGen.Build(new GraphOptions { Required = required }, random);
            Assert.Contains(Graph.Nodes(c.Graph), n => n is ApplyNode a && ReferenceEquals(a.Primitive, required));
        }
    }

    /// <summary>Over many cases the graphs use every primitive, share nodes, reach depth and use several inputs.</summary>
    [Fact]
    public void TheGraphsAreVaried()
    {
        var random = new Random(2024);
        var cases = Enumerable.Range(0, 2000).Select(_ => GraphGen.Build(new GraphOptions(), random)).ToList();
        var used = cases.SelectMany(c => Graph.Nodes(c.Graph).OfType<ApplyNode>().Select(a => a.Primitive)).ToHashSet();
        Assert.Empty(GraphOptions.DefaultCatalogue.Where(p => !used.Contains(p)));
        Assert.Contains(cases, c => Depth(c.Graph) >= 8);
        Assert.Contains(cases, c => Graph.Inputs(c.Graph).Length >= 4);
        Assert.True(cases.Count(IsShared) > cases.Count / 4, "too few graphs with a node used twice");
    }

    [Fact]
    public void ShrinkingProposesOnlySmallerCasesInsideEveryDomain() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            foreach (var smaller in GraphGen.Shrink(c))
            {
                Require(Graph.NodeCount(smaller.Graph) < Graph.NodeCount(c.Graph), () => $"{smaller} is not smaller than {c}");
                Require(GraphTools.Admissible(smaller.Graph, smaller.Point), () => $"{smaller} is outside a domain");
                Require(smaller.Point.Names.SequenceEqual(Graph.Inputs(smaller.Graph)), () => $"{smaller} binds other inputs");
            }
        }));

    /// <summary>A property that fails on any graph containing tan shrinks to a graph whose root is that tan.</summary>
    [Fact]
    public void AFailureShrinksToTheOffendingNode()
    {
        var failure = Assert.ThrowsAny<Exception>(() => Cases.Check(
            Prop.ForAll(GraphGen.Arbitrary(new GraphOptions { Required = Primitives.Tan }),
                c => Require(!Graph.Nodes(c.Graph).Any(n => n is ApplyNode { Primitive.Name: "tan" }), () => "tan")),
            100));
        // FsCheck prints the shrunk case after "Shrunk:", or only "Original:" when the first failure was already minimal.
        var lines = failure.Message.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("Shrunk:"));
        var shrunk = lines[(header >= 0 ? header : Array.FindIndex(lines, l => l.StartsWith("Original:"))) + 1];
        Assert.StartsWith("tan(", shrunk);
        Assert.Single(shrunk.Split("tan(").Skip(1));
    }

    private static int Depth(Expr graph)
    {
        var depth = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        foreach (var node in Graph.Nodes(graph))
            depth[node] = node is ApplyNode a ? 1 + a.Arguments.Max(x => depth[x]) : 0;
        return depth[graph];
    }

    private static bool IsShared(GraphCase c)
    {
        var uses = Graph.Nodes(c.Graph).OfType<ApplyNode>().SelectMany(a => a.Arguments)
            .GroupBy(n => n, ReferenceEqualityComparer.Instance);
        return uses.Any(g => g.Key is ApplyNode && g.Count() > 1);
    }
}
