using System.Text;

namespace FunctionalAD.Cli.Output;

/// <summary>
/// Writes a Hessian as CSV: a header row of an empty cell and the names, then one row per name, its name first and
/// then ∂²f/∂row ∂column for each column, as the shortest text that reads back as the same double.
/// </summary>
internal static class HessianCsv
{
    /// <summary>Refuses, before anything is computed, a path whose folder does not exist or that is a folder.</summary>
    public static void CheckPath(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new CliException("--hessian-out: give the name of the CSV file to write.");
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new CliException($"--hessian-out: '{path}' is a folder; give the name of a file.");
        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            throw new CliException($"--hessian-out: the folder '{folder}' does not exist.");
    }

    public static void Write(string path, IReadOnlyList<string> names, double[][] rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.NewLine = "\n";
        writer.Write(',');
        writer.WriteLine(string.Join(',', names));
        var line = new StringBuilder();
        for (var i = 0; i < names.Count; i++)
        {
            line.Clear().Append(names[i]);
            foreach (var value in rows[i]) line.Append(',').Append(Numbers.Format(value));
            writer.WriteLine(line);
        }
    }
}
