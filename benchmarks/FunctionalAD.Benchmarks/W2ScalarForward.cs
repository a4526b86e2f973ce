using BenchmarkDotNet.Attributes;

namespace FunctionalAD.Benchmarks;

/// <summary>W2: the directional derivative of extended Rosenbrock along v = 1 with dual numbers.</summary>
[MemoryDiagnoser]
public class W2ScalarForward
{
    private double[] point = [];
    private double[] direction = [];
    private Dual<double>[] seeds = [];

    [Params(1_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        point = Rosenbrock.Point(N);
        direction = [.. point.Select(_ => 1.0)];
        seeds = new Dual<double>[N];
    }

    [Benchmark(Description = "plain f")]
    public double PlainF() => Rosenbrock.Value(point);

    [Benchmark(Baseline = true, Description = "hand-written directional derivative")]
    public double HandWritten() => Rosenbrock.Directional(point, direction);

    [Benchmark(Description = "dual numbers")]
    public double Duals() => Forward.JvpOf(Rosenbrock.OfDual, point, direction).Tangent;

    [Benchmark(Description = "dual numbers, the caller's seed buffer")]
    public double DualsIntoBuffer() => Forward.JvpOf(Rosenbrock.OfDual, point, direction, seeds).Tangent;
}
