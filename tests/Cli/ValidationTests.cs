using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FunctionalAD.Cli.Data;
using SkiaSharp;

namespace FunctionalAD.Cli.Tests;

/// <summary>
/// The held-out score of <c>fad train</c>: the seeded split (stratified by class), the training and validation lines
/// and progress, <c>--validation 0</c>, the refusals, and the plot with both curves.
/// </summary>
public sealed partial class ValidationTests() : TemporaryFolder("fad-validation-")
{
    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Rows of classes 0, 1 and 2 in the proportions 50 : 30 : 20 (in a mixed order), two features.</summary>
    private string Classes(string name = "classes.csv")
    {
        var random = new Random(4);
        var csv = new StringBuilder("p,q,label\n");
        var labels = Enumerable.Repeat(0, 50).Concat(Enumerable.Repeat(1, 30)).Concat(Enumerable.Repeat(2, 20)).ToArray();
        random.Shuffle(labels);
        foreach (var label in labels)
            csv.AppendLine($"{Invariant(label + random.NextDouble())},{Invariant(2 * label - random.NextDouble())},{label}");
        return Write(name, csv.ToString());
    }

    // The split on its own.

    [Fact]
    public void The_split_holds_out_the_fraction_rounded_up_and_keeps_every_row_once()
    {
        var split = HoldOut.Split(103, null, 0.2, seed: 7);
        Assert.Equal(21, split.Validation.Length); // ⌈20.6⌉
        Assert.Equal(Enumerable.Range(0, 103), split.Training.Concat(split.Validation).Order());
        Assert.Equal(split.Training.Order(), split.Training);
        Assert.Equal(split.Validation.Order(), split.Validation);
        Assert.Equal(split, HoldOut.Split(103, null, 0.2, seed: 7), SameRows);
        Assert.NotEqual(split.Validation, HoldOut.Split(103, null, 0.2, seed: 8).Validation);
        Assert.NotEqual(Enumerable.Range(82, 21), split.Validation); // drawn, not the last rows
    }

