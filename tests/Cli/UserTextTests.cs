using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Cli.Output;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Cli.Tests;

/// <summary>
/// Input echoed in a message never reaches the terminal raw: control characters (ESC, BEL, C0, C1, bidi) are
/// escaped, and long input is cut with its length — checked for random strings and for every place fad echoes input.
/// </summary>
public sealed class UserTextTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fad-text-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>What must never reach a terminal from the input: every control and bidi character, and lone surrogates.</summary>
    private static bool Unsafe(string text, int i) =>
        char.IsControl(text[i]) || text[i] is '\u061c' or '\u200e' or '\u200f' or '\u2028' or '\u2029' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069')
        || (char.IsHighSurrogate(text[i]) && (i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1])))
        || (char.IsLowSurrogate(text[i]) && (i == 0 || !char.IsHighSurrogate(text[i - 1])));

    private static bool Safe(string text) => Enumerable.Range(0, text.Length).All(i => !Unsafe(text, i));

    /// <summary>Strings rich in what matters: controls, bidi marks, surrogates (paired or not), and ordinary text.</summary>
    private static Gen<string> Texts()
    {
        var special = Gen.Elements('\u001b', '\u0007', '\0', '\r', '\n', '\t', '\u007f', '\u0085', '\u009b', '\u202e', '\u2066', '\u200f', '\u2028', '\ud835', '\udc65', '[', '\\');
        var any = Gen.Choose(0, 0xFFFF).Select(i => (char)i);
        var ordinary = Gen.Elements("abcxyz019 ,.é𝑥".ToCharArray());
        var character = Gen.Frequency((3, special), (2, any), (5, ordinary));
        return Gen.Choose(0, 200).SelectMany(length => character.ArrayOf(length)).Select(chars => new string(chars));
    }

    [Fact]
    public void Shown_text_has_no_control_character_and_is_at_most_a_line()
    {
        Cases.Check(Prop.ForAll(Texts().ToArbitrary(), text =>
        {
            var shown = UserText.Shown(text);
            var escaped = UserText.Escaped(text);
            return Safe(shown) && Safe(escaped)
                && shown.Length <= UserText.MaxLength * 6 + 32                  // cut: at most 80 characters, each escaped to 6
                && (text.Length > UserText.MaxLength) == shown.Contains($"… ({text.Length:N0} characters)")
                && (!Safe(text) || text.Length > UserText.MaxLength || shown == text); // what is safe and short is shown as it is
        }));
    }

    [Fact]
    public void Escapes_read_as_their_code_points()
    {
        Assert.Equal("a\\u001b[31mb\\u0007", UserText.Shown("a\u001b[31mb\u0007"));
        Assert.Equal("\\u202egnp.exe", UserText.Shown("\u202egnp.exe"));
        Assert.Equal("𝑥", UserText.Shown("𝑥"));
        Assert.Equal(new string('a', 80) + "… (1,000 characters)", UserText.Shown(new string('a', 1000)));
    }

    [Fact]
    public void Control_characters_of_a_csv_never_reach_the_output_or_the_error()
    {
        var csv = Path.Combine(folder, "bell\u0007.csv");
        File.WriteAllText(csv, "a\u001b[2J,b\u0007,\u202ey\n1,2,3\n2,1,4\n3,3,6\n");
        var outcomes = new[]
        {
            Fad.Run("train", "--csv", csv, "--target", "\u202ey", "--epochs", "1", "--validation", "0", "--out", Path.Combine(folder, "p.json")),
            Fad.Run("train", "--csv", csv, "--target", "z\u001b]0;owned\u0007"),
            Fad.Run("train", "--csv", csv, "--target", "\u202ey", "--model", "mlp:\u001b[31m"),
            Fad.Run("train", "--csv", Path.Combine(folder, "missing\u001b[2J.csv"), "--target", "y"),
            Fad.Run("grad", "x\u001b[2J + y", "--at", "x=1,y=2"),
            Fad.Run("grad", "x", "--at", "x=\u001b[31m"),
        };
        foreach (var run in outcomes)
        {
            var all = run.Output + run.Error;
            Assert.True(Safe(all.Replace("\n", "")), all);
            Assert.Contains("\\u", all);
        }
        var option = Fad.Run("grad", "x", "--bogus\u0007");
        Assert.True(Safe(option.Error.Replace("\n", "")), option.Error);
        Assert.Equal(0, outcomes[0].ExitCode);
        Assert.Contains("features (a\\u001b[2J, b\\u0007)", outcomes[0].Output);
    }

    [Fact]
    public void Control_characters_of_words_malformed_files_and_predictions_never_reach_the_output_or_the_error()
    {
        string Csv(string name, string content)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, content);
            return path;
        }
        // A word target and a word feature whose words hold escapes, and a column name that does.
        var words = Csv("words\u001b[2J.csv", "a\u0007,colour,label\n" + string.Concat(Enumerable.Range(0, 12).Select(i =>
            $"{i},{(i % 3 == 0 ? "re\u001b[31md" : "blue")},{(i % 2 == 0 ? "ca\u001b]0;owned\u0007t" : "dog\u202e")}\n")));
        var model = Path.Combine(folder, "words.json");
        var outcomes = new[]
        {
            Fad.Run("train", "--csv", words, "--target", "label", "--epochs", "2", "--out", model),
            Fad.Run("train", "--csv", words, "--target", "label", "--task", "regression"),
            Fad.Run("train", "--csv", Csv("twice.csv", "x\u001b[2J,x\u001b[2J,y\n1,2,3\n"), "--target", "y"),
            Fad.Run("train", "--csv", Csv("quote.csv", "q\u001b[2J,y\n1,2\n\"open,3\n"), "--target", "y"),
            Fad.Run("train", "--csv", Csv("big.csv", "b\u0007,y\n1e400,2\n"), "--target", "y"),
            Fad.Run("predict", "--model", model, "--csv", Csv("lacking.csv", "colour\nblue\n")),
            Fad.Run("predict", "--model", model, "--csv", Csv("unknown.csv", "a\u0007,colour\n1,gre\u001b[32men\n")),
            Fad.Run("predict", "--model", model, "--csv", words, "--out", Path.Combine(folder, "out\u0007.csv")),
            Fad.Run("predict", "--model", Path.Combine(folder, "none\u001b[2J.json"), "--csv", words),
        };
        for (var i = 0; i < outcomes.Length; i++)
        {
            // fad predict without --out writes CSV data to the standard output, as it is; its messages are escaped.
            var all = (i is 5 or 6 ? "" : outcomes[i].Output) + outcomes[i].Error;
            Assert.True(Safe(all.Replace("\n", "")), all);
            Assert.Contains("\\u", all);
        }
        Assert.Equal(0, outcomes[0].ExitCode);
        Assert.Contains("ca\\u001b]0;owned\\u0007t, dog\\u202e", outcomes[0].Output);
        Assert.Contains("colour=re\\u001b[31md", outcomes[0].Output);
        Assert.Equal(0, outcomes[7].ExitCode);
        Assert.All(outcomes.Where(r => r.ExitCode != 0), run => Assert.Equal(1, run.ExitCode));
    }

    [Fact]
    public void Long_input_is_cut_with_its_length()
    {
        var name = new string('w', 5000);
        var csv = Path.Combine(folder, "wide.csv");
        File.WriteAllText(csv, $"{name},y\n1,2\n");
        var run = Fad.Run("train", "--csv", csv, "--target", "z");
        GradCommandTests.AssertOneLineError(run, 1, "its columns are: " + new string('w', 80) + "… (5,000 characters), y.");
        Assert.True(run.Error.Length < 400, run.Error);
    }
}
