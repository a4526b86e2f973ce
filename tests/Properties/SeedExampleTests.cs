namespace FunctionalAD.Properties;

/// <summary>The seed example y = w·x + b: dy/dw = x, dy/dx = w, dy/db = 1, from both modes.</summary>
public class SeedExampleTests
{
    private static readonly Expr W = Expr.Input("w"), X = Expr.Input("x"), B = Expr.Input("b");
    private static readonly Expr Y = W * X + B;

    [Theory]
    [InlineData(3.0, 2.0, 1.0)]
    [InlineData(-1.5, 0.25, 7.0)]
    [InlineData(0.0, -4.0, -2.0)]
    [InlineData(1e6, 1e-6, 0.5)]
    public void BothModesGiveTheTextbookPartials(double x, double w, double b)
    {
        var at = Bindings.Of(("x", x), ("w", w), ("b", b));
        foreach (var gradient in new[] { Reverse.Grad(Y, at), Forward.Grad(Y, at) })
        {
            Assert.Equal(x, gradient["w"].ToScalar());
            Assert.Equal(w, gradient["x"].ToScalar());
            Assert.Equal(1.0, gradient["b"].ToScalar());
        }
        Assert.Equal(w * x + b, Graph.Evaluate(Y, at).ToScalar());
    }

    [Fact]
    public void TheGraphIsAMultiplyFeedingAnAdd()
    {
        var add = Assert.IsType<ApplyNode>(Y);
        Assert.Equal(Primitives.Add, add.Primitive);
        var mul = Assert.IsType<ApplyNode>(add.Arguments[0]);
        Assert.Equal(Primitives.Multiply, mul.Primitive);
        Assert.Equal(B, add.Arguments[1]);
        Assert.Equal("w * x + b", Y.ToString());
        Assert.Equal(5, Graph.NodeCount(Y));
    }

    [Fact]
    public void TheFacadeReadsAsASentence()
    {
        var gradient = Differentiate.Expression(Y).At(("x", 3.0), ("w", 2.0), ("b", 1.0)).Gradient();
        Assert.Equal(3.0, gradient["w"].ToScalar());
        Assert.Equal(2.0, gradient["x"].ToScalar());
        Assert.Equal(1.0, gradient["b"].ToScalar());
        var forward = Differentiate.Expression(Y).At(("x", 3.0), ("w", 2.0), ("b", 1.0)).Forward();
        Assert.Equal(Mode.Forward, forward.Mode);
        Assert.Equal(gradient, forward.Gradient());
        Assert.Equal(2.0, forward.DerivativeBy("x"));
        Assert.Equal(7.0, forward.Value());
    }
}
