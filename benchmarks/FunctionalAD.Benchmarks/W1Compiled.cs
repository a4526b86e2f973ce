using BenchmarkDotNet.Attributes;

namespace FunctionalAD.Benchmarks;

/// <summary>
/// W1 with the graph compiled (<see cref="Reverse.Compile"/>): the gradient through the span overload, and, on
/// their own, building the graph and building plus compiling it (compile time = the difference), at n = 1,000
/// (about 11,000 nodes) and n = 100,000 (about 1.1 million nodes).
/// </summary>
[MemoryDiagnoser]
public class W1Compiled
{
    private double[] natural = [];
    private double[] point = [];
    private double[] gradient = [];
    private CompiledGradient compiled = null!;

    [Params(1_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        natural = Rosenbrock.Point(N);
        gradient = new double[N];
        compiled = Reverse.Compile(Rosenbrock.Graph(N));
        // Input names sort as strings (x0, x1, x10, …): put the point in that order once.
        point = [.. compiled.Inputs.Select(name => natural[int.Parse(name[1..], System.Globalization.CultureInfo.InvariantCulture)])];
        Gradient(); // the first call JIT-compiles the emitted code
    }

    /// <summary>The compiled gradient in the natural order x0, x1, …, for the checks.</summary>
    public double[] GradientInNaturalOrder()
    {
        Gradient();
        var natural = new double[N];
        for (var k = 0; k < N; k++) natural[int.Parse(compiled.Inputs[k][1..], System.Globalization.CultureInfo.InvariantCulture)] = gradient[k];
        return natural;
    }

    [Benchmark(Description = "plain f")]
    public double PlainF() => Rosenbrock.Value(natural);

    [Benchmark(Baseline = true, Description = "hand-written gradient")]
    public double[] HandWritten() => Rosenbrock.Gradient(natural);

    [Benchmark(Description = "graph, compiled (span overload)")]
    public double Gradient() => compiled.Invoke(point, gradient);

    [Benchmark(Description = "build the graph")]
    public Expr Build() => Rosenbrock.Graph(N);

    [Benchmark(Description = "build + compile + first call")]
    public double BuildAndCompile()
    {
        var fresh = Reverse.Compile(Rosenbrock.Graph(N));
        return fresh.Invoke(point, new double[N]);
    }
}
