using System.Diagnostics;

namespace FunctionalAD.Benchmarks;

/// <summary>
/// W4 at any N as one <c>fold</c> node, in one fresh process: the gradient with the default √N checkpoints, then with
/// a binomial budget of 64 carries, each timed; the process's peak working set is read before the hand-written
/// full-storage reverse pass (the baseline, which needs 8·N bytes of its own) runs last, so that the peak is the loop's
/// alone. Run as <c>dotnet run -c Release --project benchmarks/FunctionalAD.Benchmarks -- --loop 10000000</c>;
/// <c>--no-baseline</c> leaves the hand-written pass out (at N = 10⁸ it needs 800 MB).
/// </summary>
public static class LoopRun
{
    public static int Run(int n, bool baseline)
    {
        var chain = new W4Chain { N = n };
        var warm = new W4Chain { N = 1_000 };
        for (var i = 0; i < 3; i++) _ = (warm.HandWritten(), warm.FoldReverse());

        var at = Bindings.Of(("x0", 0.3));
        var clock = Stopwatch.StartNew();
        var graph = chain.BuildFold();
        var (value, derivative) = Reverse.ValueAndGrad(graph, at) is var r ? (r.Value, r.Gradient["x0"].ToScalar()) : default;
        var fold = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var binomial = Reverse.Grad(graph, at, ReverseOptions.WithBudget(64))["x0"].ToScalar();
        var budget = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var evaluated = Graph.Evaluate(graph, at).ToScalar();
        var evaluate = clock.Elapsed.TotalMilliseconds;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;

        Console.WriteLine($"W4 chain as one Fold node, N = {n:N0}");
        Console.WriteLine($"  out {value:R} (evaluate alone {evaluated:R}), d out / d x0: √N checkpoints {derivative:R}, binomial (64) {binomial:R}");
        Console.WriteLine($"  evaluate:                       {evaluate,9:F1} ms");
        Console.WriteLine($"  value and gradient, √N:         {fold,9:F1} ms = {fold / evaluate:F2} × evaluate");
        Console.WriteLine($"  value and gradient, binomial 64:{budget,9:F1} ms = {budget / evaluate:F2} × evaluate");
        Console.WriteLine($"  process peak working set before the baseline: {peak / 1e6:F0} MB");
        if (!baseline) return 0;
        clock.Restart();
        var hand = chain.HandWritten();
        var handTime = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($"  hand-written full-storage reverse: {handTime,9:F1} ms ({hand:R}); √N fold = {fold / handTime:F2} × hand-written");
        return 0;
    }
}
