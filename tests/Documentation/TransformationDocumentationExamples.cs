using System.Numerics;

namespace FunctionalAD.Documentation.Tests;

/// <summary>
/// Every C# snippet of docs/transformations.md under "The gradient as a graph" and "Tracing", run, with the
/// results the document shows asserted. If a snippet changes in the document, change it here too.
/// </summary>
public class TransformationDocumentationExamples
{
    private static readonly Expr W = Expr.Input("w"), X = Expr.Input("x"), B = Expr.Input("b");

    // "The gradient as a graph", the seed example.
    [Fact]
    public void TheGradientAsAGraph()
    {
        var (w, x, b) = (Expr.Input("w"), Expr.Input("x"), Expr.Input("b"));
        var g = Reverse.GradGraph(w * x + b);
        Assert.Equal("x", g["w"].ToString());
        Assert.Equal("w", g["x"].ToString());
        Assert.Equal("1", g["b"].ToString());
        Assert.Equal("value = w * x + b\n∂/∂b = 1\n∂/∂w = x\n∂/∂x = w", g.ToString().ReplaceLineEndings("\n"));
        var at = Bindings.Of(("x", 3.0), ("w", 2.0), ("b", 1.0));
        var evaluated = g.Evaluate(at);
        Assert.Equal(7.0, evaluated.Value);
        Assert.Equal("b = 1, w = 3, x = 2", evaluated.Gradient.ToString());
        Assert.Equal(Reverse.Grad(w * x + b, at), evaluated.Gradient);

        Assert.Same(g.Value, g.Outputs[0]);
        Assert.Equal(g.Partials.ToArray(), g.Outputs[1..].ToArray());
        Assert.Equal(g.Inputs.ToArray(), g.Gradient.Keys);
        Assert.Equal(g.Partials.ToArray(), g.Gradient.Values);
    }

    // "How it is built": a shared node gets one adjoint.
    [Fact]
    public void SharedAdjoints()
    {
        var x = X;
        var u = x * x;
        var shared = Reverse.GradGraph(Expr.Sin(u) * u);
        Assert.Equal("x ⊙ (sin(x * x) + cos(x * x) ⊙ (x * x)) + x ⊙ (sin(x * x) + cos(x * x) ⊙ (x * x))", shared["x"].ToString());
        Assert.Equal(8, Graph.NodeCount(shared["x"]));
    }

    // "The strong zero, ⊙".
    [Fact]
    public void TheStrongZero()
    {
        var (x, w) = (X, W);
        var a = Expr.Input("a");
        var sqrt = Reverse.GradGraph(a * Expr.Sqrt(x));
        Assert.Equal("0.5 / abs(sqrt(x)) ⊙ a", sqrt["x"].ToString());
        var at = Bindings.Of(("a", 0.0), ("x", 0.0));
        Assert.Equal(0.0, sqrt.Evaluate(at).Gradient["x"].ToScalar());
        Assert.Equal(Reverse.Grad(a * Expr.Sqrt(x), at)["x"], sqrt.Evaluate(at).Gradient["x"]);
        Assert.Equal(double.NaN, 0.5 / 0.0 * 0.0);
        Assert.Equal("step(x, 0) ⊙ w", Reverse.GradGraph(Expr.Relu(x) * w)["x"].ToString());
    }

    // "Simplification and sharing".
    [Fact]
    public void Simplification()
    {
        var (x, w) = (X, W);
        Assert.Equal("x + 5", Graph.Simplify(1.0 * x + 0.0 * w + (2.0 + 3.0)).ToString());
        Assert.Equal(4, Graph.NodeCount(Graph.Simplify((x + 1) * (x + 1))));
    }

