namespace FunctionalAD.Properties.Loops;

/// <summary>The documented cases of <see cref="Expr.Scan(Expr, Expr, Func{Expr, Expr, ValueTuple{Expr, Expr}})"/>: vector rows, no sequence, errors.</summary>
public class ScanTests
{
    /// <summary>A vector carry over the rows of a matrix, with vector output slices: equal to the step written out by hand.</summary>
    [Fact]
    public void AVectorRecurrenceOverMatrixRowsEqualsItsUnrolledGraph()
    {
        var (h0, xs, a) = (Expr.Input("h0", Shape.Vector(2)), Expr.Input("xs", Shape.Matrix(4, 2)), Expr.Input("a"));
        var scan = Expr.Scan(h0, xs, (h, x) => (Expr.Tanh(a * h + x), h * x));
        Assert.Equal(Shape.Matrix(4, 2), scan.Shape);
        var loss = Expr.Sum(scan * scan);
        var rows = new double[,] { { 0.1, -0.2 }, { 0.3, 0.4 }, { -0.5, 0.6 }, { 0.7, -0.8 } };
        var at = Bindings.Of(("h0", Tensor.Vector(0.2, -0.1)), ("xs", Tensor.Matrix(rows)), ("a", 0.9));
        double[] h = [0.2, -0.1];
        double expected = 0, dA = 0;
        // Forward by hand, with the derivative along a (dh carried alongside).
        double[] dh = [0, 0];
        for (var t = 0; t < 4; t++)
        {
            for (var j = 0; j < 2; j++)
            {
                var y = h[j] * rows[t, j];
                expected += y * y;
                dA += 2 * y * dh[j] * rows[t, j];
            }
            for (var j = 0; j < 2; j++)
            {
                var next = Math.Tanh(0.9 * h[j] + rows[t, j]);
                dh[j] = (1 - next * next) * (h[j] + 0.9 * dh[j]);
                h[j] = next;
            }
        }
        Assert.Equal(expected, Graph.Evaluate(loss, at).ToScalar(), 1e-14);
        Assert.Equal(dA, Reverse.Grad(loss, at)["a"].ToScalar(), 1e-14);
        Assert.Equal(dA, Reverse.Grad(loss, at, ReverseOptions.StoreEveryStep)["a"].ToScalar(), 1e-14);
        Assert.Equal(dA, Forward.Jvp(loss, at, Bindings.Of(("a", 1.0))).Tangent.ToScalar(), 1e-14);
        var fd = Graph.CentralDifferences(loss, at);
        var gradient = Reverse.Grad(loss, at);
        foreach (var name in new[] { "h0", "xs" })
        {
            var (got, want) = (gradient[name].ToArray(), fd[name].ToArray());
            for (var k = 0; k < got.Length; k++) Assert.Equal(want[k], got[k], 1e-7);
        }
    }

    /// <summary>With no sequence, a scan whose output is its carry is the trajectory before each step.</summary>
    [Fact]
    public void AScanWithoutASequenceStacksTheTrajectory()
    {
        var scan = Expr.Scan(Expr.Input("x0"), 3, x => (2 * x, x));
        Assert.Equal(new[] { 1.5, 3.0, 6.0 }, Graph.Evaluate(scan, Bindings.Of(("x0", 1.5))).ToArray());
        Assert.Equal(7.0, Reverse.Grad(Expr.Sum(scan), Bindings.Of(("x0", 1.5)))["x0"].ToScalar());
    }

    [Fact]
    public void BadScansAreRefusedInTheUsersTerms()
    {
        var x0 = Expr.Input("x0");
        Assert.Contains("at least one step", Assert.Throws<ArgumentOutOfRangeException>(() => Expr.Scan(x0, 0, x => (x, x))).Message);
        Assert.Contains("must be a vector", Assert.Throws<ShapeMismatchException>(() => Expr.Scan(x0, x0, (c, x) => (c, x))).Message);
        var matrix = Expr.Input("m", Shape.Matrix(2, 2));
        Assert.Contains("number or a vector",
            Assert.Throws<ShapeMismatchException>(() => Expr.Scan(x0, 3, x => (x, matrix * x))).Message);
        var partial = Reverse.GradGraph(Expr.Sum(Expr.Scan(x0, 3, x => (x * x, x * x))))["x0"];
        var third = Assert.Throws<NotSupportedException>(() => Reverse.GradGraph(partial));
        Assert.Contains("the initial carry of the loop 'scan' (3 steps)", third.Message);
        Assert.Contains("no third", third.Message);
    }
}
