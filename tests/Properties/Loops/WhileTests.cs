using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Loops;

/// <summary>
/// <see cref="Expr.While"/>: a bounded while loop is the fold of <c>where(condition, step, carry)</c> for its most steps,
/// and stops early with the same value and derivatives.
/// </summary>
public class WhileTests
{
    private static readonly Expr X0 = Expr.Input("x0");

    /// <summary>x doubles until it passes 10: from 0.7, four steps (11.2), so d/dx0 = 16.</summary>
    [Fact]
    public void DoublingUntilTenTakesFourSteps()
    {
        var loop = Expr.While(X0, 100, x => Expr.Step(10.0, x), x => 2 * x);
        var at = Bindings.Of(("x0", 0.7));
        Assert.Equal(11.2, Graph.Evaluate(loop, at).ToScalar(), 1e-15);
        foreach (var options in new[] { ReverseOptions.Default, ReverseOptions.StoreEveryStep, ReverseOptions.WithBudget(2) })
            Assert.Equal(16.0, Reverse.Grad(loop, at, options)["x0"].ToScalar());
        Assert.Equal(16.0, Forward.Jvp(loop, at, Bindings.Of(("x0", 1.0))).Tangent.ToScalar());
    }

    /// <summary>At the bound the loop stops whatever the condition says: three steps at most.</summary>
    [Fact]
    public void TheBoundStopsTheLoop()
    {
        var loop = Expr.While(X0, 3, x => Expr.Step(10.0, x), x => 2 * x);
        var at = Bindings.Of(("x0", 0.7));
        Assert.Equal(5.6, Graph.Evaluate(loop, at).ToScalar(), 1e-15);
        Assert.Equal(8.0, Reverse.Grad(loop, at)["x0"].ToScalar());
    }

    /// <summary>
    /// On random steps with a parameter and the condition c &lt; p0 + 1 (with p0 a parameter too), the loop equals its
    /// unrolled where-chain of the most steps: the value, the initial carry's gradient and every JVP exactly (compared
    /// as numbers, so −0 = +0: the chain adds exact zeros from the steps not taken), a parameter's gradient to
    /// <see cref="GradientChecks.ModeTolerance"/> on the absolute-gradient scale, as for <see cref="FoldProperties"/>.
    /// </summary>
    [Fact]
    public void ALoopEqualsItsUnrolledWhereChain() =>
        Cases.Check(Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1).Select(seed => LoopCase.Draw(new Random(seed)))), c =>
        {
            Expr Condition(Expr x) => Expr.Step(Expr.Input("p0") + 1, x);
            var loop = Expr.While(Expr.Input("c"), c.Count, Condition, x => Graph.Substitute(c.Body, "c", x));
            var unrolled = Expr.Input("c");
            for (var k = 0; k < c.Count; k++) unrolled = Expr.Where(Condition(unrolled), Graph.Substitute(c.Body, "c", unrolled), unrolled);
            var point = c.Point.Names.Contains("p0") ? c.Point : Bindings.From(c.Point.Append(KeyValuePair.Create("p0", (Tensor)0.25)));
            var value = Graph.Evaluate(unrolled, point).ToScalar();
            if (!double.IsFinite(value)) return;
            GradientChecks.Require(Graph.Evaluate(loop, point).ToScalar() == value, () => "the values differ");
            var expected = Reverse.Grad(unrolled, point);
            var scale = GraphTools.AbsoluteGradient(unrolled, point);
            var gradient = Reverse.Grad(loop, point);
            foreach (var name in expected.Names)
            {
                double got = gradient[name].ToScalar(), want = expected[name].ToScalar();
                if (!double.IsFinite(want) || !double.IsFinite(scale[name])) return;
                if (name == "c") GradientChecks.Require(got == want, () => $"∂/∂c: {got} vs unrolled {want}");
                else GradientChecks.Close(got, want, GradientChecks.ModeTolerance * Math.Max(1, scale[name]), $"∂/∂{name}");
                var direction = Bindings.Of((name, 1.0));
                double tangent = Forward.Jvp(loop, point, direction).Tangent.ToScalar(), unrolledTangent = Forward.Jvp(unrolled, point, direction).Tangent.ToScalar();
                GradientChecks.Require(tangent == unrolledTangent, () => $"JVP along {name}: {tangent} vs unrolled {unrolledTangent}");
            }
        }), 300);

    [Fact]
    public void BadWhileLoopsAreRefusedInTheUsersTerms()
    {
        Assert.Contains("cannot be negative", Assert.Throws<ArgumentOutOfRangeException>(() => Expr.While(X0, -1, x => x, x => x)).Message);
        var shape = Assert.Throws<ShapeMismatchException>(() => Expr.While(Expr.Input("v", Shape.Vector(2)), 3, x => x, x => x));
        Assert.Contains("condition must be a number", shape.Message);
        var partial = Reverse.GradGraph(Expr.While(X0, 3, x => Expr.Step(1.0, x), x => 2 * x * x))["x0"];
        var third = Assert.Throws<NotSupportedException>(() => Reverse.GradGraph(partial));
        Assert.Contains("the initial carry of the loop 'while' (3 steps at most)", third.Message);
    }
}
