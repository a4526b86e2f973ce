using BenchmarkDotNet.Attributes;

namespace FunctionalAD.Benchmarks;

/// <summary>W4: x ← x + 1e-7·sin(x), N times from 0.3; d out / d x0 in reverse mode.</summary>
[MemoryDiagnoser]
public class W4Chain
{
    private const double X0 = 0.3;

    [Params(1_000_000)]
    public int N { get; set; }

    /// <summary>Hand-written reverse derivative that stores the trajectory.</summary>
    [Benchmark(Baseline = true, Description = "hand-written reverse")]
    public double HandWritten()
    {
        var xs = new double[N + 1];
        xs[0] = X0;
        for (var i = 0; i < N; i++) xs[i + 1] = xs[i] + 1e-7 * Math.Sin(xs[i]);
        var adjoint = 1.0;
        for (var i = N - 1; i >= 0; i--) adjoint *= 1 + 1e-7 * Math.Cos(xs[i]);
        return adjoint;
    }

    [Benchmark(Description = "naive closure tape")]
    public double Naive()
    {
        var tape = new NaiveTape();
        var x0 = tape.Variable(X0);
        var x = x0;
        for (var i = 0; i < N; i++) x = x + 1e-7 * NaiveTape.Var.Sin(x);
        tape.Backward(x);
        return x0.Grad;
    }

    [Benchmark(Description = "graph: build + interpreted reverse")]
    public double GraphReverse() => Reverse.Grad(Build(), Bindings.Of(("x0", X0)))["x0"];

    [Benchmark(Description = "graph: array builder + interpreted reverse")]
    public double FlatReverse() => Reverse.Grad(BuildFlat(), Bindings.Of(("x0", X0)))["x0"];

    /// <summary>The chain traced into arrays (<see cref="FlatGraph"/>): three nodes per step and one shared constant, no object per node.</summary>
    public FlatGraph BuildFlat() => FlatGraph.Trace(x =>
    {
        for (var i = 0; i < N; i++) x = x + 1e-7 * FlatExpr.Sin(x);
        return x;
    }, "x0");

    [Benchmark(Description = "graph: one Fold node, √N checkpoints")]
    public double FoldReverse() => Reverse.Grad(BuildFold(), Bindings.Of(("x0", X0)))["x0"];

    /// <summary>The chain as one <c>fold</c> node whose body is the step x + 1e-7·sin x.</summary>
    public Expr BuildFold() => Expr.Fold(Expr.Input("x0"), N, x => x + 1e-7 * Expr.Sin(x));

    /// <summary>The chain as a graph, one node per operation (and one constant per step, as the operator makes it).</summary>
    public Expr Build()
    {
        var x = Expr.Input("x0");
        for (var i = 0; i < N; i++) x = x + 1e-7 * Expr.Sin(x);
        return x;
    }

    [Benchmark(Description = "reverse numbers")]
    public double ReverseNumbers() => Reverse.GradOf(v =>
    {
        var x = v[0];
        for (var i = 0; i < N; i++) x = x + 1e-7 * ReverseNumber.Sin(x);
        return x;
    }, [X0])[0];
}
