using System.Globalization;
using Xunit.Abstractions;

namespace FunctionalAD.Properties.Examples;

/// <summary>
/// Depth: a graph 1,000,000 nodes deep (10,000,000 with <c>FUNCTIONALAD_DEPTH=10000000</c>), and functions
/// running a loop as long, evaluate and differentiate in both modes without overflowing the stack, and agree
/// with derivatives computed here independently — by a plain loop of local derivatives, and in closed form.
/// Also measures the memory each mode allocates per node (reported, bounded only loosely).
/// </summary>
public class DepthTests(ITestOutputHelper output)
{
    /// <summary>The depth in nodes: <c>FUNCTIONALAD_DEPTH</c>, or 1,000,000 (what CI runs).</summary>
    public static int Depth
    {
        get
        {
            var setting = Environment.GetEnvironmentVariable("FUNCTIONALAD_DEPTH")?.Trim();
            if (string.IsNullOrEmpty(setting)) return 1_000_000;
            return int.TryParse(setting, NumberStyles.Integer, CultureInfo.InvariantCulture, out var depth) && depth >= 1000
                ? depth
                : throw new InvalidOperationException($"FUNCTIONALAD_DEPTH must be a node count of at least 1000, such as 10000000, not '{setting}'.");
        }
    }

    // The Euler step z ← z + h·sin z, repeated Steps times from z = x. Three nodes a step (sin, mul, add)
    // plus x and the shared constant h: 1,000,001 nodes for the default depth, the longest path 999,999 long.
    private static readonly int Steps = (Depth - 1) / 3;
    private const double H = 1e-6;
    private const double X0 = 1.0;

    private static readonly Lazy<Expr> Deep = new(() => EulerChain(Expr.Input("x"), H));

    private static Expr EulerChain(Expr start, double h)
    {
        Expr step = h, z = start;
        for (var i = 0; i < Steps; i++) z = z + step * Expr.Sin(z);
        return z;
    }

    /// <summary>The value and dz/dx of the chain by a plain loop: d ← d·(1 + h·cos z), z ← z + h·sin z.</summary>
    private static (double Value, double Derivative) PlainLoop(int steps, double h, double z)
    {
        var d = 1.0;
        for (var i = 0; i < steps; i++)
        {
            d *= 1 + h * Math.Cos(z);
            z += h * Math.Sin(z);
        }
        return (z, d);
    }

    private static readonly Bindings At = Bindings.Of(("x", X0));

    [Fact]
    public void TheDeepGraphHasTheNodesOfItsSteps()
    {
        Assert.Equal(1 + 1 + 3 * Steps, Graph.NodeCount(Deep.Value));
        Assert.Equal(2 + 3 * Steps, Graph.Nodes(Deep.Value).Length);
        Assert.InRange(Graph.NodeCount(Deep.Value), Depth - 1, Depth + 1);
        Assert.Equal(new[] { "x" }, Graph.Inputs(Deep.Value));
    }

    [Fact]
    public void EvaluatesLikeAPlainLoop()
    {
        var (value, _) = PlainLoop(Steps, H, X0);
        Close.Relative(value, Graph.Evaluate(Deep.Value, At), 1e-12);
    }

    [Fact]
    public void ForwardModeMatchesTheProductOfLocalDerivatives()
    {
        var (value, derivative) = PlainLoop(Steps, H, X0);
        Close.Relative(derivative, Forward.Grad(Deep.Value, At)["x"], 1e-10);
        var jvp = Forward.Jvp(Deep.Value, At, Bindings.Of(("x", 2.0)));
        Close.Relative(value, jvp.Value, 1e-12);
        Close.Relative(2 * derivative, jvp.Tangent, 1e-10);
    }

    [Fact]
    public void ReverseModeMatchesTheProductOfLocalDerivatives()
    {
        var (value, derivative) = PlainLoop(Steps, H, X0);
        var result = Reverse.ValueAndGrad(Deep.Value, At);
        Close.Relative(value, result.Value, 1e-12);
        Close.Relative(derivative, result.Gradient["x"], 1e-10);
        Close.Relative(derivative, Reverse.Grad(Deep.Value, At)["x"], 1e-10);
    }

    [Fact]
    public void BothModesMatchTheFlowOfTheDifferentialEquation()
    {
        // The chain is Euler's method for z′ = sin z over t = Steps·h, whose exact flow is
        // z(t) = 2·atan(tan(x/2)·eᵗ) with ∂z(t)/∂x = sin z(t) / sin x; Euler's error is O(h).
        var t = Steps * H;
        var exact = 2 * Math.Atan(Math.Tan(X0 / 2) * Math.Exp(t));
        var exactDerivative = Math.Sin(exact) / Math.Sin(X0);
        Close.Relative(exact, Graph.Evaluate(Deep.Value, At), 1e-5);
        Close.Relative(exactDerivative, Forward.Grad(Deep.Value, At)["x"], 1e-5);
        Close.Relative(exactDerivative, Reverse.Grad(Deep.Value, At)["x"], 1e-5);
    }

    [Fact]
    public void EqualityHashingAndPrintingWalkTheDeepGraphWithoutRecursion()
    {
        var twin = EulerChain(Expr.Input("x"), H);
        Assert.NotSame(Deep.Value, twin);
        Assert.True(Deep.Value.Equals(twin));
        Assert.True(Deep.Value == twin);
        Assert.Equal(Deep.Value.GetHashCode(), twin.GetHashCode());
        Assert.False(Deep.Value.Equals(EulerChain(Expr.Input("x"), 2 * H)));
        Assert.False(Deep.Value.Equals(EulerChain(Expr.Input("y"), H)));

        var text = Deep.Value.ToString();
        Assert.Equal(4096 + 1, text.Length);
        Assert.EndsWith("…", text);
        Assert.StartsWith("x + 1E-06 * sin(x) + 1E-06 * sin(x + 1E-06 * sin(x)) + 1E-06 * sin(x + 1E-06 * sin(x) + ", text);
    }

