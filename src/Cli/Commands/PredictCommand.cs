using System.Text;
using FunctionalAD.Cli.Data;
using FunctionalAD.Cli.Files;
using FunctionalAD.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FunctionalAD.Cli.Commands;

/// <summary>
/// <c>fad predict --model parameters.json --csv new.csv [--out predictions.csv]</c>: the rows of a CSV file with one
/// more column, the model's prediction (a class name, or a number in the target's units), read and written a chunk of
/// rows at a time so that any number of rows fits in memory. An output file is checked before any work and written
/// whole or not at all (<see cref="OutputFile"/>).
/// </summary>
internal sealed class PredictCommand(IAnsiConsole console) : Command<PredictSettings>
{
    private const int ChunkRows = 4096;

    public override int Execute(CommandContext context, PredictSettings settings, CancellationToken cancellationToken)
    {
        // The output is checked before anything else: never one of the inputs, and a file that can be written.
        var output = settings.Out is null ? null : OutputFile.Check(settings.Out, "--out", (settings.Csv!, "--csv"), (settings.Model!, "--model"));
        var model = Load(settings.Model!);
        using var source = CsvSource.Open(settings.Csv!);
        var missing = model.Columns.Where(c => !source.Columns.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw new CliException(
                $"{UserText.Shown(source.Name)} has no column{(missing.Length == 1 ? "" : "s")} {string.Join(", ", missing.Select(m => $"'{UserText.Shown(m)}'"))}; the model reads {string.Join(", ", model.Columns.Select(UserText.Shown))}.");
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
                    throw new CliException($"{UserText.Shown(source.Name)}, {Lowered(e)}");
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
            if (rows == 0) throw new CliException($"{UserText.Shown(source.Name)} has a header but no data rows.");
        }
        if (output is null)
        {
            var writer = console.Profile.Out.Writer;
            WriteAll(writer);
            writer.Flush();
            return FadApp.Success;
        }
        OutputFile.Write(output, "--out", stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            WriteAll(writer);
        });
        var classes = model.IsClassification ? "one of " + string.Join(", ", model.Classes.Select(UserText.Shown)) : "a number";
        console.WriteLine($"{rows} row{(rows == 1 ? "" : "s")} of {UserText.Shown(source.Name)} with '{UserText.Shown(column)}' ({classes}): {UserText.Shown(output)}");
        return FadApp.Success;
    }

    private static SavedModel Load(string path)
    {
        if (Directory.Exists(path)) throw new CliException($"--model {UserText.Shown(path)} is a folder, not a parameters file.");
        if (!File.Exists(path)) throw new CliException($"--model {UserText.Shown(path)}: no such file.");
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
