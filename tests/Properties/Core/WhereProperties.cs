using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using FunctionalAD.Properties.Tensors;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// <see cref="Expr.Where"/>, the primitive of three arguments, held to what every primitive is held to: forward mode
/// equals reverse mode, both match finite differences away from the switch, and the gradient graph evaluates to the
/// reverse gradient — on scalars and with the three arguments broadcast together — and the branch not taken gives an
/// exact zero, never the NaN of √x at x &lt; 0.
/// </summary>
public class WhereProperties
{
    private static readonly Expr X = Expr.Input("x"), Y = Expr.Input("y"), Z = Expr.Input("z");

    /// <summary>A branch that depends on all three inputs, taken where x ≥ y, at points at least 0.1 from the switch.</summary>
    private static Arbitrary<GraphCase> Scalars() => Arb.From(
        Gen.Zip(Gen.Zip(Numbers.Uniform(-2, 2), Numbers.Uniform(-2, 2), (x, y) => (x, y)), Numbers.Uniform(0.1, 2), (p, z) => (p.x, p.y, z))
            .Where(p => Math.Abs(p.x - p.y) > 0.1)
            .Select(p => new GraphCase(
                Expr.Where(Expr.Step(X, Y), Expr.Sin(X) * Y + Z, Expr.Sqrt(Z) * X - Y * Y),
                Bindings.Of(("x", p.x), ("y", p.y), ("z", p.z)))));

    [Fact]
    public void ForwardEqualsReverseAndFiniteDifferencesOnScalars() =>
        Cases.Check(Prop.ForAll(Scalars(), c =>
        {
            GradientChecks.ForwardEqualsReverse(c);
            GradientChecks.MatchesFiniteDifferences(c);
            GradientGraphProperties.GradGraphEqualsGrad(c);
            var compiled = Reverse.Compile(c.Graph).Invoke(c.Point);
            GradientChecks.Require(compiled.Gradient.Equals(Reverse.Grad(c.Graph, c.Point)), () => "the compiled gradient differs");
        }));

