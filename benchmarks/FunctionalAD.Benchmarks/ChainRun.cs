using System.Diagnostics;

namespace FunctionalAD.Benchmarks;

/// <summary>
/// W4 at any N in one fresh process, timed with a stopwatch and split into its parts: the hand-written reverse
/// derivative (the baseline, run first and small), building the graph, laying out its topology, and the two sweeps
/// (<c>Reverse.Grad</c> on the laid-out graph); then the process's peak working set, per operation. Run as
/// <c>dotnet run -c Release --project benchmarks/FunctionalAD.Benchmarks -- --chain 10000000</c>, one N per process,
/// so that the peak belongs to that N alone (<c>/usr/bin/time -v</c> around it gives the same peak). With
/// <c>--numbers</c>, the same for reverse numbers (<see cref="RunNumbers"/>); with <c>--arrays</c>, for the chain traced into
/// arrays (<see cref="RunArrays"/>).
/// </summary>
public static class ChainRun
{
    public static int Run(int n)
    {
        var chain = new W4Chain { N = n };
        // Warm up the JIT on a small chain so that the timings below are of steady code.
        var warm = new W4Chain { N = 1_000 };
        for (var i = 0; i < 3; i++) _ = (warm.HandWritten(), warm.GraphReverse());

        var clock = Stopwatch.StartNew();
        var handDerivative = chain.HandWritten();
        var hand = clock.Elapsed.TotalMilliseconds;

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pause = GC.GetTotalPauseDuration();
        var bytes = allocatedBefore;
        double Allocated()
        {
            var (before, now) = (bytes, GC.GetTotalAllocatedBytes(precise: true));
            bytes = now;
            return (now - before) / 1e6;
        }
        TimeSpan Paused()
        {
            var (before, now) = (pause, GC.GetTotalPauseDuration());
            pause = now;
            return now - before;
        }
        clock.Restart();
        var graph = chain.Build();
        var build = clock.Elapsed.TotalMilliseconds;
        var buildPause = Paused().TotalMilliseconds;
        var buildBytes = Allocated();
        var (buildPeak, buildHeap) = (Process.GetCurrentProcess().PeakWorkingSet64 / 1e6, GC.GetTotalMemory(false) / 1e6);
        clock.Restart();
        var nodes = Graph.NodeCount(graph);
        var layout = clock.Elapsed.TotalMilliseconds;
        var layoutPause = Paused().TotalMilliseconds;
        var layoutBytes = Allocated();
        var (layoutPeak, layoutHeap) = (Process.GetCurrentProcess().PeakWorkingSet64 / 1e6, GC.GetTotalMemory(false) / 1e6);
        clock.Restart();
        var derivative = Reverse.Grad(graph, Bindings.Of(("x0", 0.3)))["x0"];
        var sweeps = clock.Elapsed.TotalMilliseconds;
        var sweepsPause = Paused().TotalMilliseconds;
        var sweepsBytes = Allocated();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        GC.KeepAlive(graph);

        var operations = 3.0 * n;
        var total = build + layout + sweeps;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine($"W4 chain, N = {n:N0} ({operations:N0} operations, {nodes:N0} nodes)");
        Console.WriteLine($"  d out / d x0: graph {derivative:R}, hand-written {handDerivative:R}");
        Console.WriteLine($"  hand-written reverse: {hand,9:F1} ms");
        Console.WriteLine($"  build graph:          {build,9:F1} ms (of which collecting garbage {buildPause:F1} ms), {buildBytes:F0} MB allocated");
        Console.WriteLine($"  lay out topology:     {layout,9:F1} ms (of which collecting garbage {layoutPause:F1} ms), {layoutBytes:F0} MB allocated");
        Console.WriteLine($"  sweeps (Reverse.Grad):{sweeps,9:F1} ms (of which collecting garbage {sweepsPause:F1} ms), {sweepsBytes:F0} MB allocated");
        Console.WriteLine($"  process peak after building {buildPeak:F0} MB (heap {buildHeap:F0} MB), after laying out {layoutPeak:F0} MB (heap {layoutHeap:F0} MB)");
        Console.WriteLine($"  graph total:          {total,9:F1} ms = {total / hand:F1} × hand-written, {total * 1e6 / operations:F1} ns per operation");
        Console.WriteLine($"  allocated by the graph path: {allocated / 1e6:F0} MB = {allocated / operations:F0} B per operation");
        Console.WriteLine($"  process peak working set:    {peak / 1e6:F0} MB = {peak / operations:F0} B per operation");
        return 0;
    }

