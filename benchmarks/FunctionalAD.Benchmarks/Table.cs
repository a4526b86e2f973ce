using System.Globalization;
using BenchmarkDotNet.Reports;

namespace FunctionalAD.Benchmarks;

/// <summary>One table for every workload run: median, ratio to the same run's baseline of that workload and size, allocation.</summary>
public static class Table
{
    public static void Print(IEnumerable<Summary> summaries)
    {
        Console.WriteLine();
        Console.WriteLine("| workload | size | case | median | ratio to baseline | allocated |");
        Console.WriteLine("|---|---|---|---:|---:|---:|");
        foreach (var summary in summaries)
        {
            foreach (var group in summary.Reports.GroupBy(r => r.BenchmarkCase.Parameters.DisplayInfo))
            {
                var baseline = group.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline)?.ResultStatistics?.Median;
                foreach (var report in group)
                {
                    var median = report.ResultStatistics?.Median;
                    var ratio = median is { } m && baseline is { } b ? (m / b).ToString("0.##", CultureInfo.InvariantCulture) : "–";
                    var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
                    Console.WriteLine(
                        $"| {report.BenchmarkCase.Descriptor.Type.Name} | {group.Key} | {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo} " +
                        $"| {(median is { } t ? Time(t) : "failed")} | {ratio} | {(bytes is { } n ? Bytes(n) : "–")} |");
                }
            }
        }
    }

    private static string Time(double nanoseconds) => nanoseconds switch
    {
        < 1e3 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:0.#} ns"),
        < 1e6 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e3:0.##} µs"),
        < 1e9 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e6:0.##} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e9:0.##} s"),
    };

    private static string Bytes(long bytes) => bytes switch
    {
        < 1 << 10 => $"{bytes} B",
        < 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MB"),
    };
}
