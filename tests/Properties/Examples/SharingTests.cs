namespace FunctionalAD.Properties.Examples;

/// <summary>
/// Sharing: a node used twice is one node — counted once, evaluated once — and the adjoint
/// contributions of its uses add. Sharing is by reference: reuse the C# variable that holds the node.
/// </summary>
public class SharingTests
{
    private static readonly Expr X = Expr.Input("x");

    [Fact]
    public void ASquareOfASharedSumHasFourNodesAndDerivativeTwoS()
    {
        var s = X + 1;
        var y = s * s;
        Assert.Equal(4, Graph.NodeCount(y)); // x, 1, s, y
        foreach (var x in new[] { 2.0, -0.5, 10.0 })
        {
            var at = Bindings.Of(("x", x));
            var twoS = 2 * (x + 1);
            Assert.Equal((x + 1) * (x + 1), Graph.Evaluate(y, at));
            Assert.Equal(twoS, Reverse.Grad(y, at)["x"]);
            Assert.Equal(twoS, Forward.Grad(y, at)["x"]);
        }
    }

    [Fact]
    public void StructurallyEqualButSeparatelyBuiltNodesAreNotShared()
    {
        var y = (X + 1) * (X + 1);
        Assert.Equal(6, Graph.NodeCount(y)); // x, two constants 1, two sums, the product
        Assert.Equal((X + 1) * (X + 1), y); // yet equal as a structure...
        Assert.Equal(6.0, Reverse.Grad(y, Bindings.Of(("x", 2.0)))["x"]); // ...and the same function
    }

    [Fact]
    public void AdjointsAddAroundADiamond()
    {
        // s = x·x feeds both sin s and cos s, which meet again in y: dy/dx = 2x·(cos s − sin s).
        var s = X * X;
        var y = Expr.Sin(s) + Expr.Cos(s);
        Assert.Equal(5, Graph.NodeCount(y)); // x, s, sin s, cos s, y
        foreach (var x in new[] { 0.3, -1.7, 2.5 })
        {
            var at = Bindings.Of(("x", x));
            var expected = 2 * x * (Math.Cos(x * x) - Math.Sin(x * x));
            Assert.Equal(expected, Reverse.Grad(y, at)["x"], 1e-14);
            Assert.Equal(expected, Forward.Grad(y, at)["x"], 1e-14);
        }
    }

    [Fact]
    public void AnInputUsedByEveryTermAddsUpItsContributions()
    {
        // y = x·w + x·x + sin x: three uses of x, dy/dx = w + 2x + cos x.
        var w = Expr.Input("w");
        var y = X * w + X * X + Expr.Sin(X);
        var at = Bindings.Of(("x", 0.7), ("w", -3.0));
        var expected = -3.0 + 2 * 0.7 + Math.Cos(0.7);
        Assert.Equal(expected, Reverse.Grad(y, at)["x"], 1e-15);
        Assert.Equal(expected, Forward.Grad(y, at)["x"], 1e-15);
        Assert.Equal(0.7, Reverse.Grad(y, at)["w"]);
    }

    [Fact]
    public void AHundredThousandUsesOfOneNodeStayLinear()
    {
        const int uses = 100_000;
        var s = Expr.Sin(X);
        var y = s;
        for (var i = 1; i < uses; i++) y += s;
        Assert.Equal(2 + (uses - 1), Graph.NodeCount(y)); // x, sin x, and one add per extra use
        var at = Bindings.Of(("x", 0.25));
        Close.Relative(uses * Math.Sin(0.25), Graph.Evaluate(y, at), 1e-10); // 99,999 rounded additions
        Close.Relative(uses * Math.Cos(0.25), Reverse.Grad(y, at)["x"], 1e-12);
        Close.Relative(uses * Math.Cos(0.25), Forward.Grad(y, at)["x"], 1e-12);
    }

    [Fact]
    public void DoublingSixtyTimesIsSixtyOneNodesNotATreeOfTwoToTheSixty()
    {
        // y ← y + y: the tree this graph denotes has 2⁶¹ − 1 nodes, the graph 61.
        static Expr Doubled(Expr x)
        {
            var y = x;
            for (var i = 0; i < 60; i++) y += y;
            return y;
        }
        var y = Doubled(X);
        Assert.Equal(61, Graph.NodeCount(y));
        var at = Bindings.Of(("x", 3.0));
        var twoToTheSixty = Math.Pow(2, 60);
        Assert.Equal(3 * twoToTheSixty, Graph.Evaluate(y, at));
        Assert.Equal(twoToTheSixty, Reverse.Grad(y, at)["x"]);
        Assert.Equal(twoToTheSixty, Forward.Grad(y, at)["x"]);

        // Equality compares each pair of shared nodes once; printing stops at the length cap.
        Assert.Equal(Doubled(Expr.Input("x")), y);
        Assert.NotEqual(Doubled(Expr.Input("z")), y);
        var text = y.ToString();
        Assert.Equal(4097, text.Length);
        Assert.StartsWith("x + x + (x + x) + (x + x + (x + x)) + (x + x + (x + x) + (x + x + (x + x)))", text);
        Assert.EndsWith("…", text);

        // Substitution visits each node once too, and keeps the sharing.
        var substituted = Graph.Substitute(y, "x", Expr.Input("u") * 2);
        Assert.Equal(63, Graph.NodeCount(substituted));
        Assert.Equal(2 * twoToTheSixty, Reverse.Grad(substituted, Bindings.Of(("u", 1.0)))["u"]);
    }

    [Fact]
    public void ReverseNumbersShareTheSameWay()
    {
        var gradient = Reverse.GradOf(v =>
        {
            var s = v[0] + 1;
            return s * s;
        }, [2.0]);
        Assert.Equal(6.0, Assert.Single(gradient));
    }
}