    /// <summary>
    /// W4 at N with reverse numbers (<c>Reverse.GradOf</c>, which records the chain on a tape of structs): the
    /// hand-written reverse derivative and three gradients, each timed, then the process's peak working set per
    /// operation. The first gradient takes its tape chunks fresh; later ones reuse pooled chunks (up to the pool's cap).
    /// </summary>
    public static int RunNumbers(int n)
    {
        var chain = new W4Chain { N = n };
        var warm = new W4Chain { N = 1_000 };
        for (var i = 0; i < 3; i++) _ = (warm.HandWritten(), warm.ReverseNumbers());

        var operations = 3.0 * n;
        Console.WriteLine($"W4 chain, N = {n:N0} ({operations:N0} operations), reverse numbers");
        for (var round = 1; round <= 3; round++)
        {
            var clock = Stopwatch.StartNew();
            var hand = chain.HandWritten();
            var handTime = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var numbers = chain.ReverseNumbers();
            var numbersTime = clock.Elapsed.TotalMilliseconds;
            Console.WriteLine(
                $"  round {round}: hand-written {handTime:F1} ms ({hand:R}), reverse numbers {numbersTime:F1} ms ({numbers:R}) = {numbersTime / handTime:F2} × hand-written");
        }
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine($"  process peak working set: {peak / 1e6:F0} MB = {peak / operations:F0} B per operation");
        return 0;
    }

    /// <summary>
    /// W4 at N traced into arrays (<see cref="FlatGraph"/>): the hand-written reverse derivative, then tracing (which
    /// lays the graph out as it goes) and the two sweeps, each timed, with the garbage collector's share and the bytes
    /// allocated, then the process's peak working set.
    /// </summary>
    public static int RunArrays(int n)
    {
        var chain = new W4Chain { N = n };
        var warm = new W4Chain { N = 1_000 };
        // Warm up twice with a pause between, so that the runtime's tiered compilation has installed optimized code
        // for the operators and the benchmark's own loop (as BenchmarkDotNet's warm-up does).
        for (var i = 0; i < 3; i++) _ = (warm.HandWritten(), warm.FlatReverse());
        Thread.Sleep(500);
        for (var i = 0; i < 3; i++) _ = (warm.HandWritten(), warm.FlatReverse());
        Thread.Sleep(500);

        var clock = Stopwatch.StartNew();
        var handDerivative = chain.HandWritten();
        var hand = clock.Elapsed.TotalMilliseconds;

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pauseBefore = GC.GetTotalPauseDuration();
        clock.Restart();
        var graph = chain.BuildFlat();
        var build = clock.Elapsed.TotalMilliseconds;
        var buildPause = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds;
        var buildBytes = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1e6;
        var buildPeak = Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;
        var pauseSweeps = GC.GetTotalPauseDuration();
        var bytesSweeps = GC.GetTotalAllocatedBytes(precise: true);
        clock.Restart();
        var derivative = Reverse.Grad(graph, Bindings.Of(("x0", 0.3)))["x0"];
        var sweeps = clock.Elapsed.TotalMilliseconds;
        var sweepsPause = (GC.GetTotalPauseDuration() - pauseSweeps).TotalMilliseconds;
        var sweepsBytes = (GC.GetTotalAllocatedBytes(precise: true) - bytesSweeps) / 1e6;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        GC.KeepAlive(graph);

        var operations = 3.0 * n;
        var total = build + sweeps;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine($"W4 chain, N = {n:N0} ({operations:N0} operations, {graph.NodeCount:N0} nodes), traced into arrays");
        Console.WriteLine($"  d out / d x0: graph {derivative:R}, hand-written {handDerivative:R}");
        Console.WriteLine($"  hand-written reverse: {hand,9:F1} ms");
        Console.WriteLine($"  trace into arrays:    {build,9:F1} ms (of which collecting garbage {buildPause:F1} ms), {buildBytes:F0} MB allocated");
        Console.WriteLine($"  sweeps (Reverse.Grad):{sweeps,9:F1} ms (of which collecting garbage {sweepsPause:F1} ms), {sweepsBytes:F0} MB allocated");
        Console.WriteLine($"  process peak after tracing {buildPeak:F0} MB");
        Console.WriteLine($"  graph total:          {total,9:F1} ms = {total / hand:F1} × hand-written, {total * 1e6 / operations:F1} ns per operation");
        Console.WriteLine($"  allocated by the graph path: {allocated / 1e6:F0} MB = {allocated / operations:F0} B per operation");
        Console.WriteLine($"  process peak working set:    {peak / 1e6:F0} MB = {peak / operations:F0} B per operation");
        return 0;
    }
}
