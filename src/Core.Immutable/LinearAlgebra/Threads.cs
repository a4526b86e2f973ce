using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// How many threads FunctionalAD's own parallel work uses — large matrix products on the managed kernels and
/// per-example gradients (<see cref="Reverse.GradEach"/>): the environment variable <c>FUNCTIONALAD_THREADS</c>, read
/// once per process, unset or <c>auto</c> for every core, or a count (1 for none in parallel). A native BLAS keeps its
/// own setting (OpenBLAS reads <c>OPENBLAS_NUM_THREADS</c>). Parallel work gives the same bits as one thread: the work
/// is split so that every number is computed by one thread, in the order one thread would.
/// </summary>
public static class Threads
{
    /// <summary>The name of the environment variable: <c>FUNCTIONALAD_THREADS</c>.</summary>
    public const string EnvironmentVariable = "FUNCTIONALAD_THREADS";

    private static readonly Lazy<int> Setting = new(() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable)));

    /// <summary>The number of threads (at least 1).</summary>
    /// <exception cref="InvalidOperationException"><c>FUNCTIONALAD_THREADS</c> is neither <c>auto</c> nor a positive count.</exception>
    public static int Count => Setting.Value;

    /// <summary>The options that cap a parallel loop at <see cref="Count"/> threads.</summary>
    internal static ParallelOptions Options => new() { MaxDegreeOfParallelism = Count };

    internal static int Parse(string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0 || text.Equals("auto", StringComparison.OrdinalIgnoreCase)) return Environment.ProcessorCount;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new InvalidOperationException($"{EnvironmentVariable}='{text}' is not a setting: use auto (every core, the default) or a positive count of threads.");
    }
}
