namespace FunctionalAD;

/// <summary>
/// Where the matrix products of tensor graphs run (<c>MatMul</c> values, JVPs and VJPs): a native BLAS found at run
/// time, or managed code (MathNet.Numerics). The environment variable <c>FUNCTIONALAD_BLAS</c>, read once per process,
/// chooses: <c>auto</c> (the default: an optimised native BLAS — OpenBLAS, MKL, BLIS, Accelerate — when one loads,
/// managed code otherwise), <c>managed</c>, <c>native</c> (any native BLAS, the reference implementation included; an
/// error naming every library tried when none loads), or the path to a library exporting <c>cblas_dgemm</c> and
/// <c>cblas_dgemv</c>.
/// </summary>
public static class LinearAlgebra
{
    /// <summary>The name of the environment variable that chooses the backend: <c>FUNCTIONALAD_BLAS</c>.</summary>
    public const string EnvironmentVariable = "FUNCTIONALAD_BLAS";

    private static readonly Lazy<BlasChoice> Chosen = new(() => Choose(Environment.GetEnvironmentVariable(EnvironmentVariable)));

    /// <summary>
    /// What the matrix products run on, for a log line: e.g. <c>native BLAS (/usr/lib/x86_64-linux-gnu/libopenblas.so.0)</c>
    /// or <c>managed (MathNet.Numerics, …)</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>FUNCTIONALAD_BLAS</c> is not a valid setting, or asks for a native BLAS that does not load.</exception>
    public static string Backend => Chosen.Value.Description;

    /// <summary>Whether the matrix products run in a native BLAS.</summary>
    /// <exception cref="InvalidOperationException"><c>FUNCTIONALAD_BLAS</c> is not a valid setting, or asks for a native BLAS that does not load.</exception>
    public static bool IsNative => Chosen.Value.Products.IsNative;

    [ThreadStatic] private static MatrixProducts? onThisThread;

    /// <summary>The products every tensor rule uses: this thread's choice under <see cref="UseOnThisThread"/>, else the process's.</summary>
    internal static MatrixProducts Products => onThisThread ?? Chosen.Value.Products;

    /// <summary>
    /// Runs this thread's products on <paramref name="products"/> until the result is disposed (benchmarks compare
    /// backends in one process; tests compare them without touching the process environment).
    /// </summary>
    internal static IDisposable UseOnThisThread(MatrixProducts products)
    {
        var previous = onThisThread;
        onThisThread = products;
        return new Restore(previous);
    }

    private sealed class Restore(MatrixProducts? previous) : IDisposable
    {
        public void Dispose() => onThisThread = previous;
    }

    /// <summary>The backend for a value of <c>FUNCTIONALAD_BLAS</c> (the entry point the tests use instead of the process environment).</summary>
    /// <exception cref="InvalidOperationException">The setting is unknown, or names a native BLAS that does not load.</exception>
    internal static BlasChoice Choose(string? setting)
    {
        BlasSetting parsed;
        try
        {
            parsed = BlasSetting.Parse(setting);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
        switch (parsed.Kind)
        {
            case BlasSettingKind.Managed:
                return new(ManagedProducts.Instance, ManagedProducts.Instance.Description);
            case BlasSettingKind.Path:
                return NativeBlas.TryLoad(parsed.Library!, out var why) is { } library
                    ? new(library, library.Description)
                    : throw new InvalidOperationException($"{EnvironmentVariable}={parsed.Library}: cannot use it as a BLAS ({why}).");
        }
        var tried = new List<string>();
        NativeBlas? reference = null;
        foreach (var candidate in BlasLibraries.Candidates())
        {
            if (NativeBlas.TryLoad(candidate, out var why) is not { } library)
            {
                tried.Add(why);
                continue;
            }
            if (library.IsOptimised) return new(library, library.Description);
            reference ??= library;
            tried.Add($"{candidate}: a reference (untuned) BLAS");
        }
        if (parsed.Kind == BlasSettingKind.Native)
        {
            return reference is not null
                ? new(reference, reference.Description)
                : throw new InvalidOperationException(
                    $"{EnvironmentVariable}=native, but no native BLAS exporting cblas_dgemm and cblas_dgemv loads; tried: {string.Join("; ", tried)}. Install OpenBLAS (e.g. libopenblas0), give the library's path, or use {EnvironmentVariable}=managed.");
        }
        // auto: the reference BLAS is slower than the managed code on MLP-sized products, so it is used only when asked for.
        var description = ManagedProducts.Instance.Description
            + (reference is null ? "" : $"; the reference BLAS {reference.Library} is used only with {EnvironmentVariable}=native");
        return new(ManagedProducts.Instance, description);
    }
}

/// <summary>The products chosen and how to describe them.</summary>
/// <param name="Products">The products.</param>
/// <param name="Description">The text of <see cref="LinearAlgebra.Backend"/>.</param>
internal sealed record BlasChoice(MatrixProducts Products, string Description);
