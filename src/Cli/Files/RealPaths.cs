namespace FunctionalAD.Cli.Files;

/// <summary>
/// Full paths with every symbolic link on the way resolved (as realpath does), so that an output can be compared
/// with an input however either was named: through a link, a linked folder, <c>..</c> or a relative path.
/// </summary>
internal static class RealPaths
{
    /// <summary>Resolution gives up after this many links, as the kernel does for a loop.</summary>
    private const int MaxLinks = 40;

    public static string Resolve(string fullPath)
    {
        var path = Path.GetFullPath(fullPath);
        for (var links = 0; links < MaxLinks; links++)
        {
            var root = Path.GetPathRoot(path) ?? "";
            var parts = path[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
            var current = root;
            string? next = null;
            for (var i = 0; i < parts.Length && next is null; i++)
            {
                var candidate = Path.Combine(current, parts[i]);
                string? target;
                try
                {
                    target = new FileInfo(candidate).LinkTarget;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    target = null;
                }
                if (target is null) current = candidate;
                else next = Path.GetFullPath(Path.Combine([Path.GetFullPath(target, current), .. parts[(i + 1)..]]));
            }
            if (next is null) return path;
            path = next;
        }
        return path;
    }

    /// <summary>Whether two resolved paths name the same file, ignoring case where the file system usually does.</summary>
    public static bool Same(string a, string b) => string.Equals(a, b,
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
