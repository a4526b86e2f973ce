namespace FunctionalAD.Properties.Examples;

/// <summary>Compiled graphs on large and deep graphs (many chunks), the cache, and bad input.</summary>
public class CompilationTests
{
    [Fact]
    public void ALargeGraphCompilesToTheInterpretersNumbers()
    {
        var graph = Benchmarks.Rosenbrock.Graph(200); // about 2,200 nodes, dozens of chunks
        var at = Bindings.From(Enumerable.Range(0, 200).Select(i => KeyValuePair.Create($"x{i}", 0.5 + 0.01 * (i % 7))));
        var compiled = Reverse.Compile(graph).Invoke(at);
        var interpreted = Reverse.ValueAndGrad(graph, at);
        Close.Bits(interpreted.Value, compiled.Value);
        Assert.Equal(interpreted.Gradient, compiled.Gradient); // Gradient equality is bit for bit

        var direction = Bindings.From(Enumerable.Range(0, 200).Select(i => KeyValuePair.Create($"x{i}", 1.0 - 0.01 * i)));
        var jvp = Forward.Compile(graph).Invoke(at, direction);
        Assert.Equal(Forward.Jvp(graph, at, direction), jvp);
    }

    [Fact]
    public void ADeepChainCompilesAcrossChunks()
    {
        var x0 = Expr.Input("x");
        var x = x0;
        for (var i = 0; i < 5_000; i++) x = x + 1e-3 * Expr.Sin(x);
        var at = Bindings.Of(("x", 0.3));
        var compiled = Reverse.Compile(x).Invoke(at);
        Close.Bits(Reverse.Grad(x, at)["x"], compiled.Gradient["x"]);
        Close.Bits(Forward.Jvp(x, at, Bindings.Of(("x", 1.0))).Tangent, Forward.Compile(x).Invoke(at, Bindings.Of(("x", 1.0))).Tangent);
    }

    [Fact]
    public void OneCompiledGradientServesManyThreadsAtOnce()
    {
        var graph = Benchmarks.Rosenbrock.Graph(50);
        var compiled = Reverse.Compile(graph);
        var failures = 0;
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            var at = Bindings.From(Enumerable.Range(0, 50).Select(i => KeyValuePair.Create($"x{i}", 0.1 * ((i + k) % 13))));
            if (!compiled.Invoke(at).Gradient.Equals(Reverse.Grad(graph, at))) Interlocked.Increment(ref failures);
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void CompilingTheSameGraphTwiceReturnsTheCachedResult()
    {
        var (w, x) = (Expr.Input("w"), Expr.Input("x"));
        var y = w * x;
        Assert.Same(Reverse.Compile(y), Reverse.Compile(y));
        Assert.Same(Forward.Compile(y), Forward.Compile(y));
    }

    [Fact]
    public void AConstantOrAnInputAloneCompiles()
    {
        var constant = Reverse.Compile(Expr.Constant(4)).Invoke(Bindings.Empty);
        Assert.Equal(4.0, constant.Value);
        Assert.Empty(constant.Gradient.Names);
        var input = Reverse.Compile(Expr.Input("x")).Invoke(Bindings.Of(("x", 2.0)));
        Assert.Equal((2.0, 1.0), (input.Value, input.Gradient.Scalar("x")));
        Assert.Equal(new ValueAndTangent<Tensor>(2.0, 3.0), Forward.Compile(Expr.Input("x")).Invoke(Bindings.Of(("x", 2.0)), Bindings.Of(("x", 3.0))));
    }

    [Fact]
    public void BadInputIsNamed()
    {
        var (w, x) = (Expr.Input("w"), Expr.Input("x"));
        var compiled = Reverse.Compile(w * x);
        var ex = Assert.Throws<ArgumentException>(() => compiled.Invoke([1.0], new double[2]));
        Assert.Contains("[w, x]", ex.Message);
        Assert.Equal("inputs", ex.ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => compiled.Invoke([1.0, 2.0], new double[1])).ParamName);
        Assert.Throws<UnboundInputException>(() => compiled.Invoke(Bindings.Of(("w", 1.0))));
        Assert.Throws<ArgumentException>(() => Forward.Compile(w * x).Invoke(Bindings.Of(("w", 1.0), ("x", 1.0)), Bindings.Of(("v", 1.0))));
        Assert.Throws<ArgumentNullException>(() => Reverse.Compile(null!));
    }
}
