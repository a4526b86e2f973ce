namespace FunctionalAD.Properties.Loops;

/// <summary>Graphs with loops compile (to the tensor plan) and give the interpreted value, gradient and JVP to the bit.</summary>
public class LoopCompilationTests
{
    public static TheoryData<string> Loops() => ["fold", "while", "scan"];

    private static (Expr Graph, Bindings At) Case(string name)
    {
        var (a, x0) = (Expr.Input("a"), Expr.Input("x0"));
        return name switch
        {
            "fold" => (Expr.Fold(x0, 50, x => Expr.Sin(x) * a + 0.5) * a, Bindings.Of(("x0", 0.3), ("a", 1.1))),
            "while" => (Expr.While(x0, 100, x => Expr.Step(10.0, x), x => a * x), Bindings.Of(("x0", 0.7), ("a", 2.0))),
            _ => (Expr.Sum(Expr.Scan(x0, Expr.Input("xs", Shape.Vector(4)), (c, x) => (Expr.Tanh(a * c + x), c * x))),
                Bindings.Of(("x0", 0.2), ("a", 0.9), ("xs", Tensor.Vector(0.1, -0.2, 0.3, 0.4)))),
        };
    }

    [Theory]
    [MemberData(nameof(Loops))]
    public void CompiledEqualsInterpreted(string name)
    {
        var (graph, at) = Case(name);
        var compiled = Reverse.Compile(graph).Invoke(at);
        var interpreted = Reverse.ValueAndGrad(graph, at);
        Assert.Equal(interpreted.Value, compiled.Value);
        Assert.Equal(interpreted.Gradient, compiled.Gradient);
        var direction = Bindings.Of(("a", 1.0), ("x0", 0.5));
        var jvp = Forward.Compile(graph).Invoke(at, direction);
        var expected = Forward.Jvp(graph, at, direction);
        Assert.Equal(expected.Value, jvp.Value);
        Assert.Equal(expected.Tangent, jvp.Tangent);
    }

    /// <summary>
    /// A partial of a loop's gradient graph (holding the loop's cotangent nodes) compiles for forward mode, with the
    /// interpreted value and tangent; its reverse-mode compilation refuses third order, naming the loop.
    /// </summary>
    [Theory]
    [MemberData(nameof(Loops))]
    public void APartialOfALoopsGradientGraphCompilesForForwardMode(string name)
    {
        var (graph, at) = Case(name);
        var partial = Reverse.GradGraph(graph)["a"];
        var direction = Bindings.Of(("a", 1.0), ("x0", 0.5));
        var jvp = Forward.Compile(partial).Invoke(at, direction);
        var expected = Forward.Jvp(partial, at, direction);
        Assert.Equal(expected.Value, jvp.Value);
        Assert.Equal(expected.Tangent, jvp.Tangent);
        Assert.Equal(Reverse.Grad(graph, at)["a"], expected.Value);
        Assert.Contains($"loop '{name}'", Assert.Throws<NotSupportedException>(() => Reverse.Compile(partial).Invoke(at)).Message);
    }
}
