namespace FunctionalAD.Properties.Examples;

/// <summary>
/// Purity and equality: graphs are values. Separately built equal graphs are equal and hash alike;
/// any difference in a constant's bits, a name or a primitive makes them unequal; and no operation
/// — evaluation, differentiation, substitution — changes a graph.
/// </summary>
public class PurityAndEqualityTests
{
    private static Expr SeedExample() => Expr.Input("w") * Expr.Input("x") + Expr.Input("b");

    [Fact]
    public void SeparatelyBuiltEqualGraphsAreEqual()
    {
        var (y1, y2) = (SeedExample(), SeedExample());
        Assert.NotSame(y1, y2);
        Assert.True(y1.Equals(y2));
        Assert.True(y1.Equals((object)y2));
        Assert.True(y1 == y2);
        Assert.False(y1 != y2);
        Assert.Equal(y1.GetHashCode(), y2.GetHashCode());
        Assert.Single(new HashSet<Expr> { y1, y2 });
        Assert.Equal(Primitives.PowerOf(2.5), Primitives.PowerOf(2.5));
    }

    public static TheoryData<Expr, Expr> DifferentPairs
    {
        get
        {
            Expr x = Expr.Input("x"), y = Expr.Input("y");
            return new()
            {
                { x + 1, x + 2 },                                     // constants
                { x + 1, y + 1 },                                     // names
                { Expr.Input("x"), Expr.Input("X") },                 // names are case-sensitive
                { Expr.Sin(x), Expr.Cos(x) },                         // primitives
                { x + y, x - y },
                { Expr.Max(x, y), Expr.Min(x, y) },
                { x - y, y - x },                                     // argument order
                { x + y, y + x },                                     // even for a commutative primitive
                { Expr.Pow(x, 2.0), Expr.Pow(x, 3.0) },               // primitive parameters
                { Expr.Pow(x, 2.0), Expr.Pow(x, Expr.Constant(2)) },  // a constant exponent is not a constant node
                { Expr.Pow(x, 2.0), x * x },                          // equal values, different graphs
                { Expr.Constant(0.0), Expr.Constant(-0.0) },          // bit equality: 0 and −0 differ
                { Expr.Constant(1), Expr.Input("x") },
                { Expr.Sin(x) * 2, Expr.Sin(x) * Expr.Sin(x) },
            };
        }
    }

    [Theory]
    [MemberData(nameof(DifferentPairs))]
    public void GraphsThatDifferAnywhereAreUnequal(Expr left, Expr right)
    {
        Assert.False(left.Equals(right));
        Assert.False(right.Equals(left));
        Assert.True(left != right);
    }

    [Fact]
    public void ConstantsCompareByBits()
    {
        Assert.NotEqual(Expr.Constant(0.0), Expr.Constant(-0.0));
        Assert.Equal(Expr.Constant(double.NaN), Expr.Constant(double.NaN)); // the same NaN bits are equal
        Assert.Equal(Expr.Constant(0.1 + 0.2), Expr.Constant(0.30000000000000004));
        Assert.NotEqual(Expr.Constant(0.1 + 0.2), Expr.Constant(0.3));
    }

    [Fact]
    public void EvaluatingAndDifferentiatingLeaveTheGraphUnchanged()
    {
        var y = SeedExample();
        var at = Bindings.Of(("x", 3.0), ("w", 2.0), ("b", 1.0));
        var first = Reverse.Grad(y, at);
        Assert.Equal(7.0, Graph.Evaluate(y, at).ToScalar());
        _ = Forward.Grad(y, at);
        _ = Forward.Jvp(y, at, Bindings.Of(("x", 1.0)));
        Assert.Equal(SeedExample(), y);
        Assert.Equal("w * x + b", y.ToString());
        Assert.Equal(first, Reverse.Grad(y, at));
        Assert.Equal(7.0, Graph.Evaluate(y, at).ToScalar());
    }

