namespace FunctionalAD.Properties.Release;

/// <summary>Files of the repository the tests were built from (found by walking up to FunctionalAD.sln).</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FunctionalAD.sln"))) return dir.FullName;
        throw new InvalidOperationException($"FunctionalAD.sln not found above {AppContext.BaseDirectory}.");
    });

    /// <summary>The repository's root folder.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path inside the repository from its '/'-separated relative form.</summary>
    public static string PathOf(string relative) => Path.Combine([Root, .. relative.Split('/')]);
}
