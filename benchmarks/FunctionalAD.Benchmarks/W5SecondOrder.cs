using BenchmarkDotNet.Attributes;

namespace FunctionalAD.Benchmarks;

/// <summary>W5: gradient, Hessian-vector product and full Hessian of a logistic loss, 1,000 rows × 100 features.</summary>
[MemoryDiagnoser]
public class W5SecondOrder
{
    private LogisticLoss loss = new(1, 1);

    [Params(1_000)]
    public int Rows { get; set; }

    [Params(100)]
    public int Features { get; set; }

    [GlobalSetup]
    public void Setup() => loss = new LogisticLoss(Rows, Features);

    [Benchmark(Description = "plain loss")]
    public double PlainLoss() => loss.Value(loss.Point);

    [Benchmark(Baseline = true, Description = "hand-written gradient")]
    public double[] HandWrittenGradient() => loss.Gradient(loss.Point);

    [Benchmark(Description = "hand-written HVP")]
    public double[] HandWrittenHvp() => loss.HessianVectorProduct(loss.Point, loss.Direction);

    [Benchmark(Description = "gradient (reverse numbers)")]
    public object Gradient() => Transform.Grad<double>(loss, loss.Point);

    [Benchmark(Description = "HVP (forward over reverse)")]
    public object Hvp() => Transform.HessianVectorProduct<double>(loss, loss.Point, loss.Direction);

    [Benchmark(Description = "Hessian (forward over reverse)")]
    public object Hessian() => Transform.Hessian(loss, loss.Point);
}
