using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Loops;

/// <summary>The documented cases of <see cref="Expr.Fold(Expr, int, Func{Expr, Expr})"/>: a long chain, tensor carries, nesting, and errors.</summary>
public class FoldTests
{
    private static readonly Expr X0 = Expr.Input("x0");

    /// <summary>The chain x ← x + 1e-7·sin x of a million steps, with the check values of the benchmark workload.</summary>
    [Fact]
    public void AMillionStepChainHasTheCheckValuesUnderEveryCheckpointing()
    {
        var loop = Expr.Fold(X0, 1_000_000, x => x + 1e-7 * Expr.Sin(x));
        var at = Bindings.Of(("x0", 0.3));
        Assert.Equal(0.3310048205714907, Graph.Evaluate(loop, at).ToScalar(), 1e-15);
        var first = Reverse.Grad(loop, at)["x0"].ToScalar();
        Assert.Equal(1.0997334878849, first, 1e-12);
        foreach (var options in new[] { ReverseOptions.StoreEveryStep, ReverseOptions.WithBudget(40) })
            Assert.Equal(first, Reverse.Grad(loop, at, options)["x0"].ToScalar());
        // Forward mode multiplies the same million factors in the other order: equal to the check value, not to the bit.
        Assert.Equal(1.0997334878849, Forward.Jvp(loop, at, Bindings.Of(("x0", 1.0))).Tangent.ToScalar(), 1e-12);
    }

    /// <summary>A vector carry through a matrix parameter runs on the tensor sweeps and equals its unrolled graph.</summary>
    [Fact]
    public void ARecurrentTensorBodyEqualsItsUnrolledGraph()
    {
        var (w, b, v) = (Expr.Input("W", Shape.Matrix(3, 3)), Expr.Input("b", Shape.Vector(3)), Expr.Input("v", Shape.Vector(3)));
        Expr Step(Expr h) => Expr.Tanh(Expr.MatMul(w, h) + b);
        var loop = Expr.Sum(Expr.Fold(v, 9, Step));
        var unrolled = v;
        for (var k = 0; k < 9; k++) unrolled = Step(unrolled);
        unrolled = Expr.Sum(unrolled);
        var random = new Random(7);
        var at = Bindings.Of(
            ("W", Tensor.Create(Shape.Matrix(3, 3), (_, _) => random.NextDouble() - 0.5)),
            ("b", Tensor.Create(Shape.Vector(3), (_, _) => random.NextDouble() - 0.5)),
            ("v", Tensor.Create(Shape.Vector(3), (_, _) => random.NextDouble() - 0.5)));
        Assert.Equal(Graph.Evaluate(unrolled, at).ToScalar(), Graph.Evaluate(loop, at).ToScalar());
        var expected = Reverse.Grad(unrolled, at);
        foreach (var options in new[] { ReverseOptions.Default, ReverseOptions.StoreEveryStep, ReverseOptions.WithBudget(2) })
        {
            var gradient = Reverse.Grad(loop, at, options);
            Assert.Equal(expected["v"].ToArray(), gradient["v"].ToArray());
            foreach (var name in new[] { "W", "b" })
                AssertClose(expected[name].ToArray(), gradient[name].ToArray(), 1e-13);
        }
        var direction = Bindings.Of(("W", Tensor.Create(Shape.Matrix(3, 3), (i, j) => i - j)), ("v", Tensor.Vector(1, 2, 3)));
        Assert.Equal(Forward.Jvp(unrolled, at, direction).Tangent.ToScalar(), Forward.Jvp(loop, at, direction).Tangent.ToScalar());
    }

    /// <summary>
    /// Parameters multiplied as either operand of a product, matrix and vector: their cotangents add up over the steps in
    /// place (the backend adds each product into the running sum), and equal the unrolled graph's.
    /// </summary>
    [Fact]
    public void ProductsOfParametersAddTheirCotangentsInPlaceAndEqualTheUnrolledGraph()
    {
        var (w, u, c, h0) = (Expr.Input("W", Shape.Matrix(3, 3)), Expr.Input("U", Shape.Matrix(2, 2)), Expr.Input("c", Shape.Vector(2)),
            Expr.Input("H0", Shape.Matrix(3, 2)));
        Expr Step(Expr h) => Expr.Tanh(Expr.MatMul(w, h) + Expr.MatMul(h, u)) + Expr.Reshape(Expr.MatMul(h, c), Shape.Matrix(3, 1));
        var loop = Expr.Sum(Expr.Fold(h0, 7, Step));
        var unrolled = h0;
        for (var k = 0; k < 7; k++) unrolled = Step(unrolled);
        unrolled = Expr.Sum(unrolled);
        var random = new Random(11);
        Tensor Draw(Shape shape) => Tensor.Create(shape, _ => 0.8 * (random.NextDouble() - 0.5));
        var at = Bindings.Of(("W", Draw(Shape.Matrix(3, 3))), ("U", Draw(Shape.Matrix(2, 2))), ("c", Draw(Shape.Vector(2))), ("H0", Draw(Shape.Matrix(3, 2))));
        var expected = Reverse.Grad(unrolled, at);
        foreach (var options in new[] { ReverseOptions.Default, ReverseOptions.StoreEveryStep, ReverseOptions.WithBudget(2) })
        {
            var gradient = Reverse.Grad(loop, at, options);
            Assert.Equal(expected["H0"].ToArray(), gradient["H0"].ToArray());
            foreach (var name in new[] { "W", "U", "c" })
                AssertClose(expected[name].ToArray(), gradient[name].ToArray(), 1e-13);
        }
    }

