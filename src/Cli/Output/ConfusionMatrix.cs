using Spectre.Console;
using Spectre.Console.Rendering;

namespace FunctionalAD.Cli.Output;

/// <summary>
/// The confusion matrix of a classification: one row per actual class, one column per predicted class, each cell the
/// number of rows of that class predicted as that class (the diagonal is the correct ones), with the classes by name,
/// as <see cref="UserText.Shown"/> shows them.
/// </summary>
internal static class ConfusionMatrix
{
    public static IRenderable Of(IReadOnlyList<string> classes, IReadOnlyList<int> actual, IReadOnlyList<int> predicted)
    {
        var counts = new int[classes.Count, classes.Count];
        for (var i = 0; i < actual.Count; i++) counts[actual[i], predicted[i]]++;
        var table = new Table().RoundedBorder().AddColumn("actual \\ predicted");
        foreach (var name in classes) table.AddColumn(new TableColumn(Markup.Escape(UserText.Shown(name))).RightAligned());
        for (var a = 0; a < classes.Count; a++)
            table.AddRow([Markup.Escape(UserText.Shown(classes[a])), .. Enumerable.Range(0, classes.Count).Select(p => counts[a, p].ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        return table;
    }
}
