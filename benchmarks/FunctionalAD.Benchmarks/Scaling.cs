using System.Diagnostics;
using ScottPlot;

namespace FunctionalAD.Benchmarks;

/// <summary>
/// The cheap-gradient principle, measured: W1's gradient by forward mode (one tangent sweep per input) and by
/// reverse mode (one backward sweep) against n, with plain evaluation for scale. Prints a table and draws
/// <c>--out</c> (a log–log PNG). Stopwatch medians, not BenchmarkDotNet: this is a picture of growth, not a ratio.
/// </summary>
public static class Scaling
{
    private static readonly int[] Sizes = [10, 20, 50, 100, 200, 500, 1_000, 2_000];

    public static int Run(string output)
    {
        // A first pass over the smallest graph, thrown away, so that tiered JIT compilation is done before timing.
        var warm = Rosenbrock.Graph(Sizes[0]);
        var warmAt = Bindings.Of([.. Rosenbrock.Point(Sizes[0]).Select((x, i) => ($"x{i}", x))]);
        for (var i = 0; i < 3; i++) _ = (Median(() => Graph.Evaluate(warm, warmAt)), Median(() => Reverse.Grad(warm, warmAt)), Median(() => Forward.Grad(warm, warmAt)));

        var rows = new List<(int N, double Evaluate, double Reverse, double Forward)>();
        Console.WriteLine("| n | evaluate | reverse gradient | forward gradient | forward / reverse |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var n in Sizes)
        {
            var graph = Rosenbrock.Graph(n);
            var at = Bindings.Of([.. Rosenbrock.Point(n).Select((x, i) => ($"x{i}", x))]);
            var row = (n, Median(() => Graph.Evaluate(graph, at)), Median(() => Reverse.Grad(graph, at)), Median(() => Forward.Grad(graph, at)));
            rows.Add(row);
            Console.WriteLine($"| {n:N0} | {Micro(row.Item2)} | {Micro(row.Item3)} | {Micro(row.Item4)} | {row.Item4 / row.Item3:F0} |");
        }

        var plot = new Plot();
        double[] Log(IEnumerable<double> xs) => [.. xs.Select(Math.Log10)];
        var ns = Log(rows.Select(r => (double)r.N));
        foreach (var (label, times) in new[]
                 {
                     ("forward mode (n sweeps)", rows.Select(r => r.Forward)),
                     ("reverse mode (one sweep)", rows.Select(r => r.Reverse)),
                     ("evaluate f", rows.Select(r => r.Evaluate)),
                 })
        {
            var line = plot.Add.Scatter(ns, Log(times.Select(t => t * 1e6)));
            line.LegendText = label;
            line.LineWidth = 2;
        }
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("G3"),
        };
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = x => Math.Pow(10, x).ToString("G3"),
        };
        plot.Title("W1 gradient: forward grows as n², reverse as n");
        plot.XLabel("n (inputs)");
        plot.YLabel("time per gradient (µs)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(output, 720, 450);
        Console.WriteLine($"wrote {output}");
        return 0;
    }

    private static string Micro(double seconds) => $"{seconds * 1e6:N1} µs";

    // The median of 7 timings, each of enough calls to take about 20 ms.
    private static double Median(Func<object> f)
    {
        f();
        var calls = 1;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            watch.Restart();
            for (var i = 0; i < calls; i++) f();
            if (watch.Elapsed.TotalMilliseconds >= 20) break;
            calls *= 2;
        }
        var times = new double[7];
        for (var k = 0; k < times.Length; k++)
        {
            watch.Restart();
            for (var i = 0; i < calls; i++) f();
            times[k] = watch.Elapsed.TotalSeconds / calls;
        }
        Array.Sort(times);
        return times[times.Length / 2];
    }
}
