namespace FunctionalAD;

/// <summary>The native BLAS libraries looked for, tuned ones first, by the operating system's usual names.</summary>
internal static class BlasLibraries
{
    private static readonly string[] Linux =
        ["libopenblas.so.0", "libopenblas.so", "libmkl_rt.so.2", "libmkl_rt.so", "libblis.so.4", "libblis.so", "libcblas.so.3", "libblas.so.3"];

    private static readonly string[] LinuxFolders =
        ["/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"];

    private static readonly string[] Windows = ["libopenblas.dll", "openblas.dll", "mkl_rt.2.dll", "mkl_rt.dll", "libblis.dll", "cblas.dll"];

    private static readonly string[] MacOS =
    [
        "/System/Library/Frameworks/Accelerate.framework/Accelerate",
        "/opt/homebrew/opt/openblas/lib/libopenblas.dylib",
        "/usr/local/opt/openblas/lib/libopenblas.dylib",
        "libopenblas.dylib",
    ];

    /// <summary>
    /// The candidates in order; on Linux a name found in a usual library folder is given by its path (so the log
    /// line says which file), and otherwise left to the loader's search.
    /// </summary>
    public static IEnumerable<string> Candidates()
    {
        if (OperatingSystem.IsWindows()) return Windows;
        if (OperatingSystem.IsMacOS()) return MacOS;
        if (!OperatingSystem.IsLinux()) return [];
        return Linux.Select(name => LinuxFolders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists) ?? name);
    }
}
