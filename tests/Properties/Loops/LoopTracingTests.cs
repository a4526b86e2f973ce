using System.Numerics;

namespace FunctionalAD.Properties.Loops;

/// <summary>A loop marked in generic code (<see cref="ScalarMath.Fold{T}"/>, <see cref="ScalarMath.While{T}"/>) runs as a loop on numbers and traces to one loop node.</summary>
public class LoopTracingTests
{
    private static T Chain<T>(T x, T a) where T : IFloatingPointIeee754<T> =>
        ScalarMath.Fold(x, 1000, v => v + T.CreateChecked(1e-3) * a * T.Sin(v));

    private static T Halve<T>(T x) where T : IFloatingPointIeee754<T> =>
        ScalarMath.While(x, 50, v => Generic.Step(v, T.One), v => v / T.CreateChecked(2) + T.CreateChecked(0.01) * v * v);

    [Fact]
    public void AFoldInGenericCodeTracesToOneNodeWithTheSameValueAndDerivatives()
    {
        var graph = Graph.Trace(v => Chain(v[0], v[1]), "x", "a");
        Assert.Equal(3, Graph.NodeCount(graph)); // x, a and the loop: not a thousand copies of the step
        var at = Bindings.Of(("x", 0.3), ("a", 1.2));
        Assert.Equal(Chain(0.3, 1.2), Graph.Evaluate(graph, at).ToScalar());
        var numbers = Reverse.GradOf(v => Chain(v[0], v[1]), [0.3, 1.2]);
        var gradient = Reverse.Grad(graph, at);
        Assert.Equal(numbers[0], gradient["x"].ToScalar(), 1e-13);
        Assert.Equal(numbers[1], gradient["a"].ToScalar(), 1e-13);
        Assert.Equal(Forward.Derivative(x => Chain(x, new Dual<double>(1.2, 0)), 0.3), Forward.Jvp(graph, at, Bindings.Of(("x", 1.0))).Tangent.ToScalar(), 1e-13);
    }

    [Fact]
    public void AWhileInGenericCodeTracesToOneNode()
    {
        var graph = Graph.Trace(v => Halve(v), "x");
        Assert.Equal(2, Graph.NodeCount(graph));
        foreach (var x in new[] { 0.5, 3.0, 40.0 })
        {
            var at = Bindings.Of(("x", x));
            Assert.Equal(Halve(x), Graph.Evaluate(graph, at).ToScalar());
            Assert.Equal(Forward.Derivative(Halve, x), Reverse.Grad(graph, at)["x"].ToScalar(), 1e-13);
        }
    }
}