    /// <summary>A fold inside a fold's body, reading the outer carry: the inner carry gets a name of its own.</summary>
    [Fact]
    public void NestedFoldsEqualTheirUnrolledGraph()
    {
        var a = Expr.Input("a");
        var loop = Expr.Fold(X0, 4, outer => Expr.Fold(outer, 3, inner => Expr.Sin(inner) * a + 0.1 * outer));
        var unrolled = X0;
        for (var i = 0; i < 4; i++)
        {
            var outer = unrolled;
            for (var j = 0; j < 3; j++) unrolled = Expr.Sin(unrolled) * a + 0.1 * outer;
        }
        var at = Bindings.Of(("x0", 0.4), ("a", 0.9));
        Assert.Equal(Graph.Evaluate(unrolled, at).ToScalar(), Graph.Evaluate(loop, at).ToScalar());
        var (expected, gradient) = (Reverse.Grad(unrolled, at), Reverse.Grad(loop, at));
        Assert.Equal(expected["x0"].ToScalar(), gradient["x0"].ToScalar(), 1e-14);
        Assert.Equal(expected["a"].ToScalar(), gradient["a"].ToScalar(), 1e-14);
        Assert.Equal(
            Forward.Jvp(unrolled, at, Bindings.Of(("a", 1.0))).Tangent.ToScalar(),
            Forward.Jvp(loop, at, Bindings.Of(("a", 1.0))).Tangent.ToScalar(), 1e-14);
    }

    /// <summary>Two folds are one node when their bodies are equal, and two nodes when only their bodies differ.</summary>
    [Fact]
    public void FoldsAreEqualExactlyWhenTheirBodiesAre()
    {
        Assert.Equal(Expr.Fold(X0, 5, x => Expr.Sin(x)), Expr.Fold(X0, 5, x => Expr.Sin(x)));
        Assert.NotEqual(Expr.Fold(X0, 5, x => Expr.Sin(x)), Expr.Fold(X0, 5, x => Expr.Cos(x)));
        Assert.NotEqual(Expr.Fold(X0, 5, x => Expr.Sin(x)), Expr.Fold(X0, 6, x => Expr.Sin(x)));
        var both = Expr.Fold(X0, 5, x => Expr.Sin(x)) + Expr.Fold(X0, 5, x => Expr.Cos(x));
        Assert.Equal(Math.Sin(Math.Sin(Math.Sin(Math.Sin(Math.Sin(0.5))))) + Math.Cos(Math.Cos(Math.Cos(Math.Cos(Math.Cos(0.5))))),
            Graph.Evaluate(both, Bindings.Of(("x0", 0.5))).ToScalar());
    }

    /// <summary>The pullback of a loop is pure: called twice, it gives the same cotangents, and the graph is unchanged.</summary>
    [Fact]
    public void TheLoopsPullbackCanBeCalledTwice()
    {
        var loop = Expr.Fold(X0, 50, x => Expr.Tanh(x) + 0.5);
        var vjp = Reverse.Vjp(loop, Bindings.Of(("x0", 0.2)), ReverseOptions.StoreEveryStep);
        Assert.Equal(vjp.Pullback(1.0)["x0"].ToScalar(), vjp.Pullback(1.0)["x0"].ToScalar());
        Assert.Equal(2 * vjp.Pullback(1.0)["x0"].ToScalar(), vjp.Pullback(2.0)["x0"].ToScalar());
    }

    [Fact]
    public void BadLoopsAreRefusedInTheUsersTerms()
    {
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => Expr.Fold(X0, -1, x => x));
        Assert.Contains("cannot be negative", negative.Message);
        var shape = Assert.Throws<ShapeMismatchException>(() => Expr.Fold(X0, 3, x => Expr.Input("v", Shape.Vector(2)) * x));
        Assert.Contains("Fold", shape.Message);
        var budget = Assert.Throws<ArgumentOutOfRangeException>(() => ReverseOptions.WithBudget(0));
        Assert.Contains("at least one", budget.Message);
        // Second order works (LoopSecondOrderProperties); third order through a loop says it is not written.
        var partial = Reverse.GradGraph(Expr.Fold(X0, 3, x => Expr.Sin(x) * Expr.Input("a")))["a"];
        var third = Assert.Throws<NotSupportedException>(() => Reverse.GradGraph(partial));
        Assert.Contains("loop 'fold' (3 steps)", third.Message);
        Assert.Contains("cotangent of 'a'", third.Message);
        Assert.Contains("no third", third.Message);
        var numeric = Assert.Throws<NotSupportedException>(() => Reverse.Grad(partial, Bindings.Of(("x0", 0.5), ("a", 2.0))));
        Assert.Contains("no third", numeric.Message);
        Assert.NotEqual(0, Forward.Jvp(partial, Bindings.Of(("x0", 0.5), ("a", 2.0)), Bindings.Of(("a", 1.0))).Tangent.ToScalar());
    }

    private static void AssertClose(double[] expected, double[] actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var k = 0; k < expected.Length; k++)
            GradientChecks.Close(actual[k], expected[k], relative * Math.Max(1, Math.Abs(expected[k])), $"element {k}");
    }
}
