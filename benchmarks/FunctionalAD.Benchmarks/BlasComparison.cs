using System.Diagnostics;

namespace FunctionalAD.Benchmarks;

/// <summary>
/// <c>--blas</c>: times W3's and W5's matrix products on the managed code and on the native BLAS that
/// <c>FUNCTIONALAD_BLAS=native</c> would take, alternating the two, and prints the medians. This is the
/// measurement behind the choice of <c>auto</c> (docs/tensors.md).
/// </summary>
public static class BlasComparison
{
    public static int Run()
    {
        MathNet.Numerics.Control.UseSingleThread();
        var native = W3Mlp.NativeProducts();
        var backends = new[] { ("MathNet", (MatrixProducts)MathNetProducts.Instance), ("managed", ManagedProducts.Instance), ("native", native) };
        Console.WriteLine($"native: {native.Description}");
        var random = new Random(1);
        double[] Fill(int count) => [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() - 0.5)];
        // (name, transpose A, transpose B, m, n, k): W3's forward and backward products, batch 128.
        var products = new (string Name, bool TA, bool TB, int M, int N, int K)[]
        {
            ("X·W1      128×784 · 784×256", false, false, 128, 256, 784),
            ("Xᵀ·dH     (128×784)ᵀ · 128×256", true, false, 784, 256, 128),
            ("A·W2      128×256 · 256×10", false, false, 128, 10, 256),
            ("dZ·W2ᵀ    128×10 · (256×10)ᵀ", false, true, 128, 256, 10),
            ("Aᵀ·dZ     (128×256)ᵀ · 128×10", true, false, 256, 10, 128),
        };
        Console.WriteLine("| product | MathNet | managed SIMD | native | managed / MathNet | native / managed |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var p in products)
        {
            var a = Fill(p.M * p.K);
            var b = Fill(p.K * p.N);
            var times = backends.Select(_ => new List<double>()).ToArray();
            // Small products warm up longer, so that tiered compilation has replaced the first code when timing starts.
            var warmUp = (long)p.M * p.N * p.K < 1_000_000 ? 60 : 3;
            for (var round = 0; round < warmUp + 15; round++)
            for (var i = 0; i < backends.Length; i++)
            {
                if (round == warmUp && i == 0) Thread.Sleep(300);
                var c = new double[p.M * p.N];
                var clock = Stopwatch.StartNew();
                backends[i].Item2.Gemm(p.TA, p.TB, p.M, p.N, p.K, a, p.TA ? p.K : p.M, b, p.TB ? p.N : p.K, 0, c);
                if (round >= warmUp) times[i].Add(clock.Elapsed.TotalMilliseconds);
            }
            Print(p.Name, times, "ms");
        }
        foreach (var transpose in new[] { false, true })
        {
            var a = Fill(1000 * 100);
            var x = Fill(transpose ? 1000 : 100);
            var times = backends.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < 400; round++)
            for (var i = 0; i < backends.Length; i++)
            {
                var y = new double[transpose ? 100 : 1000];
                var clock = Stopwatch.StartNew();
                backends[i].Item2.Gemv(transpose, 1000, 100, a, x, 0, y);
                if (round >= 200) times[i].Add(clock.Elapsed.TotalMilliseconds * 1000);
                else if (round == 100) Thread.Sleep(300); // lets tiered compilation replace the warm-up code
            }
            Print(transpose ? "W5 Xᵀ·g    (1000×100)ᵀ · 1000" : "W5 X·w     1000×100 · 100", times, "µs");
        }
        // Whole W3 steps and W5 gradients, the cases alternating round by round, so that a shared machine's load
        // falls on all of them alike.
        var w3 = new W3Mlp();
        w3.Setup();
        Alternate("W3 step", 12, "ms", 1,
            ("hand-written MathNet (baseline)", () => w3.HandWritten()),
            ("hand-written on the managed kernels", () => w3.HandWrittenSameKernels()),
            ("graph, MathNet's products (as before the managed kernels)", () => w3.GraphReverseOn(MathNetProducts.Instance)),
            ("graph, managed", () => w3.GraphReverse()),
            ("graph, native BLAS", () => w3.GraphReverseNative()));
        var w5 = new W5SecondOrder { Rows = 1_000, Features = 100 };
        w5.Setup();
        Alternate("W5 gradient", 400, "µs", 1000,
            ("hand-written (baseline)", () => w5.HandWrittenGradient()),
            ("tensor graph, managed", () => w5.TensorGradient()),
            ("tensor graph, native BLAS", () => w5.TensorGradientNative()));
        return 0;
    }

    private static void Alternate(string title, int rounds, string unit, double scale, params (string Name, Func<object> Run)[] cases)
    {
        var times = cases.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < 2 * rounds; round++)
        {
            if (round == rounds / 2) Thread.Sleep(300); // lets tiered compilation replace the warm-up code
            for (var i = 0; i < cases.Length; i++)
            {
                var clock = Stopwatch.StartNew();
                GC.KeepAlive(cases[i].Run());
                if (round >= rounds) times[i].Add(clock.Elapsed.TotalMilliseconds * scale);
            }
        }
        var medians = times.Select(t => t.Order().ElementAt(t.Count / 2)).ToArray();
        Console.WriteLine($"| {title} | median | ratio to the first |");
        Console.WriteLine("|---|---:|---:|");
        for (var i = 0; i < cases.Length; i++)
            Console.WriteLine($"| {cases[i].Name} | {medians[i]:F3} {unit} | {medians[i] / medians[0]:F2} |");
    }

    private static void Print(string name, List<double>[] times, string unit)
    {
        var medians = times.Select(t => t.Order().ElementAt(t.Count / 2)).ToArray();
        Console.WriteLine($"| {name} | {medians[0]:F3} {unit} | {medians[1]:F3} {unit} | {medians[2]:F3} {unit} | {medians[1] / medians[0]:F2} | {medians[2] / medians[1]:F2} |");
    }
}
