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
            Assert.Equal((x + 1) * (x + 1), Graph.Evaluate(y, at).ToScalar());
            Assert.Equal(twoS, Reverse.Grad(y, at)["x"].ToScalar());
            Assert.Equal(twoS, Forward.Grad(y, at)["x"].ToScalar());
        }
    }

    [Fact]
    public void StructurallyEqualButSeparatelyBuiltNodesAreNotShared()
    {
        var y = (X + 1) * (X + 1);
        Assert.Equal(6, Graph.NodeCount(y)); // x, two constants 1, two sums, the product
        Assert.Equal((X + 1) * (X + 1), y); // yet equal as a structure...
        Assert.Equal(6.0, Reverse.Grad(y, Bindings.Of(("x", 2.0)))["x"].ToScalar()); // ...and the same function
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
        Assert.Equal(0.7, Reverse.Grad(y, at)["w"].ToScalar());
    }

    /// <summary>A copy of sin, or of add, that counts how often its value and derivative rules run.</summary>
    private sealed class Counted
    {
        public int Values, Derivatives;

        public Primitive Sin() => Rules.Unary("sin", x => { Values++; return Math.Sin(x); }, (x, _) => { Derivatives++; return Math.Cos(x); },
            (x, _) => Expr.Cos(x));

        public Primitive Add() => Rules.Binary("add", (x, y) => { Values++; return x + y; }, (_, _, _) => { Derivatives++; return (1, 1); },
            (_, _, _) => (1.0, 1.0), Notation.Infix, "+", 1);
    }

    [Fact]
    public void AMillionUsesOfOneNodeRunItsRulesOnce()
    {
        const int uses = 1_000_000;
        var counted = new Counted();
        var s = Expr.Apply(counted.Sin(), X);
        var y = s;
        for (var i = 1; i < uses; i++) y += s;
        Assert.Equal(2 + (uses - 1), Graph.NodeCount(y)); // x, sin x, and one add per extra use
        var at = Bindings.Of(("x", 0.25));

        // The value and the forward tangent add sin and cos a million times, in the order a plain loop does;
        // the reverse adjoint of sin x counts its uses exactly (1,000,000) and multiplies by cos once.
        double sinSum = 0, cosSum = 0;
        for (var i = 0; i < uses; i++) { sinSum += Math.Sin(0.25); cosSum += Math.Cos(0.25); }
        Close.Bits(sinSum, Graph.Evaluate(y, at));
        Assert.Equal((1, 0), (counted.Values, counted.Derivatives));
        Close.Bits(uses * Math.Cos(0.25), Reverse.Grad(y, at)["x"]);
        Assert.Equal((2, 1), (counted.Values, counted.Derivatives));
        Close.Bits(cosSum, Forward.Grad(y, at)["x"]);
        Assert.Equal((3, 2), (counted.Values, counted.Derivatives));
        Assert.Equal(2 + (uses - 1), Graph.NodeCount(GraphJson.Deserialize(GraphJson.Serialize(y))));

        var numbers = new Counted();
        var sin = numbers.Sin();
        var gradient = Reverse.GradOf(v =>
        {
            var t = ReverseNumber.Apply(sin, v[0]);
            var sum = t;
            for (var i = 1; i < uses; i++) sum += t;
            return sum;
        }, [0.25]);
        Close.Bits(uses * Math.Cos(0.25), gradient[0]);
        Assert.Equal((1, 1), (numbers.Values, numbers.Derivatives));
    }

    [Fact]
    public void DoublingAMillionTimesRunsEachRuleOncePerNode()
    {
        // y ← y + y a million times: 2^1,000,000 paths from x to y, one add node per doubling. Every walk
        // must visit each node once; a walk that followed paths would never finish.
        const int doublings = 1_000_000;
        var counted = new Counted();
        var add = counted.Add();
        Expr Doubled(Expr x)
        {
            var y = x;
            for (var i = 0; i < doublings; i++) y = Expr.Apply(add, y, y);
            return y;
        }
        var y = Doubled(X);
        var at = Bindings.Of(("x", 1.0));
        Assert.Equal(doublings + 1, Graph.NodeCount(y));
        Assert.Equal(double.PositiveInfinity, Graph.Evaluate(y, at).ToScalar());
        Assert.Equal((doublings, 0), (counted.Values, counted.Derivatives));
        Assert.Equal(double.PositiveInfinity, Reverse.Grad(y, at)["x"].ToScalar()); // 2^1,000,000 overflows
        Assert.Equal((2 * doublings, doublings), (counted.Values, counted.Derivatives));
        Assert.Equal(double.PositiveInfinity, Forward.Grad(y, at)["x"].ToScalar());
        Assert.Equal((3 * doublings, 2 * doublings), (counted.Values, counted.Derivatives));

        Assert.True(Doubled(Expr.Input("x")).Equals(y));           // each pair of shared nodes compared once
        Assert.Equal(doublings + 1, Graph.NodeCount(Graph.Substitute(y, "x", Expr.Input("u"))));
        Assert.Equal(doublings + 1, Graph.NodeCount(GraphJson.Deserialize(GraphJson.Serialize(y))));
        Assert.Equal((3 * doublings, 2 * doublings), (counted.Values, counted.Derivatives)); // none of these ran a rule
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
        Assert.Equal(3 * twoToTheSixty, Graph.Evaluate(y, at).ToScalar());
        Assert.Equal(twoToTheSixty, Reverse.Grad(y, at)["x"].ToScalar());
        Assert.Equal(twoToTheSixty, Forward.Grad(y, at)["x"].ToScalar());

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
        Assert.Equal(2 * twoToTheSixty, Reverse.Grad(substituted, Bindings.Of(("u", 1.0)))["u"].ToScalar());
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