    // "Second derivatives".
    [Fact]
    public void SecondDerivatives()
    {
        var x = X;
        var cube = Reverse.GradGraph(x * x * x);
        Assert.Equal("x * x + x * x + x * x", cube["x"].ToString());
        Assert.Equal(4, Graph.NodeCount(cube["x"])); // x, x * x and two sums: one node x * x, used thrice
        Assert.Equal(12.0, cube.Hessian(Bindings.Of(("x", 2.0)))[0, 0]);
        Assert.Equal(6.0, cube.HessianVectorProduct(Bindings.Of(("x", 2.0)), Bindings.Of(("x", 0.5)))["x"].ToScalar());
        Assert.Equal("x * 3 + x * 3", Reverse.GradGraph(cube["x"])["x"].ToString());
    }

    private static T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x) * x + T.Exp(x) / T.CreateChecked(2);

    private static T Relu<T>(T x) where T : IFloatingPointIeee754<T> => x > T.Zero ? x : T.Zero;

    private static T Scaled<T>(T x, T alpha) where T : IFloatingPointIeee754<T> => T.IsZero(alpha) ? T.Zero : alpha * x;

    // "Tracing".
    [Fact]
    public void Tracing()
    {
        var traced = Graph.Trace(F<Expr>);
        Assert.Equal("sin(x) * x + exp(x) / 2", traced.ToString());
        Assert.True(Graph.Evaluate(traced, Bindings.Of(("x", 1.0))) == F(1.0));
        Assert.Equal("exp(x) * 0.5 + sin(x) + cos(x) ⊙ x", Reverse.GradGraph(traced)["x"].ToString());
        Assert.Equal("w * x + b", Graph.Trace(v => v[0] * v[1] + v[2], "w", "x", "b").ToString());
    }

    // "Tracing": branches.
    [Fact]
    public void TracingBranches()
    {
        var error = Assert.Throws<TracingException>(() => Graph.Trace(Relu<Expr>));
        Assert.StartsWith("Value-dependent branch while tracing: operator > needs the value", error.Message);
        Assert.Contains("Expr.Where", error.Message);
        var relu = Graph.Trace(x => Expr.Where(Expr.Step(x, 0.0), x, 0.0));
        Assert.Equal("where(step(x, 0), x, 0)", Graph.Simplify(relu).ToString());
        Assert.Equal(1.0, Reverse.Grad(relu, Bindings.Of(("x", 0.0)))["x"].ToScalar());
        Assert.Equal("3 * x", Graph.Trace(x => Scaled(x, Expr.Constant(3))).ToString());
        Assert.Throws<TracingException>(() => Graph.Trace(x => Scaled(x, x)));
    }

    // "Tracing": the pitfall.
    [Fact]
    public void EqualityComparesGraphs()
    {
        static bool IsZero<T>(T x) where T : IFloatingPointIeee754<T> => x == T.Zero;
        Assert.False(IsZero(X));
    }

    // "Tracing", "Big unrolled programs: tracing into arrays".
    [Fact]
    public void TracingIntoArrays()
    {
        var chain = FlatGraph.Trace(x =>
        {
            for (var i = 0; i < 1_000_000; i++) x = x + 1e-7 * FlatExpr.Sin(x);
            return x;
        }, "x0");
        var at = Bindings.Of(("x0", 0.3));
        Assert.Equal(3_000_002, chain.NodeCount);
        Assert.Equal(0.3310048205714907, Graph.Evaluate(chain, at));
        Assert.Equal(1.0997334878849, Reverse.Grad(chain, at)["x0"].ToScalar(), 1e-12);
        Assert.Equal(Reverse.Grad(chain, at)["x0"].ToScalar(), Forward.Jvp(chain, at, Bindings.Of(("x0", 1.0))).Tangent, 1e-12);
        var small = FlatGraph.Trace(x => x + 1e-7 * FlatExpr.Sin(x), "x0");
        Assert.Equal("x0 + 1E-07 * sin(x0)", small.ToExpr().ToString());
        Assert.Same(small.ToExpr(), small.ToExpr()); // made once
        Assert.Equal(8, FlatGraph.Trace(x => Step(Step(x)), "x0").NodeCount);
    }

    private static T Step<T>(T x) where T : IFloatingPointIeee754<T> => x + T.CreateChecked(1e-7) * T.Sin(x);
}
