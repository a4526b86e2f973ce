using BenchmarkDotNet.Attributes;

namespace FunctionalAD.Benchmarks;

/// <summary>
/// W1: the gradient of extended Rosenbrock written with scalar operations, every interpreted mode against the
/// hand-written one, at n = 1,000 and 100,000. The compiled graph is <see cref="W1Compiled"/>.
/// </summary>
[MemoryDiagnoser]
public class W1ScalarReverse
{
    private double[] point = [];
    private Expr graph = Expr.Constant(0);
    private Bindings at = Bindings.Empty;

    [Params(1_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        point = Rosenbrock.Point(N);
        graph = Rosenbrock.Graph(N);
        at = Bindings.Of([.. point.Select((v, i) => ($"x{i}", v))]);
        Graph.Evaluate(graph, at); // lays out the topology once, as a reused graph would have it
    }

    [Benchmark(Description = "plain f")]
    public double PlainF() => Rosenbrock.Value(point);

    [Benchmark(Baseline = true, Description = "hand-written gradient")]
    public double[] HandWritten() => Rosenbrock.Gradient(point);

    [Benchmark(Description = "naive closure tape")]
    public double[] Naive() => Rosenbrock.NaiveGradient(point);

    [Benchmark(Description = "graph, interpreted reverse")]
    public Gradient GraphReverse() => Reverse.Grad(graph, at);

    [Benchmark(Description = "reverse numbers")]
    public object ReverseNumbers() => Reverse.GradOf(Rosenbrock.OfReverse, point);
}