    [Fact]
    public void APullbackIsPureAndLinear()
    {
        var vjp = Reverse.Vjp(SeedExample(), Bindings.Of(("x", 3.0), ("w", 2.0), ("b", 1.0)));
        var once = vjp.Pullback(1);
        Assert.Equal(once, vjp.Pullback(1));
        var twice = vjp.Pullback(2);
        Assert.Equal(new[] { 2.0, 6.0, 4.0 }, twice.Numbers()); // b, w, x
        Assert.Equal(new[] { 1.0, 3.0, 2.0 }, once.Numbers());
        Assert.Equal(7.0, vjp.Value.ToScalar());
    }

    [Fact]
    public void AReverseNumberComputationCanBeSweptAgain()
    {
        var vjp = Reverse.VjpOf(v => v[0] * v[1] + v[2], [3.0, 2.0, 1.0]);
        Assert.Equal(new[] { 2.0, 3.0, 1.0 }, vjp.Pullback(1));
        Assert.Equal(new[] { 2.0, 3.0, 1.0 }, vjp.Pullback(1));
        Assert.Equal(new[] { -4.0, -6.0, -2.0 }, vjp.Pullback(-2));
    }

    [Fact]
    public void FunctionModesDoNotChangeTheCallersArray()
    {
        var point = new[] { 3.0, 2.0, 1.0 };
        _ = Reverse.GradOf(v => { v[0] = 100; return v[1]; }, point);
        _ = Forward.GradOf(v => { v[0] = 100; return v[1]; }, point);
        Assert.Equal(new[] { 3.0, 2.0, 1.0 }, point);
    }

    [Fact]
    public void SubstituteLeavesTheOriginalUnchanged()
    {
        var y = SeedExample();
        var before = y.ToString();
        var substituted = Graph.Substitute(y, "x", Expr.Input("t") * 2);
        Assert.Equal("w * (t * 2) + b", substituted.ToString());
        Assert.Equal(before, y.ToString());
        Assert.Equal(SeedExample(), y);
        Assert.Equal(new[] { "b", "w", "x" }, Graph.Inputs(y));
        Assert.Equal(new[] { "b", "t", "w" }, Graph.Inputs(substituted));
        Assert.Equal(2 * 1.5 * 2 + 1, Graph.Evaluate(substituted, Bindings.Of(("t", 1.5), ("w", 2.0), ("b", 1.0))).ToScalar());
    }

    [Fact]
    public void SubstituteKeepsSharingAndReusesUntouchedNodes()
    {
        var x = Expr.Input("x");
        var z = Expr.Input("z");
        var untouched = Expr.Sin(z);
        var s = x + 1;
        var y = s * s + untouched;

        var substituted = Assert.IsType<ApplyNode>(Graph.Substitute(y, "x", Expr.Input("u")));
        Assert.Equal(Graph.NodeCount(y), Graph.NodeCount(substituted)); // s is rebuilt once, not twice
        Assert.Same(untouched, substituted.Arguments[1]);
        var square = Assert.IsType<ApplyNode>(substituted.Arguments[0]);
        Assert.Same(square.Arguments[0], square.Arguments[1]);
        Assert.Equal(8.0, Reverse.Grad(substituted, Bindings.Of(("u", 3.0), ("z", 0.0)))["u"].ToScalar());

        // Substituting a name the graph does not have gives back the very same graph.
        Assert.Same(y, Graph.Substitute(y, "q", Expr.Constant(1)));
    }

    [Fact]
    public void BindingsAreImmutable()
    {
        var at = Bindings.Of(("x", 1.0));
        var moved = at.With("x", 2.0).With("y", 3.0);
        Assert.Equal("x = 1", at.ToString());
        Assert.Equal("x = 2, y = 3", moved.ToString());
        Assert.Equal(Bindings.Of(("y", 3.0), ("x", 2.0)), moved);
        Assert.False(Bindings.Of(("x", 0.0)).Equals(Bindings.Of(("x", -0.0)))); // bit equality, as for constants
    }
}
