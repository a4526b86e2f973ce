using System.Numerics;

namespace FunctionalAD.Properties.Transformations;

/// <summary>
/// Primitives of one's own (<see cref="UserPrimitives"/>, <see cref="TensorPrimitive"/>) work everywhere a built-in does:
/// graphs in both modes, compiled, as gradient graphs and Hessians, the number types nested, tracing, printing, DOT,
/// Mermaid and JSON (with the registry, and a clear error without it).
/// </summary>
public sealed class UserPrimitiveTests
{
    /// <summary>log(1 + eˣ) without overflow, d/dx = σ(x).</summary>
    internal readonly struct Log1pExpRule : IUnaryRule
    {
        public Primitive Primitive => Log1pExp;
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => T.Max(x, T.Zero) + T.LogP1(T.Exp(-T.Abs(x)));
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));
    }

    internal static readonly Primitive Log1pExp = UserPrimitives.Unary("log1pexp", new Log1pExpRule());

    /// <summary>x·y + sin x, with its partials: a binary rule of one's own.</summary>
    private readonly struct TwistRule : IBinaryRule
    {
        public Primitive Primitive => Twist;
        public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => x * y + T.Sin(x);
        public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> => (y + T.Cos(x), x);
    }

    private static readonly Primitive Twist = UserPrimitives.Binary("twist", new TwistRule());

    private static readonly Expr X = Expr.Input("x");

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static T Softplus<T>(T x) where T : IFloatingPointIeee754<T> => ScalarMath.Apply(new Log1pExpRule(), x);

    [Theory]
    [InlineData(-3.0)]
    [InlineData(0.5)]
    [InlineData(40.0)]
    public void AUserElementwisePrimitiveRunsInEveryModeAndTransformation(double x)
    {
        var graph = Expr.Apply(Log1pExp, X) * X;
        var at = Bindings.Of(("x", x));
        var value = (Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)))) * x;
        var first = Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))) + x * Sigmoid(x);
        var second = 2 * Sigmoid(x) + x * Sigmoid(x) * (1 - Sigmoid(x));
        Assert.Equal(value, Graph.Evaluate(graph, at).ToScalar(), 1e-12);
        Assert.Equal(first, Forward.Grad(graph, at)["x"].ToScalar(), 1e-12);
        Assert.Equal(first, Reverse.Grad(graph, at)["x"].ToScalar(), 1e-12);
        Assert.Equal(first, Reverse.Compile(graph).Invoke(at).Gradient["x"].ToScalar(), 1e-12);
        Assert.Equal(first, Forward.Compile(graph).Invoke(at, Bindings.Of(("x", 1.0))).Tangent.ToScalar(), 1e-12);
        Assert.Equal(first, Reverse.GradGraph(graph).Evaluate(at).Gradient["x"].ToScalar(), 1e-12);
        Assert.Equal(second, Transform.Hessian(graph, at)[0, 0], 1e-12);
        Assert.Equal(first, Graph.CentralDifferences(graph, at)["x"].ToScalar(), 1e-6 * (1 + Math.Abs(first)));
        // The number types, generically and nested.
        Assert.Equal(first, Forward.Derivative(t => Softplus(t) * t, x), 1e-12);
        Assert.Equal(first, Reverse.GradOf(v => Softplus(v[0]) * v[0], [x])[0], 1e-12);
        Assert.Equal(second, Forward.Derivative(t => Forward.Derivative<Dual<double>>(u => Softplus(u) * u, t), x), 1e-12);
        Assert.Equal(second, Transform.HessianOf(v => Softplus(v[0]) * v[0], [x])[0, 0], 1e-12);
        // Traced, the generic function is the same graph.
        Assert.Equal(graph, Graph.Trace(t => Softplus(t) * t));
    }

    [Fact]
    public void ItIsStableWhereTheNaiveFormulaOverflows()
    {
        var at = Bindings.Of(("x", 1000.0));
        Assert.Equal(1000.0, Graph.Evaluate(Expr.Apply(Log1pExp, X), at).ToScalar());
        Assert.Equal(1.0, Reverse.Grad(Expr.Apply(Log1pExp, X), at)["x"].ToScalar());
        Assert.True(double.IsPositiveInfinity(Graph.Evaluate(Expr.Log(1 + Expr.Exp(X)), at).ToScalar()));
    }

    [Fact]
    public void ForwardReverseAndFiniteDifferencesAgreeAtRandomPoints()
    {
        var y = Expr.Input("y");
        var graph = Expr.Apply(Twist, Expr.Apply(Log1pExp, X), y) * Expr.Tanh(y);
        var random = new Random(14);
        for (var k = 0; k < 200; k++)
        {
            var at = Bindings.Of(("x", random.NextDouble() * 8 - 4), ("y", random.NextDouble() * 4 - 2));
            var forward = Forward.Grad(graph, at);
            var reverse = Reverse.Grad(graph, at);
            var differences = Graph.CentralDifferences(graph, at);
            foreach (var name in new[] { "x", "y" })
            {
                Assert.Equal(reverse[name].ToScalar(), forward[name].ToScalar(), 1e-12);
                Assert.Equal(reverse[name].ToScalar(), differences[name].ToScalar(), 1e-6 * (1 + Math.Abs(reverse[name].ToScalar())));
            }
        }
    }

    [Fact]
    public void ItPrintsDrawsAndSavesByNameAndLoadsOnlyWhenRegistered()
    {
        var graph = Expr.Apply(Twist, Expr.Apply(Log1pExp, X), X);
        Assert.Equal("twist(log1pexp(x), x)", graph.ToString());
        Assert.Contains("log1pexp", Export.ToDot(graph));
        Assert.Contains("twist", Export.ToMermaid(graph));
        var json = GraphJson.Serialize(graph);
        var read = GraphJson.Deserialize(json, PrimitiveRegistry.Of(Log1pExp, Twist));
        Assert.Equal(graph, read);
        var at = Bindings.Of(("x", 0.3));
        Assert.Equal(Reverse.Grad(graph, at), Reverse.Grad(read, at));
        var unknown = Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(json));
        Assert.Contains("unknown primitive 'log1pexp'", unknown.Message);   // the first node that names one
        Assert.Contains("PrimitiveRegistry", unknown.Message);
    }

    [Fact]
    public void NamesAreTheUsersOwnAndEachPrimitiveIsEqualOnlyToItself()
    {
        var reserved = Assert.Throws<ArgumentException>(() => UserPrimitives.Unary("tanh", new Log1pExpRule()));
        Assert.Contains("'tanh' is the name of a built-in primitive", reserved.Message);
        var another = UserPrimitives.Unary("log1pexp", new Log1pExpRule());
        Assert.NotEqual(Log1pExp, another);
        Assert.NotEqual(Expr.Apply(Log1pExp, X), Expr.Apply(another, X));
        Assert.Contains("Another primitive named 'log1pexp'", Assert.Throws<ArgumentException>(() => PrimitiveRegistry.Of(Log1pExp, another)).Message);
        Assert.Contains("is a catalogue primitive", Assert.Throws<ArgumentException>(() => PrimitiveRegistry.Of(Primitives.Tanh)).Message);
    }

    [Fact]
    public void ACustomDerivativeIsSavedByNameAndLoadedWithAndWithoutItsRegistration()
    {
        var clip = CustomDerivative.WithVjp("clip_gradient", v => v, (v, y, cotangent) => Expr.Clamp(cotangent, -1, 1));
        var graph = 10 * clip.Apply(X);
        var json = GraphJson.Serialize(graph);
        var read = GraphJson.Deserialize(json, PrimitiveRegistry.Empty.With(clip));
        var at = Bindings.Of(("x", 0.4));
        Assert.Equal(graph, read);
        Assert.Equal(1.0, Reverse.Grad(read, at)["x"].ToScalar());
        var unknown = Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(json));
        Assert.Contains("unknown primitive 'clip_gradient'", unknown.Message);
    }
}
