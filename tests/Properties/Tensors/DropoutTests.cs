using FsCheck;
using FsCheck.Fluent;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Dropout with an explicit key: the fraction dropped, the scale of what is kept, the mask as a function of the key
/// alone, derivatives through the mask in both modes and to second order, the identity at rate 0, and saved graphs.
/// </summary>
public class DropoutTests
{
    private static Tensor Random(Shape shape, Random random) => TensorChecks.Uniform(shape, random);

    private static double[] Mask(Shape shape, double rate, double key) =>
        Graph.Evaluate(Expr.Dropout(Expr.Constant(Tensor.Filled(shape, 1)), rate, Expr.Constant(key)), Bindings.Empty).ToArray();

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void AboutTheRateOfElementsIsDroppedAndTheRestScaledUp(double rate)
    {
        var shape = Shape.Of(20, 25, 40); // 20,000 elements: the fraction's standard deviation is at most 0.0036
        foreach (var key in new[] { 0.0, 1, 2, -3.5, 1e9 })
        {
            var mask = Mask(shape, rate, key);
            var dropped = mask.Count(m => m == 0) / (double)mask.Length;
            Assert.InRange(dropped, rate - 0.015, rate + 0.015);
            Assert.All(mask.Where(m => m != 0), m => Assert.Equal(1 / (1 - rate), m));
        }
    }

    [Fact]
    public void TheSameKeyGivesTheSameMaskAndAnotherKeyAnIndependentOne()
    {
        var shape = Shape.Matrix(100, 100);
        var graph = Expr.Dropout(Expr.Input("x", shape), 0.5, Expr.Input("key"));
        var x = Tensor.Filled(shape, 1);
        Tensor At(double key) => Graph.Evaluate(graph, Bindings.Of(("x", x), ("key", key)));
        Assert.Equal(At(42), At(42));
        Assert.Equal(At(0), At(-0.0));
        foreach (var (a, b) in new[] { (42.0, 43.0), (1, 2), (0, 0.5), (7, 7 + 1e-12) })
        {
            var (first, second) = (At(a).ToArray(), At(b).ToArray());
            var agree = first.Zip(second).Count(p => p.First == p.Second) / (double)first.Length;
            Assert.InRange(agree, 0.46, 0.54); // independent halves agree half the time
        }
    }

    [Fact]
    public void GradientsInBothModesAreTheMaskedOnesAndTheKeyGetsNone() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var shape = Shape.Of(random.Next(1, 5), random.Next(1, 5), random.Next(1, 5));
            var rate = random.NextDouble() * 0.9;
            var key = random.Next(-1000, 1000);
            var (x, w) = (Random(shape, random), Random(shape, random));
            var graph = Expr.Sum(Expr.Dropout(Expr.Input("x", shape), rate, Expr.Input("key")) * Expr.Input("w", shape));
            var at = Bindings.Of(("x", x), ("w", w), ("key", key));
            var mask = Tensor.Of(Mask(shape, rate, key), shape);
            var expected = (mask * w).ToArray();
            var gradient = Reverse.Grad(graph, at);
            Assert.Equal(expected, gradient["x"].ToArray());
            Assert.Equal(0, gradient["key"].ToScalar());
            var direction = Random(shape, random);
            var tangent = Forward.Jvp(graph, at, Bindings.Of(("x", direction), ("key", 1.0))).Tangent.ToScalar();
            Assert.Equal(expected.Zip(direction.ToArray()).Sum(p => p.First * p.Second), tangent, 1e-12);
            Assert.Equal(expected, Reverse.GradGraph(graph).Evaluate(at).Gradient["x"].ToArray());
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void TheGradientCheckPassesAtAFixedKey() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var shape = Shape.Matrix(random.Next(1, 5), random.Next(1, 5));
            var dropped = Expr.Dropout(Expr.Tanh(Expr.Input("x", shape)), 0.3, Expr.Constant(seed));
            var at = Bindings.Of(("x", Random(shape, random)), ("w", Random(shape, random)));
            GradientCheck.Of(Expr.Sum(Expr.Sin(dropped) * Expr.Input("w", shape)), at).ThrowIfFailed();
            GradientCheck.Of(dropped, at).ThrowIfFailed();
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void RateZeroIsTheIdentityAndOtherRatesAndKeysAreChecked()
    {
        Expr x = Expr.Input("x", Shape.Matrix(2, 3)), key = Expr.Input("key");
        Assert.Same(x, Expr.Dropout(x, 0, key));
        Assert.Throws<ArgumentOutOfRangeException>(() => Expr.Dropout(x, 1, key));
        Assert.Throws<ArgumentOutOfRangeException>(() => Expr.Dropout(x, -0.1, key));
        Assert.Throws<ArgumentOutOfRangeException>(() => Expr.Dropout(x, double.NaN, key));
        var vectorKey = Assert.Throws<ShapeMismatchException>(() => Expr.Dropout(x, 0.5, Expr.Input("k", Shape.Vector(2))));
        Assert.Equal("Dropout", vectorKey.Operation);
        Assert.Contains("2×3", vectorKey.Message);
        Assert.Contains("shape 2", vectorKey.Message);
        Assert.Throws<ShapeMismatchException>(() => Expr.Dropout(x, 0, Expr.Input("k", Shape.Vector(2))));
    }

    [Fact]
    public void ADropoutGraphSavesLoadsAndCompiles()
    {
        var random = new Random(9);
        var shape = Shape.Matrix(3, 4);
        var graph = Expr.Sum(Expr.Tanh(Expr.Dropout(Expr.Input("x", shape), 0.25, Expr.Input("key"))));
        var at = Bindings.Of(("x", Random(shape, random)), ("key", 12));
        var json = GraphJson.Serialize(graph);
        Assert.Equal(graph, GraphJson.Deserialize(json));
        Assert.Contains("\"operation\":\"Dropout\",\"parameters\":[0.25]", json);
        var compiled = Reverse.Compile(graph).Invoke(at);
        Assert.Equal(Reverse.Grad(graph, at)["x"], compiled.Gradient["x"]);
        Assert.Contains("dropout(x, key, rate: 0.25)", graph.ToString(), StringComparison.OrdinalIgnoreCase);
        var bad = json.Replace("[0.25]", "[1.5]", StringComparison.Ordinal);
        Assert.Contains("the rate, in (0, 1)", Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(bad)).Message);
    }
}
