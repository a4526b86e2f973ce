using BenchmarkDotNet.Attributes;

namespace FunctionalAD.Benchmarks;

/// <summary>W2: the directional derivative of extended Rosenbrock along v = 1 with dual numbers.</summary>
[MemoryDiagnoser]
public class W2ScalarForward
{
    private double[] point = [];
    private double[] direction = [];
    private Dual<double>[] seeds = [];
    private double[] ordered = [];
    private CompiledJvp compiled = null!;

    [Params(1_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        point = Rosenbrock.Point(N);
        direction = [.. point.Select(_ => 1.0)];
        seeds = new Dual<double>[N];
        compiled = Forward.Compile(Rosenbrock.Graph(N));
        // Input names sort as strings (x0, x1, x10, …): put the point in that order once.
        ordered = [.. compiled.Inputs.Select(name => point[int.Parse(name[1..], System.Globalization.CultureInfo.InvariantCulture)])];
        CompiledGraph(); // the first call JIT-compiles the emitted code
    }

    [Benchmark(Description = "plain f")]
    public double PlainF() => Rosenbrock.Value(point);

    [Benchmark(Baseline = true, Description = "hand-written directional derivative")]
    public double HandWritten() => Rosenbrock.Directional(point, direction);

    [Benchmark(Description = "hand-written value and directional derivative (what a JVP returns)")]
    public (double Value, double Tangent) HandWrittenWithValue() => Rosenbrock.ValueAndDirectional(point, direction);

    [Benchmark(Description = "dual numbers")]
    public double Duals() => Forward.JvpOf(Rosenbrock.OfDual, point, direction).Tangent;

    [Benchmark(Description = "dual numbers, the caller's seed buffer")]
    public double DualsIntoBuffer() => Forward.JvpOf(Rosenbrock.OfDual, point, direction, seeds).Tangent;

    [Benchmark(Description = "graph, compiled JVP (span overload)")]
    public double CompiledGraph() => compiled.Invoke(ordered, direction).Tangent;
}