    [Fact]
    public void The_split_is_stratified_by_class()
    {
        int[] labels = [.. Enumerable.Range(0, 100).Select(i => i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2)];
        var split = HoldOut.Split(100, labels, 0.2, seed: 1);
        Assert.Equal([10, 6, 4], split.Validation.GroupBy(r => labels[r]).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Null(split.Problem(0.2, labels, c => c.ToString()));
        // 0.25 of 10 + 6 + 4 rows is 2.5 + 1.5 + 1: the one row left after rounding down goes to the largest
        // fractional share, the first class of a tie.
        int[] small = [.. Enumerable.Repeat(0, 10).Concat(Enumerable.Repeat(1, 6)).Concat(Enumerable.Repeat(2, 4))];
        var smallSplit = HoldOut.Split(20, small, 0.25, seed: 1);
        Assert.Equal(5, smallSplit.Validation.Length);
        Assert.Equal([3, 1, 1], smallSplit.Validation.GroupBy(r => small[r]).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void A_class_keeps_a_training_row_when_another_class_can_give_one()
    {
        // Three singletons and seven of class 3: 0.2 of 10 is 2 rows, and only class 3 can spare them.
        int[] labels = [0, 1, 2, 3, 3, 3, 3, 3, 3, 3];
        var split = HoldOut.Split(10, labels, 0.2, seed: 3);
        Assert.All(split.Validation, r => Assert.Equal(3, labels[r]));
        Assert.Equal(2, split.Validation.Length);
        Assert.Null(split.Problem(0.2, labels, c => c.ToString()));
    }

    [Fact]
    public void No_validation_trains_on_every_row()
    {
        var split = HoldOut.Split(5, [0, 1, 0, 1, 0], 0, seed: 0);
        Assert.Equal([0, 1, 2, 3, 4], split.Training);
        Assert.Empty(split.Validation);
    }

    private static readonly IEqualityComparer<HoldOut> SameRows = EqualityComparer<HoldOut>.Create(
        (a, b) => a!.Training.SequenceEqual(b!.Training) && a.Validation.SequenceEqual(b.Validation));

    // fad train with and without validation.

    [Fact]
    public void Training_reports_the_training_and_the_validation_score()
    {
        var run = Fad.Run("train", "--csv", Classes(), "--target", "label", "--epochs", "20", "--learning-rate", "0.05", "--out", Path.Combine(folder, "p.json"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("Validation: 20 of 100 rows held out (stratified by class), 80 for training.", run.Output);
        Assert.Matches(ScoreLine("training:  ", 80), run.Output);
        Assert.Matches(ScoreLine("validation:", 20), run.Output);
        // Every progress line shows both losses.
        var progress = run.Output.Split('\n').Where(l => l.TrimStart().StartsWith("epoch ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(10, progress.Length);
        Assert.All(progress, l => Assert.Matches(@"loss \S+ +validation \S+", l));
    }

    [Fact]
    public void Validation_zero_trains_on_every_row_and_reports_no_validation()
    {
        var run = Fad.Run("train", "--csv", Classes(), "--target", "label", "--epochs", "5", "--validation", "0", "--out", Path.Combine(folder, "p.json"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Validation: none (--validation 0); training on all 100 rows.", run.Output);
        Assert.Matches(ScoreLine("training:  ", 100), run.Output);
        Assert.DoesNotContain("validation:", run.Output);
        Assert.DoesNotContain(" validation ", run.Output);
    }

    [Fact]
    public void The_validation_score_is_measured_on_rows_the_model_never_saw()
    {
        // Targets of pure noise: a wide network learns the training rows by heart, and that is worth nothing on
        // held-out rows. Were they trained on, their R² would be as high as the training R².
        var random = new Random(12);
        var csv = new StringBuilder("a,b,c,noise\n");
        for (var i = 0; i < 100; i++)
            csv.AppendLine(string.Join(",", Enumerable.Range(0, 4).Select(_ => Invariant(random.NextDouble()))));
        var run = Fad.Run("train", "--csv", Write("noise.csv", csv.ToString()), "--target", "noise", "--model", "mlp:64,64",
            "--epochs", "300", "--learning-rate", "0.01", "--batch-size", "16", "--out", Path.Combine(folder, "n.json"));
        Assert.Equal(0, run.ExitCode);
        var (training, validation) = (RSquared(run, "training:"), RSquared(run, "validation:"));
        Assert.True(training > 0.5, run.Output);
        Assert.True(validation < 0.1, run.Output);
    }

    [Fact]
    public void The_same_seed_holds_out_the_same_rows()
    {
        var csv = Classes();
        string Scores(string seed) => string.Join("\n", Fad.Run("train", "--csv", csv, "--target", "label", "--epochs", "3", "--seed", seed, "--out", Path.Combine(folder, "s.json"))
            .Output.Split('\n').Where(l => l.StartsWith("training:") || l.StartsWith("validation:")));
        Assert.Equal(Scores("5"), Scores("5"));
        Assert.NotEqual(Scores("5"), Scores("6"));
    }

    // Refusals.

    [Theory]
    [InlineData("1", "--validation must be at least 0 and less than 1 (the fraction of rows held out), not 1.")]
    [InlineData("1.5", "not 1.5.")]
    [InlineData("-0.1", "not -0.1.")]
    [InlineData("NaN", "not NaN.")]
    public void A_fraction_outside_zero_to_one_is_a_usage_error(string fraction, string message)
    {
        var run = Fad.Run("train", "--csv", Classes(), "--target", "label", "--validation", fraction, "--out", Path.Combine(folder, "never.json"));
        GradCommandTests.AssertOneLineError(run, 2, message);
        Assert.False(File.Exists(Path.Combine(folder, "never.json")));
    }

    [Fact]
    public void A_split_that_leaves_a_class_without_training_rows_is_refused()
    {
        // Two rows of class 1 among ten: holding out 90 % takes both, since every class is short of rows.
        var csv = Write("few.csv", "a,k\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"{i},{(i < 8 ? 0 : 1)}\n")));
        var output = Path.Combine(folder, "never.json");
        var run = Fad.Run("train", "--csv", csv, "--target", "k", "--validation", "0.9", "--out", output);
        GradCommandTests.AssertOneLineError(run, 1,
            "--validation 0.9: holding out 90 % of the rows leaves no training row of the class '1'; lower --validation, or add rows of that class.");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_split_that_leaves_nothing_to_train_on_is_refused()
    {
        var csv = Write("one.csv", "a,y\n1,2.5\n");
        var output = Path.Combine(folder, "never.json");
        GradCommandTests.AssertOneLineError(Fad.Run("train", "--csv", csv, "--target", "y", "--out", output), 1,
            "--validation 0.2: holding out 20 % of 1 row leaves none to train on; lower --validation, or give 0 to train on every row.");
        Assert.Equal(0, Fad.Run("train", "--csv", csv, "--target", "y", "--validation", "0", "--epochs", "1", "--out", output).ExitCode);
    }

    // The plot.

    [Fact]
    public void The_plot_draws_the_training_and_the_validation_curve_with_a_legend()
    {
        var csv = Classes();
        var (both, trainingOnly) = (Path.Combine(folder, "plots", "both.png"), Path.Combine(folder, "plots", "training.png"));
        var run = Fad.Run("train", "--csv", csv, "--target", "label", "--epochs", "10", "--plot", both, "--out", Path.Combine(folder, "p.json"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"plot: {both}", run.Output);
        Assert.Equal(0, Fad.Run("train", "--csv", csv, "--target", "label", "--epochs", "10", "--validation", "0", "--plot", trainingOnly, "--out", Path.Combine(folder, "p.json")).ExitCode);

        using var withValidation = SKBitmap.Decode(both);
        using var withoutValidation = SKBitmap.Decode(trainingOnly);
        Assert.Equal((640, 400), (withValidation.Width, withValidation.Height));
        // The second curve has the palette's second colour (orange): drawn with validation, absent without.
        Assert.True(Pixels(withValidation, Second) > 300, "the validation curve and its legend swatch");
        Assert.True(Pixels(withValidation, First) > 300, "the training curve");
        Assert.Equal(0, Pixels(withoutValidation, Second));
        Assert.True(Pixels(withoutValidation, First) > 300, "the training curve");
        // The legend's names are drawn only for two curves: the picture with a legend has more dark (text) pixels
        // in its upper right corner.
        Assert.True(Dark(withValidation) > Dark(withoutValidation) + 50);
    }

    [Fact]
    public void A_plot_needs_a_file_name() => GradCommandTests.AssertOneLineError(
        Fad.Run("train", "--csv", Classes(), "--target", "label", "--plot", " "), 2, "--plot needs a file name, such as loss.png.");

    private static readonly SKColor First = SKColor.Parse("#1f77b4"), Second = SKColor.Parse("#ff7f0e");

    private static int Pixels(SKBitmap bitmap, SKColor colour) => Enumerable.Range(0, bitmap.Width * bitmap.Height).Count(i =>
    {
        var p = bitmap.GetPixel(i % bitmap.Width, i / bitmap.Width);
        return Math.Abs(p.Red - colour.Red) + Math.Abs(p.Green - colour.Green) + Math.Abs(p.Blue - colour.Blue) < 60;
    });

    private static int Dark(SKBitmap bitmap) => Enumerable.Range(0, 200 * 100).Count(i =>
    {
        var p = bitmap.GetPixel(bitmap.Width - 200 + i % 200, i / 200);
        return p.Red + p.Green + p.Blue < 200;
    });

    /// <summary>20 cats, 10 dogs and 5 eels by weight and length, and 5 more rows each with a missing cell.</summary>
    private string Animals()
    {
        var random = new Random(9);
        var csv = new StringBuilder("weight,length,animal\n");
        foreach (var (animal, count, size) in new[] { ("cat", 20, 4.0), ("dog", 10, 20.0), ("eel", 5, 1.0) })
            for (var i = 0; i < count; i++) csv.AppendLine($"{Invariant(size + random.NextDouble())},{Invariant(size * 10 + random.NextDouble())},{animal}");
        foreach (var animal in new[] { "cat", "cat", "dog", "eel", "cat" }) csv.AppendLine($"NA,5,{animal}");
        return Write("animals.csv", csv.ToString());
    }

    [Fact]
    public void Word_classes_are_held_out_by_class_from_the_rows_kept_after_missing()
    {
        var output = Path.Combine(folder, "animals.json");
        var dropped = Fad.Run("train", "--csv", Animals(), "--target", "animal", "--epochs", "5", "--out", output);

        Assert.True(dropped.ExitCode == 0, dropped.Error);
        Assert.Contains("missing cells: 5 rows dropped (--missing drop).", dropped.Output);
        // ⌈0.2 · 35⌉ = 7 of the 35 kept rows, 4 cats, 2 dogs and 1 eel; the matrix is of those 7, its rows named.
        Assert.Contains("Validation: 7 of 35 rows held out (stratified by class), 28 for training.", dropped.Output);
        Assert.Matches(@"(?m)^training:   loss [0-9.E+-]+, accuracy [0-9]+\.[0-9]{2} % on 28 rows\r?$", dropped.Output);
        Assert.Matches(@"(?m)^validation: loss [0-9.E+-]+, accuracy [0-9]+\.[0-9]{2} % on 7 rows\r?$", dropped.Output);
        Assert.Contains("confusion matrix of the 7 validation rows:", dropped.Output);
        Assert.Equal([4, 2, 1], new[] { "cat", "dog", "eel" }.Select(name => dropped.Row(name)[1..].Sum(int.Parse)));

        // Filled instead of dropped, all 40 rows are kept and 8 held out: 5 cats (the largest remainder), 2 dogs, 1 eel.
        var filled = Fad.Run("train", "--csv", Animals(), "--target", "animal", "--epochs", "5", "--missing", "mean", "--out", output);
        Assert.True(filled.ExitCode == 0, filled.Error);
        Assert.Contains("Validation: 8 of 40 rows held out (stratified by class), 32 for training.", filled.Output);
        Assert.Equal([5, 2, 1], new[] { "cat", "dog", "eel" }.Select(name => filled.Row(name)[1..].Sum(int.Parse)));
    }

    [Fact]
    public void A_split_that_starves_word_classes_names_them()
    {
        var output = Path.Combine(folder, "animals.json");
        var run = Fad.Run("train", "--csv", Animals(), "--target", "animal", "--validation", "0.95", "--out", output);

        GradCommandTests.AssertOneLineError(run, 1,
            "--validation 0.95: holding out 95 % of the rows leaves no training row of the classes 'dog', 'eel'; lower --validation, or add rows of those classes.");
        Assert.False(File.Exists(output));
    }

    private static Regex ScoreLine(string label, int rows) =>
        new($@"(?m)^{Regex.Escape(label)} loss [0-9.E+-]+, accuracy [0-9]+\.[0-9]{{2}} % on {rows} rows$");

    private static double RSquared(Fad.Outcome run, string label)
    {
        var line = run.Output.Split('\n').Single(l => l.StartsWith(label, StringComparison.Ordinal));
        var match = Regex.Match(line, @"R² (\S+) on");
        Assert.True(match.Success, line);
        return double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
