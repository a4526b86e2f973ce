using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Transformations;

/// <summary>
/// <see cref="FlatGraph"/>: a random scalar program traced into arrays gives the same value, gradient and JVP as the
/// same program traced into an <see cref="Expr"/> graph, bit for bit; and its mistakes are refused clearly.
/// </summary>
public class FlatGraphProperties
{
    /// <summary>
    /// The program that built <paramref name="graph"/>, run again on <see cref="FlatExpr"/>s: its nodes in the order they
    /// were made (so not always in the order the graph is laid out), each application by <see cref="FlatExpr.Apply(Primitive, FlatExpr, FlatExpr)"/>.
    /// </summary>
    internal static FlatGraph Replay(Expr graph)
    {
        var nodes = Graph.Nodes(graph).OrderBy(n => n.Id).ToArray();
        var names = nodes.OfType<InputNode>().Select(i => i.Name).ToArray();
        return FlatGraph.Trace(v =>
        {
            var made = new Dictionary<Expr, FlatExpr>(ReferenceEqualityComparer.Instance);
            foreach (var node in nodes)
            {
                made[node] = node switch
                {
                    InputNode input => v[Array.IndexOf(names, input.Name)],
                    ConstantNode c => FlatExpr.Constant(c.Number),
                    ApplyNode { Arity: 1 } a => FlatExpr.Apply(a.Primitive, made[a.First]),
                    ApplyNode a => FlatExpr.Apply(a.Primitive, made[a.First], made[a.Second!]),
                    _ => throw new InvalidOperationException($"No replay for {node}."),
                };
            }
            return made[graph];
        }, names);
    }

    private static void Same(double actual, double expected, string what) =>
        Require(BitConverter.DoubleToInt64Bits(actual) == BitConverter.DoubleToInt64Bits(expected), () => $"{what}: arrays {actual:R}, Expr {expected:R}");

