using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Core;

/// <summary>Per-example gradients: in parallel they are the sequential ones, bit for bit, and each is <see cref="Reverse.Grad"/> at its point.</summary>
public class BatchProperties
{
    [Fact]
    public void ParallelPerExampleGradientsAreTheSequentialOnes() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), Numbers.Coefficient(), (c, spread) =>
        {
            // 64 points around the generated one (some may leave the domains: NaN compares by its bits too).
            var points = Enumerable.Range(0, 64)
                .Select(k => Bindings.From(c.Point.Select((p, j) => KeyValuePair.Create(p.Key, p.Value + spread * Math.Sin(k + 7 * j) / 10))))
                .ToList();
            var sequential = Reverse.GradEach(c.Graph, points);
            var parallel = Reverse.GradEach(c.Graph, points, parallel: true);
            Require(sequential.Length == points.Count && parallel.Length == points.Count, () => "a gradient is missing");
            for (var k = 0; k < points.Count; k++)
            {
                var one = Reverse.Grad(c.Graph, points[k]);
                Require(sequential[k].Equals(one) && parallel[k].Equals(one), () => $"point {k}: {parallel[k]} in parallel, {one} alone");
            }
        }), Cases.Count(300));

    [Fact]
    public void ABadPointIsReportedInBatchOrder()
    {
        var x = Expr.Input("x");
        var points = new[] { Bindings.Of(("x", 1.0)), Bindings.Of(("y", 1.0)), null! };
        Assert.Equal("x", Assert.Throws<UnboundInputException>(() => Reverse.GradEach(x * x, points, parallel: true)).InputName);
        var e = Assert.Throws<ArgumentException>(() => Reverse.GradEach(x * x, [Bindings.Of(("x", 1.0)), null!], parallel: true));
        Assert.Contains("index 1", e.Message);
        Assert.Empty(Reverse.GradEach(x * x, [], parallel: true));
    }
}
