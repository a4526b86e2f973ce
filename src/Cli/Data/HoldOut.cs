using System.Globalization;

namespace FunctionalAD.Cli.Data;

/// <summary>
/// Which rows <c>fad train</c> trains on and which it holds out for validation: a seeded random split of
/// ⌈fraction · rows⌉ rows (scikit-learn's <c>train_test_split</c> rounding), stratified by class when there are
/// labels, so that each class is held out in proportion to its size. Both index sets are in file order.
/// </summary>
/// <param name="Training">The rows to train on.</param>
/// <param name="Validation">The held-out rows.</param>
internal sealed record HoldOut(int[] Training, int[] Validation)
{
    /// <summary>
    /// Splits <paramref name="rows"/> rows, holding out <paramref name="fraction"/> (in [0, 1)) of them; with
    /// <paramref name="labels"/> (one class index per row) each class gives its share, the rounding remainder going to
    /// the classes with the largest fractional shares among those that keep a training row. The same seed gives the
    /// same split. The result may leave the training set or a class empty: <see cref="Problem"/> says so.
    /// </summary>
    public static HoldOut Split(int rows, IReadOnlyList<int>? labels, double fraction, int seed)
    {
        if (fraction <= 0) return new HoldOut([.. Enumerable.Range(0, rows)], []);
        var groups = labels is null
            ? [Enumerable.Range(0, rows).ToArray()]
            : Enumerable.Range(0, rows).GroupBy(r => labels[r]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        var heldOut = (int)Math.Min(rows, Math.Ceiling(fraction * rows));
        var shares = groups.Select(g => (double)heldOut * g.Length / rows).ToArray();
        var counts = shares.Select(s => (int)Math.Floor(s)).ToArray();
        var byRemainder = Enumerable.Range(0, groups.Length).OrderByDescending(g => shares[g] - counts[g]).ThenBy(g => g).ToArray();
        for (var left = heldOut - counts.Sum(); left > 0; left--)
        {
            // A class that would lose its last training row gives only when no other class can.
            var g = byRemainder.Where(g => counts[g] < groups[g].Length - 1).Cast<int?>().FirstOrDefault()
                ?? byRemainder.First(g => counts[g] < groups[g].Length);
            counts[g]++;
        }
        var random = new Random(seed);
        var validation = new List<int>(heldOut);
        for (var g = 0; g < groups.Length; g++)
        {
            var members = (int[])groups[g].Clone();
            random.Shuffle(members);
            validation.AddRange(members.Take(counts[g]));
        }
        var chosen = validation.ToHashSet();
        return new HoldOut([.. Enumerable.Range(0, rows).Where(r => !chosen.Contains(r))], [.. validation.Order()]);
    }

    /// <summary>
    /// Why this split cannot be trained on, or null: no training rows, or a class (named by <paramref name="className"/>)
    /// with no training rows left.
    /// </summary>
    public string? Problem(double fraction, IReadOnlyList<int>? labels, Func<int, string> className)
    {
        var rows = Training.Length + Validation.Length;
        var percent = (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
        var option = $"--validation {fraction.ToString(CultureInfo.InvariantCulture)}";
        if (Training.Length == 0)
            return $"{option}: holding out {percent} of {rows} row{(rows == 1 ? "" : "s")} leaves none to train on; lower --validation, or give 0 to train on every row.";
        if (labels is null) return null;
        var trained = Training.Select(r => labels[r]).ToHashSet();
        var starved = Validation.Select(r => labels[r]).Where(c => !trained.Contains(c)).Distinct().Order().ToArray();
        if (starved.Length == 0) return null;
        return $"{option}: holding out {percent} of the rows leaves no training row of the class{(starved.Length == 1 ? "" : "es")} "
            + $"{string.Join(", ", starved.Select(c => $"'{className(c)}'"))}; lower --validation, or add rows of {(starved.Length == 1 ? "that class" : "those classes")}.";
    }

    /// <summary>The given rows of a rows × features tensor, in the given order.</summary>
    public static Tensor Rows(Tensor matrix, int[] rows) =>
        Tensor.Create(Shape.Matrix(rows.Length, matrix.Shape[1]), (i, j) => matrix[rows[i], j]);

    /// <summary>The given entries of an array, in the given order.</summary>
    public static T[] Rows<T>(T[] values, int[] rows) => [.. rows.Select(r => values[r])];
}
