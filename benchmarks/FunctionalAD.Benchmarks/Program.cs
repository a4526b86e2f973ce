using FunctionalAD.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project benchmarks/FunctionalAD.Benchmarks -- --filter '*'            full runs
// dotnet run -c Release --project benchmarks/FunctionalAD.Benchmarks -- --filter '*' --short    quick check (under 3 minutes)
// dotnet run -c Release --project benchmarks/FunctionalAD.Benchmarks -- --check                 correctness only
// dotnet run -c Release --project benchmarks/FunctionalAD.Benchmarks -- --blas                  W3's and W5's products, managed and native BLAS
// dotnet run -c Release --project benchmarks/FunctionalAD.Benchmarks -- --scaling <file.png>     W1 gradient time against n, both modes
// dotnet run -c Release --project benchmarks/FunctionalAD.Benchmarks -- --chain <N>               W4 at N: time split and peak memory
// dotnet run -c Release --project benchmarks/FunctionalAD.Benchmarks -- --chain <N> --numbers     W4 at N with reverse numbers
// dotnet run -c Release --project benchmarks/FunctionalAD.Benchmarks -- --chain <N> --arrays      W4 at N traced into arrays (FlatGraph)
// dotnet run -c Release --project benchmarks/FunctionalAD.Benchmarks -- --loop <N> [--no-baseline] W4 at N as one Fold node: time, peak memory
// dotnet run -c Release --project benchmarks/FunctionalAD.Benchmarks -- --recurrent <N>          a 64-dimensional recurrent model over N steps
// The backend of the tensor products, as the log line of `fad train` says it (FUNCTIONALAD_BLAS chooses).
Console.WriteLine($"linear algebra: {FunctionalAD.LinearAlgebra.Backend}");
if (args.Contains("--blas")) return BlasComparison.Run();
if (args.Contains("--threads")) return ThreadsRun.Run();
if (args.Contains("--check")) return Checks.Run() == 0 ? 0 : 1;
if (Array.IndexOf(args, "--chain") is var chain and >= 0)
{
    var steps = chain + 1 < args.Length && !args[chain + 1].StartsWith("--", StringComparison.Ordinal)
        ? int.Parse(args[chain + 1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    return args.Contains("--numbers") ? ChainRun.RunNumbers(steps) : args.Contains("--arrays") ? ChainRun.RunArrays(steps) : ChainRun.Run(steps);
}
if (Array.IndexOf(args, "--loop") is var loop and >= 0)
{
    var steps = loop + 1 < args.Length && !args[loop + 1].StartsWith("--", StringComparison.Ordinal)
        ? int.Parse(args[loop + 1], System.Globalization.CultureInfo.InvariantCulture) : 10_000_000;
    return LoopRun.Run(steps, baseline: !args.Contains("--no-baseline"));
}
if (Array.IndexOf(args, "--recurrent") is var recurrent and >= 0)
{
    var steps = recurrent + 1 < args.Length && !args[recurrent + 1].StartsWith("--", StringComparison.Ordinal)
        ? int.Parse(args[recurrent + 1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    return RecurrentRun.Run(steps);
}
if (Array.IndexOf(args, "--scaling") is var at and >= 0)
    return Scaling.Run(at + 1 < args.Length ? args[at + 1] : "w1-scaling.png");
var quick = args.Contains("--short");
var rest = args.Where(a => a != "--short").ToArray();
// One summary per workload, so that each ratio is to that workload's own baseline.
var config = (IConfig)DefaultConfig.Instance;
// The short mode runs in this process (no separate build and process per case), to stay within minutes.
if (quick) config = config.AddJob(Job.ShortRun.WithWarmupCount(1).WithIterationCount(3).WithToolchain(InProcessEmitToolchain.Instance));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config).ToList();
// Then every workload's rows in one table of medians and ratios.
if (summaries.Count > 0) Table.Print(summaries);
return 0;
