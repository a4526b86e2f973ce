using System.Text;
using FunctionalAD.Cli.Files;

namespace FunctionalAD.Cli.Output;

/// <summary>
/// Writes a Hessian as CSV: a header row of an empty cell and the names, then one row per name, its name first and
/// then ∂²f/∂row ∂column for each column, as the shortest text that reads back as the same double.
/// </summary>
internal static class HessianCsv
{
    /// <summary>
    /// Refuses, before anything is computed, an output that cannot or must not be written (see <see cref="OutputFile.Check"/>).
    /// </summary>
    public static void CheckPath(string path) => OutputFile.Check(path, "--hessian-out");

    /// <summary>Writes the CSV whole or not at all, through <see cref="OutputFile.Write"/>.</summary>
    public static void Write(string path, IReadOnlyList<string> names, double[][] rows) =>
        OutputFile.Write(path, "--hessian-out", stream => WriteTo(stream, names, rows));

    private static void WriteTo(Stream stream, IReadOnlyList<string> names, double[][] rows)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
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
