using System.Text;

namespace FunctionalAD.Cli.Output;

/// <summary>
/// Writes a text file as the parameters file is written: into a temporary file beside the target, renamed over it
/// once complete, so that a failure midway leaves the previous file, never a part of the new one.
/// </summary>
internal static class TextFile
{
    public static void Write(string path, Action<TextWriter> write)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new CliException($"{path} is a folder; give a file name.");
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
            {
                write(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