    [Fact]
    public void TheDeepGraphRoundTripsThroughJson()
    {
        var json = GraphJson.Serialize(Deep.Value);
        var back = GraphJson.Deserialize(json);
        Assert.NotSame(Deep.Value, back);
        Assert.True(back.Equals(Deep.Value));
        Assert.Equal(Graph.NodeCount(Deep.Value), Graph.NodeCount(back));
        Close.Bits(Graph.Evaluate(Deep.Value, At), Graph.Evaluate(back, At));
        Close.Bits(Reverse.Grad(Deep.Value, At)["x"], Reverse.Grad(back, At)["x"]);
    }

    [Fact]
    public void SubstituteRebuildsTheDeepGraph()
    {
        var renamed = Graph.Substitute(Deep.Value, "x", Expr.Input("u"));
        Assert.Equal(new[] { "u" }, Graph.Inputs(renamed));
        Assert.Equal(Graph.NodeCount(Deep.Value), Graph.NodeCount(renamed));
        Assert.Equal(PlainLoop(Steps, H, X0).Value, Graph.Evaluate(renamed, Bindings.Of(("u", X0))), 12);
        Assert.Equal(new[] { "x" }, Graph.Inputs(Deep.Value));
    }

    [Fact]
    public void FunctionModesRunTheSameChainAsTheGraph()
    {
        var (value, derivative) = PlainLoop(Steps, H, X0);
        var reverse = Reverse.ValueAndGradOf(v =>
        {
            ReverseNumber<double> z = v[0], h = H;
            for (var i = 0; i < Steps; i++) z = z + h * ReverseNumber.Sin(z);
            return z;
        }, [X0]);
        Close.Relative(value, reverse.Value, 1e-12);
        Close.Relative(derivative, reverse.Gradient[0], 1e-10);
        var forward = Forward.JvpOf(v =>
        {
            var z = v[0];
            for (var i = 0; i < Steps; i++) z = z + H * Dual.Sin(z);
            return z;
        }, [X0], [1.0]);
        Close.Relative(value, forward.Value, 1e-12);
        Close.Relative(derivative, forward.Tangent, 1e-10);
    }

    // t ← t^p N times from t0 is t0^(p^N): value and derivative p^N·t0^(p^N − 1) in closed form.
    private static readonly int LoopSteps = Depth;
    private const double P = 1 + 1e-7;
    private const double T0 = 1.5;
    private static readonly double PN = Math.Pow(P, LoopSteps);

    [Fact]
    public void ReverseNumbersSurviveALoopAsLongAsTheDepth()
    {
        var result = Reverse.ValueAndGradOf(v =>
        {
            var t = v[0];
            for (var i = 0; i < LoopSteps; i++) t = ReverseNumber.Pow(t, P);
            return t;
        }, [T0]);
        Close.Relative(Math.Pow(T0, PN), result.Value, 1e-8);
        Close.Relative(PN * Math.Pow(T0, PN - 1), result.Gradient[0], 1e-8);
    }

    [Fact]
    public void DualNumbersSurviveALoopAsLongAsTheDepth()
    {
        var derivative = Forward.Derivative(t =>
        {
            for (var i = 0; i < LoopSteps; i++) t = Dual.Pow(t, P);
            return t;
        }, T0);
        Close.Relative(PN * Math.Pow(T0, PN - 1), derivative, 1e-8);
    }

    /// <summary>
    /// Bytes allocated per node by each operation on the deep chain (GC.GetAllocatedBytesForCurrentThread around
    /// one call, on this thread only), written to the test output and reported in docs/reliability.md. The
    /// bound asserted is loose on purpose: it catches a per-node leak of kilobytes, not a regression of bytes.
    /// </summary>
    [Fact]
    public void MemoryPerNodeIsMeasured()
    {
        static long Allocated(Action action)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Expr graph = null!;
        var build = Allocated(() => graph = EulerChain(Expr.Input("x"), H));
        var nodes = (double)(2 + 3 * Steps);
        var figures = new (string What, long Bytes)[]
        {
            ("building the graph", build),
            ("laying it out (first use, cached)", Allocated(() => Graph.NodeCount(graph))),
            ("Graph.Evaluate", Allocated(() => Graph.Evaluate(graph, At))),
            ("Reverse.Grad", Allocated(() => Reverse.Grad(graph, At))),
            ("Forward.Grad (one input)", Allocated(() => Forward.Grad(graph, At))),
            ("Reverse.GradOf on ReverseNumber", Allocated(() => Reverse.GradOf(v =>
            {
                ReverseNumber<double> z = v[0], h = H;
                for (var i = 0; i < Steps; i++) z = z + h * ReverseNumber.Sin(z);
                return z;
            }, [X0]))),
        };
        foreach (var (what, bytes) in figures)
            output.WriteLine($"{what}: {bytes / nodes:F1} bytes per node ({bytes:N0} bytes, {nodes:N0} nodes)");
        foreach (var (what, bytes) in figures) Assert.True(bytes / nodes < 1024, $"{what} allocates {bytes / nodes:F0} bytes per node");
        // Building must allocate every node (the sweeps may reuse pooled buffers, so they prove nothing here).
        Assert.True(figures[0].Bytes > 32 * nodes, "building the graph must allocate its nodes: the measurement is broken");
    }
}