    [Fact]
    public void AProgramTracedIntoArraysGivesTheExprGraphsNumbersBitForBit() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), Numbers.Direction(), (c, direction) =>
        {
            var flat = Replay(c.Graph);
            var inputs = Graph.Inputs(c.Graph);
            Require(flat.Inputs.SequenceEqual(inputs), () => $"inputs {string.Join(", ", flat.Inputs)}, expected {string.Join(", ", inputs)}");
            Same(Graph.Evaluate(flat, c.Point), Graph.Evaluate(c.Graph, c.Point).ToScalar(), "value");
            var (value, gradient) = Reverse.ValueAndGrad(flat, c.Point);
            var expected = Reverse.ValueAndGrad(c.Graph, c.Point);
            Same(value, expected.Value, "value with the gradient");
            foreach (var name in inputs) Same(gradient[name].ToScalar(), expected.Gradient[name].ToScalar(), $"∂/∂{name}");
            var tangents = Bindings.From(inputs.Select((n, k) => KeyValuePair.Create(n, direction[k % direction.Length])));
            var jvp = Forward.Jvp(flat, c.Point, tangents);
            var expectedJvp = Forward.Jvp(c.Graph, c.Point, tangents);
            Same(jvp.Value, expectedJvp.Value.ToScalar(), "value with the JVP");
            Same(jvp.Tangent, expectedJvp.Tangent.ToScalar(), "JVP");
            Same(Graph.Evaluate(flat.ToExpr(), c.Point).ToScalar(), expected.Value, "value of ToExpr()");
        }));

    /// <summary>
    /// A random graph as a generic function over <see cref="System.Numerics.IFloatingPointIeee754{TSelf}"/> (as in
    /// TracingProperties), traced with T = FlatExpr and with T = Expr: the same numbers, bit for bit.
    /// </summary>
    [Fact]
    public void AGenericFunctionTracesIntoArraysAsIntoAnExprGraph() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var inputs = Graph.Inputs(c.Graph);
            var generic = GraphTools.AsGenericFunction(c.Graph);
            var traced = Graph.Trace(v => generic.Invoke<Expr>(v), [.. inputs]);
            var flat = FlatGraph.Trace(v => generic.Invoke<FlatExpr>(v), [.. inputs]);
            Same(Graph.Evaluate(flat, c.Point), Graph.Evaluate(traced, c.Point).ToScalar(), "value");
            var gradient = Reverse.Grad(flat, c.Point);
            var expected = Reverse.Grad(traced, c.Point);
            foreach (var name in Graph.Inputs(traced)) Same(gradient[name].ToScalar(), expected[name].ToScalar(), $"∂/∂{name}");
        }));

    [Fact]
    public void TheUnrolledChainHasTheHandWrittenDerivative()
    {
        const int n = 1_000;
        const double x0 = 0.3;
        var flat = FlatGraph.Trace(x =>
        {
            for (var i = 0; i < n; i++) x = x + 1e-3 * FlatExpr.Sin(x);
            return x;
        }, "x0");
        var xs = new double[n + 1];
        xs[0] = x0;
        for (var i = 0; i < n; i++) xs[i + 1] = xs[i] + 1e-3 * Math.Sin(xs[i]);
        var adjoint = 1.0;
        for (var i = n - 1; i >= 0; i--) adjoint *= 1 + 1e-3 * Math.Cos(xs[i]);

        var at = Bindings.Of(("x0", x0));
        Assert.Equal(3 * n + 2, flat.NodeCount); // sin, product and sum per step; the input; one shared constant
        Assert.Equal(xs[n], Graph.Evaluate(flat, at));
        Assert.Equal(adjoint, Reverse.Grad(flat, at)["x0"].ToScalar(), 1e-12);
        var expr = Expr.Input("x0");
        for (var i = 0; i < n; i++) expr = expr + 1e-3 * Expr.Sin(expr);
        Assert.Equal(Reverse.Grad(expr, at)["x0"].ToScalar(), Reverse.Grad(flat, at)["x0"].ToScalar());
        Assert.Equal(Forward.Jvp(expr, at, at).Tangent.ToScalar(), Forward.Jvp(flat, at, at).Tangent);
    }

    [Fact]
    public void ConstantsFoldAndUnusedInputsAreNotInputs()
    {
        var flat = FlatGraph.Trace(v => FlatExpr.Exp(FlatExpr.Constant(2) * 3.0) + v[0], "x", "unused");
        Assert.Equal(["x"], flat.Inputs.ToArray());
        Assert.Equal(3, flat.NodeCount); // x, the folded constant e⁶, and the sum
        Assert.Equal(Math.Exp(6) + 1, Graph.Evaluate(flat, Bindings.Of(("x", 1.0))));
        var constant = FlatGraph.Trace(_ => 2.0);
        Assert.Empty(constant.Inputs);
        Assert.Equal(2.0, Graph.Evaluate(constant, Bindings.Empty));
        Assert.Equal(Expr.Input("x") + Math.Exp(6), FlatGraph.Trace(x => x + FlatExpr.Exp(6.0)).ToExpr()); // structural equality
    }

    [Fact]
    public void ATensorOperationIsRefusedNamingWhatToUseInstead()
    {
        var sum = ((ApplyNode)Expr.Sum(Expr.Input("v", Shape.Vector(3)))).Primitive;
        var error = Assert.Throws<NotSupportedException>(() => FlatGraph.Trace(x => FlatExpr.Apply(sum, x)));
        Assert.Contains("scalar primitives only", error.Message);
        Assert.Contains("Graph.Trace", error.Message);
        Assert.Throws<ArgumentException>(() => FlatGraph.Trace(x => FlatExpr.Apply(Primitives.Add, x)));
    }

    [Fact]
    public void AGenericMemberThatNeedsWhereIsRefusedNamingIt()
    {
        var error = Assert.Throws<NotSupportedException>(() => FlatGraph.Trace(MaxMagnitudeWithOne));
        Assert.Contains("Expr.Where", error.Message);
        Assert.Throws<TracingException>(() => FlatGraph.Trace(Branch));
        Assert.Equal(2.0, Graph.Evaluate(FlatGraph.Trace(_ => Branch(FlatExpr.Constant(-2))), Bindings.Empty)); // a constant is compared by value
    }

    private static T MaxMagnitudeWithOne<T>(T x) where T : System.Numerics.IFloatingPointIeee754<T> => T.MaxMagnitude(x, T.One);

    private static T Branch<T>(T x) where T : System.Numerics.IFloatingPointIeee754<T> => x > T.Zero ? x : -x;

    [Fact]
    public void ValuesOfTwoTracesDoNotMix()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FlatGraph.Trace(x =>
        {
            FlatGraph.Trace(y => x + y, "y");
            return x;
        }));
        Assert.Contains("two different traces", error.Message);
    }

    [Fact]
    public void AValueCannotBeUsedAfterItsTrace()
    {
        FlatExpr kept = default;
        FlatGraph.Trace(x =>
        {
            kept = x;
            return x * x;
        });
        var error = Assert.Throws<InvalidOperationException>(() => kept * 2.0);
        Assert.Contains("trace that has finished", error.Message);
        Assert.Throws<InvalidOperationException>(() => FlatExpr.Sin(kept));
        var returned = Assert.Throws<InvalidOperationException>(() => FlatGraph.Trace(_ => kept));
        Assert.Contains("another trace", returned.Message);
    }

    [Fact]
    public void NamesAreChecked()
    {
        Assert.Throws<ArgumentException>(() => FlatGraph.Trace(v => v[0], "x", "x"));
        Assert.Throws<ArgumentException>(() => FlatGraph.Trace(v => v[0], " "));
        Assert.Throws<UnboundInputException>(() => Graph.Evaluate(FlatGraph.Trace(x => x * x), Bindings.Empty));
    }
}
