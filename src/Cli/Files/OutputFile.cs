using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FunctionalAD.Cli.Output;

namespace FunctionalAD.Cli.Files;

/// <summary>
/// Every file the tool writes goes through here. <see cref="Check"/> refuses, before any work is done, an output that
/// is one of the inputs or is not a regular file (a symbolic link, a folder, a device), and proves that its folder
/// can be written by creating and deleting a probe. <see cref="Write"/> writes the bytes to a temporary file beside
/// the target, named <c>&lt;name&gt;.fad-partial-&lt;process id&gt;.tmp</c> so that a user recognises it, flushes it to disk
/// and renames it over the target with the target's permissions, so a reader sees the old file or the new one,
/// never a part. A save first removes the temporaries of that pattern in its folder whose process has ended (left
/// by a killed run).
/// </summary>
internal static partial class OutputFile
{
    private const string Marker = ".fad-partial-";

    /// <summary>Longest part of the target's name kept in a temporary's name, so that the temporary's name stays within file system limits.</summary>
    private const int MaxNameInTemporary = 200;

    [GeneratedRegex(@"^.+\.fad-partial-(?<pid>[0-9]{1,10})\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryPattern();

    /// <summary>The temporary file a save to <paramref name="fileName"/> writes first, in the same folder.</summary>
    public static string TemporaryName(string fileName, int processId) =>
        $"{(fileName.Length > MaxNameInTemporary ? fileName[..MaxNameInTemporary] : fileName)}{Marker}{processId.ToString(CultureInfo.InvariantCulture)}.tmp";

    /// <summary>
    /// The full path of the output <paramref name="path"/> given with <paramref name="option"/>, after checking that it
    /// is none of <paramref name="inputs"/>, that it is a regular file or does not exist yet, and that its folder
    /// exists (it is created) and can be written.
    /// </summary>
    /// <exception cref="CliException">The output cannot or must not be written, with the reason.</exception>
    public static string Check(string? path, string option, params (string Path, string Option)[] inputs)
    {
        var full = FullPath(path, option, "file", "parameters.json");
        var shown = UserText.Shown(path);
        if (path!.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar))
            throw new CliException($"{option} {shown} names a folder; give a file name, such as {Path.Combine(path, "parameters.json")}.");
        RefuseIfNotRegular(full, option, shown);
        var resolved = RealPaths.Resolve(full);
        foreach (var (input, inputOption) in inputs)
        {
            if (RealPaths.Same(resolved, RealPaths.Resolve(Path.GetFullPath(input))))
                throw new CliException($"{option} {shown} is the file {inputOption} reads; write the output to another file.");
        }
        CheckFolder(Path.GetDirectoryName(full)!, option, Path.GetFileName(full));
        return full;
    }

    /// <summary>
    /// The full path of the output folder <paramref name="path"/> given with <paramref name="option"/>, created if
    /// needed and proved writable; <paramref name="files"/> are the names the tool will write into it, each of which
    /// must be a regular file or not exist yet.
    /// </summary>
    /// <exception cref="CliException">The folder cannot be made or written, or one of the files must not be replaced.</exception>
    public static string CheckFolder(string? path, string option, IEnumerable<string> files)
    {
        var full = FullPath(path, option, "folder", "pictures");
        var kind = FileKinds.Of(full);
        if (kind is FileKind.RegularFile or FileKind.Other)
            throw new CliException($"{option} {UserText.Shown(path)} is {(kind == FileKind.RegularFile ? "a file" : "a device or a pipe")}, not a folder; give a folder to write the files into.");
        var names = files.ToArray();
        foreach (var name in names) RefuseIfNotRegular(Path.Combine(full, name), option, UserText.Shown(Path.Combine(path!, name)));
        CheckFolder(full, option, names.FirstOrDefault() ?? "fad");
        return full;
    }

    /// <summary>
    /// Writes <paramref name="path"/> whole or not at all (see the class summary), keeping the permissions of the file
    /// it replaces; <paramref name="option"/> names the output in an error.
    /// </summary>
    /// <exception cref="CliException">The file could not be written; the file it would have replaced is as it was.</exception>
    public static void Write(string path, string option, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var shown = UserText.Shown(path);
        RemoveStaleTemporaries(folder);
        var temporary = Path.Combine(folder, TemporaryName(Path.GetFileName(full), Environment.ProcessId));
        try
        {
            // A temporary of this very process is left from a save that failed: ours to replace.
            if (FileKinds.Of(temporary) != FileKind.Missing) File.Delete(temporary);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            // Checked again just before the rename, which would replace a link or a device as readily as a file.
            RefuseIfNotRegular(full, option, shown);
            if (!OperatingSystem.IsWindows() && File.Exists(full)) File.SetUnixFileMode(temporary, File.GetUnixFileMode(full));
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Delete(temporary);
            throw new CliException($"{option}: could not write {shown}: {Reason(e, temporary, folder)}; {(File.Exists(full) ? "the file there is unchanged" : "nothing was written")}.");
        }
        catch
        {
            Delete(temporary);
            throw;
        }
    }

    /// <summary>Deletes the temporaries of our pattern in <paramref name="folder"/> whose writing process has ended.</summary>
    public static void RemoveStaleTemporaries(string folder)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(folder, "*" + Marker + "*.tmp").ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var candidate in candidates)
        {
            var match = TemporaryPattern().Match(Path.GetFileName(candidate));
            if (!match.Success || !int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (pid == Environment.ProcessId || IsRunning(pid) || FileKinds.Of(candidate) != FileKind.RegularFile) continue;
            Delete(candidate);
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

    private static string FullPath(string? path, string option, string what, string example)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new CliException($"{option} is empty; give the {what} to write, such as {option} {example}.");
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CliException($"{option} {UserText.Shown(path)} is not a valid {what} name.");
        }
    }

    private static void RefuseIfNotRegular(string full, string option, string shown)
    {
        var why = FileKinds.Of(full) switch
        {
            FileKind.SymbolicLink => "a symbolic link, which saving would replace by a file; give the file it points to, or another name",
            FileKind.Folder => "a folder; give a file name",
            FileKind.Other => "a device, a pipe or a socket, not a regular file; give a file name",
            _ => null,
        };
        if (why is not null) throw new CliException($"{option} {shown} is {why}.");
    }

    /// <summary>Creates <paramref name="folder"/> if needed and writes and deletes a probe in it, before any work is done.</summary>
    private static void CheckFolder(string folder, string option, string fileName)
    {
        var shown = UserText.Shown(folder);
        var probe = Path.Combine(folder, TemporaryName(fileName, Environment.ProcessId));
        try
        {
            var kind = FileKinds.Of(folder);
            if (kind is FileKind.RegularFile or FileKind.Other)
                throw new CliException($"{option}: cannot write into the folder {shown}: it is a file, not a folder.");
            Directory.CreateDirectory(folder);
            if (FileKinds.Of(probe) != FileKind.Missing) File.Delete(probe);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Delete(probe);
            throw new CliException($"{option}: cannot write into the folder {shown}: {Reason(e, probe, folder)}.");
        }
    }

    /// <summary>Why a file operation failed, in words that name the folder rather than the temporary file.</summary>
    private static string Reason(Exception e, string temporary, string folder) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "a folder on the way is missing",
        _ => UserText.Escaped(e.Message.Replace(temporary, folder, StringComparison.Ordinal).TrimEnd('.')),
    };

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind, it has our pattern and this process's id: the next save to the folder removes it.
        }
    }
}
