using System.Diagnostics;

namespace FunctionalAD.Benchmarks;

/// <summary>
/// <c>--threads</c>: W3's training step by the graph and per-example gradients of logistic regression (batch 1,024,
/// 100 features, <see cref="Reverse.GradEach"/>), timed with the thread count of this process
/// (<c>FUNCTIONALAD_THREADS</c>); run it once with 1 and once with 2 to read the speed-up.
/// </summary>
public static class ThreadsRun
{
    public static int Run()
    {
        Console.WriteLine($"threads: {Threads.Count}; linear algebra: {LinearAlgebra.Backend}");
        var w3 = new W3Mlp();
        w3.Setup();
        Report("W3 step by the graph", Median(30, () => w3.GraphReverse()));

        const int batch = 1_024, features = 100;
        var random = new Random(7);
        var w = Expr.Input("w", Shape.Vector(features));
        var x = Expr.Input("x", Shape.Vector(features));
        var y = Expr.Input("y");
        var perExample = Expr.Softplus(-y * Expr.Dot(w, x));   // log(1 + e^{−y w·x})
        var weights = Tensor.Vector([.. Enumerable.Range(0, features).Select(_ => random.NextDouble() - 0.5)]);
        var points = Enumerable.Range(0, batch).Select(_ => Bindings.Of(
            ("w", weights),
            ("x", Tensor.Vector([.. Enumerable.Range(0, features).Select(_ => random.NextDouble() * 2 - 1)])),
            ("y", random.Next(2) * 2.0 - 1))).ToArray();
        Report("per-example gradients, 1,024 × 100", Median(30, () => Reverse.GradEach(perExample, points, parallel: true)));
        Report("the same, sequential (parallel: false)", Median(30, () => Reverse.GradEach(perExample, points)));
        return 0;
    }

    private static double Median(int rounds, Action action)
    {
        // Tiered compilation counts calls before it optimises a method, and on two threads the counting most likely
        // contends: five warm-up calls left per-example gradients 3× slower on two threads than on one. Run for a second, pause
        // for the background compiler, and again, so that what is timed is the optimised code.
        for (var pass = 0; pass < 2; pass++)
        {
            var warm = Stopwatch.StartNew();
            do action(); while (warm.ElapsedMilliseconds < 1000);
            Thread.Sleep(300);
        }
        var times = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[rounds / 2];
    }

    private static void Report(string what, double milliseconds) => Console.WriteLine($"  {what,-40} {milliseconds,9:F3} ms (median)");
}
