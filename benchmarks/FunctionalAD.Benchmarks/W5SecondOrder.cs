using BenchmarkDotNet.Attributes;

namespace FunctionalAD.Benchmarks;

/// <summary>W5: gradient, Hessian-vector product and full Hessian of a logistic loss, 1,000 rows × 100 features.</summary>
[MemoryDiagnoser]
public class W5SecondOrder
{
    private LogisticLoss loss = new(1, 1);
    private Expr graph = Expr.Constant(0);
    private GradientGraph gradientGraph = Reverse.GradGraph(Expr.Constant(0));
    private Bindings at = Bindings.Empty, direction = Bindings.Empty;
    private Expr tensorGraph = Expr.Constant(0);
    private Bindings tensorAt = Bindings.Empty, weightsAt = Bindings.Empty, weightsDirection = Bindings.Empty;
    private Expr tensorOnWeights = Expr.Constant(0);
    private GradientGraph tensorGradientGraph = Reverse.GradGraph(Expr.Constant(0));
    private MatrixProducts native = ManagedProducts.Instance;
    private static readonly string[] Weights = ["w"];

    [Params(1_000)]
    public int Rows { get; set; }

    [Params(100)]
    public int Features { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        loss = new LogisticLoss(Rows, Features);
        // The same generic function, traced into a graph (inputs w000, w001, … sort in index order), and its
        // gradient graph, built once: the setup is not timed.
        var names = Enumerable.Range(0, Features).Select(i => $"w{i:D3}").ToArray();
        graph = Graph.Trace(w => loss.Invoke<Expr>(w), names);
        gradientGraph = Reverse.GradGraph(graph);
        at = Bindings.Of([.. names.Zip(loss.Point, (n, x) => (n, x))]);
        direction = Bindings.Of([.. names.Zip(loss.Direction, (n, x) => (n, x))]);
        // The loss as a tensor graph: X·w through MatMul (a matrix·vector product), then the binary cross-entropy.
        tensorGraph = loss.TensorGraph();
        tensorAt = Bindings.Of(("X", loss.Data), ("t", loss.Targets), ("w", Tensor.Vector(loss.Point)));
        Graph.Evaluate(tensorGraph, tensorAt); // lays out the topology once, as a reused graph would have it
        // The same loss with the data as constants, whose only input is w, and its gradient graph: second order on tensors.
        tensorOnWeights = Graph.Substitute(Graph.Substitute(tensorGraph, "X", Expr.Constant(loss.Data)), "t", Expr.Constant(loss.Targets));
        tensorGradientGraph = Reverse.GradGraph(tensorOnWeights);
        weightsAt = Bindings.Of(("w", Tensor.Vector(loss.Point)));
        weightsDirection = Bindings.Of(("w", Tensor.Vector(loss.Direction)));
        tensorGradientGraph.HessianVectorProduct(weightsAt, weightsDirection);
        native = W3Mlp.NativeProducts();
    }

    [Benchmark(Description = "plain loss")]
    public double PlainLoss() => loss.Value(loss.Point);

    [Benchmark(Baseline = true, Description = "hand-written gradient")]
    public double[] HandWrittenGradient() => loss.Gradient(loss.Point);

    [Benchmark(Description = "hand-written HVP")]
    public double[] HandWrittenHvp() => loss.HessianVectorProduct(loss.Point, loss.Direction);

    [Benchmark(Description = "gradient (tensor graph, managed)")]
    public Gradient TensorGradient()
    {
        using var _ = LinearAlgebra.UseOnThisThread(ManagedProducts.Instance);
        return Reverse.Grad(tensorGraph, tensorAt, Weights);
    }

    [Benchmark(Description = "gradient (tensor graph, native BLAS)")]
    public Gradient TensorGradientNative()
    {
        using var _ = LinearAlgebra.UseOnThisThread(native);
        return Reverse.Grad(tensorGraph, tensorAt, Weights);
    }

    [Benchmark(Description = "gradient (reverse numbers)")]
    public object Gradient() => Transform.Grad<double>(loss, loss.Point);

    [Benchmark(Description = "HVP (forward over reverse)")]
    public object Hvp() => Transform.HessianVectorProduct<double>(loss, loss.Point, loss.Direction);

    [Benchmark(Description = "gradient (traced graph, interpreted)")]
    public Gradient GraphGradient() => Reverse.Grad(graph, at);

    [Benchmark(Description = "gradient (gradient graph)")]
    public ValueAndGradient<double, Gradient> GradientGraphGradient() => gradientGraph.Evaluate(at);

    [Benchmark(Description = "HVP (forward over the gradient graph)")]
    public Gradient GradientGraphHvp() => gradientGraph.HessianVectorProduct(at, direction);

    [Benchmark(Description = "gradient (tensor graph over w, data as constants)")]
    public Gradient TensorGradientOnWeights() => Reverse.Grad(tensorOnWeights, weightsAt);

    [Benchmark(Description = "HVP (tensor graph: one joint sweep of values and tangents over its gradient graph)")]
    public Gradient TensorHvp() => tensorGradientGraph.HessianVectorProduct(weightsAt, weightsDirection);

    [Benchmark(Description = "Hessian (tensor graph: batched tangents over its gradient graph)")]
    public object TensorHessian() => tensorGradientGraph.Hessian(weightsAt);

    [Benchmark(Description = "Hessian (reverse over reverse)")]
    public object Hessian() => Transform.Hessian(loss, loss.Point);
}
