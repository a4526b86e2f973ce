using System.Text;
using Spectre.Console;

namespace FunctionalAD.Cli.Output;

/// <summary>
/// Prints a Hessian with every entry: as a table when the table fits the width, otherwise one line per row. A Hessian
/// of more than <see cref="MaxPrinted"/> names is not printed at all (<c>--hessian-out</c> writes any size to a file).
/// </summary>
internal static class HessianView
{
    /// <summary>The most names whose Hessian is printed: 100 × 100 entries, about 250 KB of text.</summary>
    public const int MaxPrinted = 100;

    // Wider tables are hard to read even where the terminal is wider.
    private const int MaxTableWidth = 240;

    private const string Title = "Hessian: ∂²f/∂row ∂column";

    /// <summary>Refuses, before anything is computed or printed, a Hessian of more names than are printed.</summary>
    public static void CheckPrintable(int names)
    {
        if (names > MaxPrinted)
            throw new CliException(
                $"the Hessian has {names} × {names} entries, too many to print (at most {MaxPrinted} × {MaxPrinted}): write it to a CSV file with --hessian-out FILE instead of --hessian.");
    }

    public static void Write(IAnsiConsole console, IReadOnlyList<string> names, double[][] rows)
    {
        var cells = rows.Select(row => row.Select(Numbers.Format).ToArray()).ToArray();
        if (TableWidth(names, cells) <= Math.Min(console.Profile.Width, MaxTableWidth))
        {
            console.WriteLine(Title);
            var table = new Table().AddColumn("");
            foreach (var name in names) table.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
            for (var i = 0; i < names.Count; i++) table.AddRow([Markup.Escape(names[i]), .. cells[i]]);
            console.Write(table);
            return;
        }
        // Straight to the output: lines of numbers must not be wrapped or cut at the console's width.
        var writer = console.Profile.Out.Writer;
        writer.WriteLine($"{Title}, one row a line; the columns are in the order {string.Join(", ", names)}.");
        var width = names.Max(n => n.Length) + 1;
        var line = new StringBuilder();
        for (var i = 0; i < names.Count; i++)
        {
            line.Clear().Append(names[i]).Append(':').Append(' ', width - names[i].Length);
            line.AppendJoin(' ', cells[i]);
            writer.WriteLine(line);
        }
        writer.Flush();
    }

    // The width of the table: each column as wide as its widest cell, plus a border and a space either side.
    private static int TableWidth(IReadOnlyList<string> names, string[][] cells)
    {
        var width = names.Max(n => n.Length) + 3 + 1;
        for (var j = 0; j < names.Count; j++)
            width += Math.Max(names[j].Length, cells.Max(row => row[j].Length)) + 3;
        return width;
    }
}
