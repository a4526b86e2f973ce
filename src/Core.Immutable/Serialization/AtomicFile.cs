using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FunctionalAD;

/// <summary>
/// Writes a file so that a reader sees either the previous content or the complete new content, never a
/// part: the bytes go to a temporary file in the same folder, are flushed to disk, and the temporary file
/// is then renamed over the target (a rename within one folder is atomic on the file systems .NET supports),
/// taking the permissions of the file it replaces. The temporary is named <c>&lt;name&gt;.fad-partial-&lt;process id&gt;.tmp</c>,
/// visibly, so that one left by a killed process is recognised; each save deletes those in its folder whose process
/// has ended (the <c>fad</c> tool names and cleans its temporaries the same way).
/// </summary>
internal static partial class AtomicFile
{
    [GeneratedRegex(@"^.+\.fad-partial-(?<pid>[0-9]{1,10})\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryPattern();

    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        RemoveStaleTemporaries(folder);
        var name = Path.GetFileName(full);
        var temporary = Path.Combine(folder, $"{(name.Length > 200 ? name[..200] : name)}.fad-partial-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.tmp");
        try
        {
            // One left by an earlier failed save of this process is ours to replace.
            if (File.Exists(temporary)) File.Delete(temporary);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows() && File.Exists(full)) File.SetUnixFileMode(temporary, File.GetUnixFileMode(full));
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            // The target is untouched; only the partial temporary file has to go.
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>Deletes the temporaries of our pattern in <paramref name="folder"/> whose writing process has ended.</summary>
    internal static void RemoveStaleTemporaries(string folder)
    {
        string[] candidates;
        try
        {
            candidates = Directory.GetFiles(folder, "*.fad-partial-*.tmp");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var candidate in candidates)
        {
            var match = TemporaryPattern().Match(Path.GetFileName(candidate));
            if (!match.Success || !int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (pid == Environment.ProcessId || IsRunning(pid) || new FileInfo(candidate).LinkTarget is not null) continue;
            try { File.Delete(candidate); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return true; // cannot tell: keep the file
        }
    }
}
