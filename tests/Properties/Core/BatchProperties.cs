using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// Per-example gradients: in parallel (on <see cref="Threads.Count"/> threads) they are the sequential ones,
/// bit for bit, and each is <see cref="Reverse.Grad(Expr, Bindings)"/> at its point, on scalar and tensor graphs.
/// </summary>
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
            var sequential = Reverse.GradEach(c.Graph, points, parallel: false);
            var parallel = Reverse.GradEach(c.Graph, points, parallel: true);
            Require(sequential.Length == points.Count && parallel.Length == points.Count, () => "a gradient is missing");
            for (var k = 0; k < points.Count; k++)
            {
                var one = Reverse.Grad(c.Graph, points[k]);
                Require(sequential[k].Equals(one) && parallel[k].Equals(one), () => $"point {k}: {parallel[k]} in parallel, {one} alone");
            }
        }), Cases.Count(300));

    /// <summary>Per-example gradients of a tensor graph (logistic regression, one example a point), in parallel.</summary>
    [Fact]
    public void PerExampleGradientsOfATensorGraphAreEachPointsGradient()
    {
        var (w, x, y) = (Expr.Input("w", Shape.Vector(4)), Expr.Input("x", Shape.Vector(4)), Expr.Input("y"));
        var loss = Expr.Softplus(-y * Expr.Dot(w, x));
        var random = new Random(3);
        var weights = Tensor.Vector(0.5, -1, 0.25, 2);
        var points = Enumerable.Range(0, 64).Select(_ => Bindings.Of(
            ("w", weights), ("x", Tensor.Vector([.. Enumerable.Range(0, 4).Select(_ => random.NextDouble() * 2 - 1)])), ("y", random.Next(2) * 2.0 - 1))).ToList();
        var each = Reverse.GradEach(loss, points, parallel: true);
        for (var k = 0; k < points.Count; k++) Assert.Equal(Reverse.Grad(loss, points[k]), each[k]);
        Assert.Equal("The input 'x' has shape 4, but it is bound to a tensor of shape 3.",
            Assert.Throws<ShapeMismatchException>(() => Reverse.GradEach(loss, [points[0], points[1].With("x", Tensor.Vector(1, 2, 3))])).Message);
    }

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
