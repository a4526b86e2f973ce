using System.Numerics;
using FunctionalAD.Testing;

namespace FunctionalAD.Documentation.Tests;

/// <summary>
/// Every C# snippet of docs/extending.md, run, with the results the document shows asserted.
/// If a snippet changes in the document, change it here too (and the other way round).
/// </summary>
public class ExtendingDocumentationExamples
{
    private readonly struct Log1pExpRule : IUnaryRule
    {
        public Primitive Primitive => Extensions.Log1pExp;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Max(x, T.Zero) + T.LogP1(T.Exp(-T.Abs(x)));
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));
    }

    private static class Extensions
    {
        public static readonly Primitive Log1pExp = UserPrimitives.Unary("log1pexp", new Log1pExpRule());

        public static T Log1pExpOf<T>(T x) where T : IFloatingPointIeee754<T> => ScalarMath.Apply(new Log1pExpRule(), x);
    }

    private sealed class RunningSum : TensorPrimitive
    {
        public override string Name => "cumsum";
        public override int Arity => 1;
        protected override Shape ShapeOf(ReadOnlySpan<Shape> arguments) =>
            arguments[0].Rank == 1 ? arguments[0] : throw Mismatch($"takes a vector, not {arguments[0]}.");
        protected override Tensor ValueOf(ReadOnlySpan<Tensor> arguments) => Running(arguments[0], fromTheEnd: false);
        protected override Tensor? TangentOf(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<Tensor?> tangents) =>
            tangents[0] is { } dx ? Running(dx, fromTheEnd: false) : null;
        protected override void CotangentsOf(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, Span<Tensor?> cotangents) =>
            cotangents[0] = Running(cotangent, fromTheEnd: true);
        protected override bool CotangentGraphs(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents)
        {
            var n = arguments[0].Shape[0];
            cotangents[0] = Expr.MatMul(Expr.Constant(Tensor.Create(Shape.Matrix(n, n), (i, j) => j >= i ? 1 : 0)), cotangent);
            return true;
        }

        private static Tensor Running(Tensor x, bool fromTheEnd)
        {
            var values = x.ToArray();
            if (fromTheEnd) for (var i = values.Length - 2; i >= 0; i--) values[i] += values[i + 1];
            else for (var i = 1; i < values.Length; i++) values[i] += values[i - 1];
            return Tensor.Vector(values);
        }
    }

    private readonly struct SinWithWrongSignRule : IUnaryRule
    {
        public Primitive Primitive => Wrong.Sin;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x);
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => -T.Cos(x);
    }

    private static class Wrong
    {
        public static readonly Primitive Sin = UserPrimitives.Unary("sin_wrong_sign", new SinWithWrongSignRule());
    }

    private static readonly Expr X = Expr.Input("x");
    private static readonly RunningSum Cumsum = new();
    private static readonly Expr V = Expr.Input("v", Shape.Vector(3));

    // docs/extending.md, "An elementwise primitive".
    [Fact]
    public void AnElementwisePrimitive()
    {
        var softplus = Expr.Apply(Extensions.Log1pExp, X);
        Assert.Equal("log1pexp(x)", softplus.ToString());
        Assert.Equal(1000.0, Graph.Evaluate(softplus, Bindings.Of(("x", 1000.0))).ToScalar());
        Assert.Equal(0.5, Reverse.Grad(softplus, Bindings.Of(("x", 0.0)))["x"].ToScalar());
        Assert.Equal(0.25, Transform.Hessian(softplus, Bindings.Of(("x", 0.0)))[0, 0]);
        Assert.Equal(0.5, Forward.Derivative(Extensions.Log1pExpOf, 0.0));
    }

    // docs/extending.md, "A tensor operation".
    [Fact]
    public void ATensorOperation()
    {
        var sums = Expr.Apply(Cumsum, V);
        var at = Bindings.Of(("v", Tensor.Vector(1, 2, 3)));
        Assert.Equal("[1, 3, 6]", Graph.Evaluate(sums, at).ToString());
        Assert.Equal("[20, 18, 12]", Reverse.Grad(Expr.Sum(sums * sums), at)["v"].ToString());
    }

    // docs/extending.md, "Saving and loading".
    [Fact]
    public void SavingAndLoading()
    {
        var graph = Expr.Apply(Extensions.Log1pExp, X) + Expr.Sum(Expr.Apply(Cumsum, V));
        var json = GraphJson.Serialize(graph);
        Assert.Equal(graph, GraphJson.Deserialize(json, PrimitiveRegistry.Of(Extensions.Log1pExp, Cumsum)));
        var error = Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(json));
        Assert.Contains("unknown primitive 'log1pexp'", error.Message);
        Assert.Contains("a primitive of one's own is read when it is registered (GraphJson.Deserialize(json, PrimitiveRegistry.Of(…)))", error.Message);
    }

    // docs/extending.md, "Checking a gradient".
    [Fact]
    public void CheckingAGradient()
    {
        var report = GradientCheck.Of(Expr.Apply(Wrong.Sin, X), Bindings.Of(("x", 0.5)));
        Assert.False(report.Passed);
        var text = report.ToString();
        Assert.StartsWith("Gradient check of the graph sin_wrong_sign(x): 2 of 5 comparisons disagree (step 1E-06, atol 1E-05, rtol 0.001).", text);
        Assert.Contains("\n  forward mode vs finite differences: ∂out/∂x is -0.8775825618903728, expected 0.8775825618", text);
        Assert.Contains("\n  reverse mode vs finite differences: ∂out/∂x is -0.8775825618903728, expected 0.8775825618", text);
        GradientCheck.Of(Expr.Apply(Extensions.Log1pExp, X), Bindings.Of(("x", 0.5))).ThrowIfFailed();
    }

    // docs/extending.md, "Checking a rule".
    [Fact]
    public void CheckingARule()
    {
        Assert.True(RuleCheck.Elementwise(Extensions.Log1pExp, Domain.Between(-5, 5)).Passed);
        Assert.True(RuleCheck.Tensor(Cumsum, [Shape.Vector(4)], Domain.Between(-2, 2)).Passed);
        var caught = RuleCheck.Elementwise(Wrong.Sin, Domain.Between(-2, 2));
        Assert.Equal(0.0, Assert.Single(caught.Counterexample));
        var text = caught.ToString();
        Assert.StartsWith("Rule check of sin_wrong_sign: fails at (0) (shrunk; found after 1 point(s)).\nGradient check of the graph sin_wrong_sign(a): ", text);
        Assert.Contains("\n  reverse mode vs finite differences: ∂out/∂a is -1, expected 0.99999999999", text);
    }
}
