using FunctionalAD.Cli.Data;
using FunctionalAD.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FunctionalAD.Cli.Commands;

/// <summary>
/// <c>fad predict --model parameters.json --csv new.csv [--out predictions.csv]</c>: the rows of a CSV file with one
/// more column, the model's prediction (a class name, or a number in the target's units), read and written a chunk of
/// rows at a time so that any number of rows fits in memory.
/// </summary>
internal sealed class PredictCommand(IAnsiConsole console) : Command<PredictSettings>
{
    private const int ChunkRows = 4096;

    public override int Execute(CommandContext context, PredictSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Out is { } target && (Same(target, settings.Csv!) || Same(target, settings.Model!)))
            throw new CliException($"--out {target} is an input of this command; give another file, so that nothing is overwritten.");
        var model = Load(settings.Model!);
        using var source = CsvSource.Open(settings.Csv!);
        var missing = model.Columns.Where(c => !source.Columns.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw new CliException(
                $"{source.Name} has no column{(missing.Length == 1 ? "" : "s")} {string.Join(", ", missing.Select(m => $"'{m}'"))}; the model reads {string.Join(", ", model.Columns)}.");
        var column = $"predicted_{model.Target}";
        var rows = 0;
        void WriteAll(TextWriter writer)
        {
            CsvText.WriteRecord(writer, [.. source.Columns, column]);
            var chunk = new List<IReadOnlyList<string>>(ChunkRows);
            void Flush()
            {
                if (chunk.Count == 0) return;
                IReadOnlyList<string> answers;
                try
                {
                    answers = model.Predict(source.Columns, chunk, rows - chunk.Count + 1);
                }
                catch (ArgumentException e)
                {
                    throw new CliException($"{source.Name}, {Lowered(e)}");
                }
                for (var i = 0; i < chunk.Count; i++) CsvText.WriteRecord(writer, [.. chunk[i], answers[i]]);
                chunk.Clear();
            }
            while (source.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                chunk.Add([.. Enumerable.Range(0, source.Columns.Count).Select(source.Text)]);
                rows++;
                if (chunk.Count == ChunkRows) Flush();
            }
            Flush();
            if (rows == 0) throw new CliException($"{source.Name} has a header but no data rows.");
        }
        if (settings.Out is null)
        {
            var writer = console.Profile.Out.Writer;
            WriteAll(writer);
            writer.Flush();
            return FadApp.Success;
        }
        TextFile.Write(settings.Out, WriteAll);
        console.WriteLine($"{rows} row{(rows == 1 ? "" : "s")} of {source.Name} with '{column}' ({(model.IsClassification ? "one of " + string.Join(", ", model.Classes) : "a number")}): {Path.GetFullPath(settings.Out)}");
        return FadApp.Success;
    }

    private static bool Same(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static SavedModel Load(string path)
    {
        if (Directory.Exists(path)) throw new CliException($"--model {path} is a folder, not a parameters file.");
        if (!File.Exists(path)) throw new CliException($"--model {path}: no such file.");
        try
        {
            return SavedModel.Load(path);
        }
        catch (InvalidDataException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>"row 3, column 'a': …" from the façade's "Row 3, column 'a': …", without .NET's parameter suffix.</summary>
    private static string Lowered(ArgumentException e)
    {
        var message = e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "") : e.Message;
        return char.ToLowerInvariant(message[0]) + message[1..];
    }
}