    /// <summary>
    /// A matrix condition, a vector branch broadcast along its rows and a scalar branch: the cotangent of each branch is
    /// summed back to its shape, and only where that branch is taken.
    /// </summary>
    [Fact]
    public void ForwardEqualsReverseAndFiniteDifferencesWithBroadcasting() =>
        Cases.Check(Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            // Away from the switch: each element of the condition's argument is at least 0.1 from 0.
            double Away() => (0.1 + random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1);
            var (c, v, s) = (Expr.Input("c", Shape.Matrix(2, 3)), Expr.Input("v", Shape.Vector(3)), Expr.Input("s"));
            var graph = Expr.Sum(Expr.Where(Expr.Step(c, 0.0), Expr.Tanh(v) * c, Expr.Exp(s) + c * c));
            var point = Bindings.Of(
                ("c", Tensor.Create(Shape.Matrix(2, 3), (_, _) => Away())),
                ("v", Tensor.Create(Shape.Vector(3), (_, _) => random.NextDouble() * 2 - 1)),
                ("s", random.NextDouble()));
            var tensorCase = new TensorGraphCase(graph, point, 10);
            TensorChecks.ForwardEqualsReverse(tensorCase);
            TensorChecks.MatchesFiniteDifferences(tensorCase);
            TensorGradientGraphProperties.GradGraphEqualsGrad(tensorCase);
        }));

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-0.0)]
    [InlineData(double.NegativeInfinity)]
    public void TheBranchNotTakenGivesAnExactZeroNotNaN(double x)
    {
        var root = Expr.Where(Expr.Step(X, 0.0), Expr.Sqrt(X) * Expr.Log(X), Expr.Constant(2.0));
        var at = Bindings.Of(("x", x));
        Assert.Equal(x == 0 ? double.NaN : 2.0, Graph.Evaluate(root, at).ToScalar()); // −0 ties: step is ½, so √x·log x is taken
        if (x == 0) return;
        Assert.Equal(0.0, Reverse.Grad(root, at)["x"].ToScalar());
        Assert.Equal(0.0, Forward.Grad(root, at)["x"].ToScalar());
        Assert.Equal(0.0, Reverse.GradGraph(root).Evaluate(at).Gradient["x"].ToScalar());
        Assert.Equal(0.0, Reverse.Compile(root).Invoke(at).Gradient["x"].ToScalar());
        Assert.Equal(0.0, Forward.Compile(root).Invoke(at, Bindings.Of(("x", 1.0))).Tangent.ToScalar());
        // The branch's value is NaN, and Anomalies says so; no derivative is.
        Assert.Equal(AnomalyQuantity.Value, Anomalies.Find(root, at)!.Quantity);
    }

    [Fact]
    public void TheBranchNotTakenGivesExactZerosInEveryElement()
    {
        var v = Expr.Input("v", Shape.Vector(4));
        var graph = Expr.Sum(Expr.Where(Expr.Step(v, 0.0), Expr.Sqrt(v), -v));
        var at = Bindings.Of(("v", Tensor.Vector(-4, 4, -1, 0.25)));
        Assert.Equal(4 + 2 + 1 + 0.5, Graph.Evaluate(graph, at).ToScalar());
        var expected = Tensor.Vector(-1, 0.25, -1, 1);
        Assert.Equal(expected, Reverse.Grad(graph, at)["v"]);
        Assert.Equal(expected, Forward.Grad(graph, at)["v"]);
        Assert.Equal(expected, Reverse.GradGraph(graph).Evaluate(at).Gradient["v"]);
        Assert.Equal(expected, Reverse.Compile(graph).Invoke(at).Gradient["v"]);
    }

    [Fact]
    public void TheConditionHasDerivativeZeroAndNaNIsNotZero()
    {
        var graph = Expr.Where(X, Y, Z);
        var gradient = Reverse.Grad(graph, Bindings.Of(("x", 0.5), ("y", 3.0), ("z", 4.0)));
        Assert.Equal([0.0, 1.0, 0.0], gradient.Values.Select(t => t.ToScalar()).ToArray());
        Assert.Equal([0.0, 0.0, 1.0], Forward.Grad(graph, Bindings.Of(("x", 0.0), ("y", 3.0), ("z", 4.0))).Values.Select(t => t.ToScalar()).ToArray());
        Assert.Equal(3.0, Graph.Evaluate(graph, Bindings.Of(("x", double.NaN), ("y", 3.0), ("z", 4.0))).ToScalar());
        Assert.Equal(4.0, Graph.Evaluate(graph, Bindings.Of(("x", -0.0), ("y", 3.0), ("z", 4.0))).ToScalar());
    }

    /// <summary>Second order and finite differences go through the branch taken only: x²·y where x ≥ 0, and y elsewhere.</summary>
    [Fact]
    public void HessiansAndCentralDifferencesTakeTheBranch()
    {
        var graph = Expr.Where(Expr.Step(X, 0.0), X * X * Y, Y);
        var at = Bindings.Of(("x", 1.0), ("y", 2.0));
        var hessian = Reverse.GradGraph(graph).Hessian(at);
        Assert.Equal([4.0, 2.0], hessian.Row(0).ToArray()); // ∂²/∂x² = 2y, ∂²/∂x∂y = 2x
        Assert.Equal([2.0, 0.0], hessian.Row(1).ToArray());
        var differences = Graph.CentralDifferences(graph, at);
        Assert.Equal(4.0, differences["x"], 6);
        Assert.Equal(1.0, differences["y"], 6);
        Assert.Equal([0.0, 0.0], Reverse.GradGraph(graph).Hessian(Bindings.Of(("x", -1.0), ("y", 2.0))).Row(0).ToArray());
    }

    [Fact]
    public void WhereIsOneNodeOfThreeArguments()
    {
        var node = Assert.IsType<ApplyNode>(Expr.Where(X, Y, Z));
        Assert.Same(Primitives.Where, node.Primitive);
        Assert.Equal([X, Y, Z], node.Arguments.ToArray());
        Assert.Equal("where(x, y, z)", node.ToString());
        Assert.Equal(node, Expr.Apply(Primitives.Where, X, Y, Z));
        Assert.Contains("takes 3 arguments, not 2", Assert.Throws<ArgumentException>(() => Expr.Apply(Primitives.Where, X, Y)).Message);
        Assert.Contains("Where", Assert.Throws<ShapeMismatchException>(() =>
            Expr.Where(Expr.Input("a", Shape.Vector(2)), Expr.Input("b", Shape.Vector(3)), Z)).Message);
        Assert.Equal(Shape.Matrix(2, 3), Expr.Where(Expr.Input("m", Shape.Matrix(2, 1)), Expr.Input("r", Shape.Vector(3)), Z).Shape);
    }

    [Fact]
    public void WhereIsSavedParsedExportedAndTraced()
    {
        var graph = Expr.Where(Expr.Step(X, Y), Expr.Sqrt(X), Y);
        Assert.Equal(graph, GraphJson.Deserialize(GraphJson.Serialize(graph)));
        Assert.Equal(Expr.Where(Expr.Relu(X - Y), Expr.Sqrt(X), Y), Expression.Parse("where(relu(x - y), sqrt(x), y)"));
        Assert.Contains("where", Export.ToDot(graph));
        Assert.Contains("where", Export.ToMermaid(graph));
        Assert.Equal(Expr.Where(X, Y, Z), Graph.Trace(v => ScalarMath.Where(v[0], v[1], v[2]), ["x", "y", "z"]));
        Assert.Equal(2.0, ScalarMath.Where(1.0, 2.0, 3.0));
        Assert.Equal(3.0, ScalarMath.Where(0.0, 2.0, 3.0));
        var derivative = Forward.Derivative(t => ScalarMath.Where(t - Dual.Constant(1.0), t * t, -t), 3.0);
        Assert.Equal(6.0, derivative);
    }
}
