using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// An embedding layer, made by <see cref="Layer.Embedding"/>: each example is a row of <see cref="Length"/> token ids
/// (whole numbers in 0 … <see cref="Vocabulary"/> − 1), and each id becomes its row of a table E of vocabulary × width,
/// so an example comes out as length × width. In a model the table is named <c>E1</c> for the first layer,
/// <c>E2</c> for the second, and so on. Put it first: its input is the features themselves.
/// </summary>
/// <remarks>The table starts with independent standard normal entries, as PyTorch's <c>nn.Embedding</c>.</remarks>
public sealed record EmbeddingLayer : Layer
{
    internal EmbeddingLayer(int vocabulary, int width, int length)
        : base(
            Shape.Vector(length > 0 ? length : throw new ArgumentOutOfRangeException(nameof(length), length, $"An embedding layer takes at least one id per example, not {length}.")),
            Shape.Matrix(length, width > 0 ? width : throw new ArgumentOutOfRangeException(nameof(width), width, $"An embedding has a width of at least 1, not {width}.")))
    {
        Vocabulary = vocabulary > 0 ? vocabulary : throw new ArgumentOutOfRangeException(nameof(vocabulary), vocabulary, $"A vocabulary has at least one token, not {vocabulary}.");
        (Width, Length) = (width, length);
    }

    /// <summary>The number of distinct ids: the rows of the table.</summary>
    public int Vocabulary { get; }

    /// <summary>The numbers each id becomes: the columns of the table.</summary>
    public int Width { get; }

    /// <summary>The ids in each example.</summary>
    public int Length { get; }

    /// <summary>The name of the table of the layer at <paramref name="position"/> (from 1) in a model.</summary>
    public static string TableName(int position) => $"E{position}";

    internal override IEnumerable<(string Name, Shape Shape)> Parameters(int position) => [(TableName(position), Shape.Matrix(Vocabulary, Width))];

    internal override IEnumerable<(string Name, Tensor Value)> Initialize(int position, Random random)
    {
        // Drawn row by row (Box–Muller), so that a seed gives the same table whatever the storage order.
        var table = new double[Vocabulary, Width];
        for (var i = 0; i < Vocabulary; i++)
        for (var j = 0; j < Width; j++)
            table[i, j] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return [(TableName(position), Tensor.Matrix(table))];
    }

    internal override Expr Apply(Expr x, int position) => Expr.Embedding(Expr.Input(TableName(position), Shape.Matrix(Vocabulary, Width)), x);

    /// <summary>Refuses features that are not ids of the vocabulary, naming the row and the column.</summary>
    internal void CheckIds(Tensor features, string argument)
    {
        var ids = features.ToArray();
        for (var k = 0; k < ids.Length; k++)
        {
            if (!(ids[k] >= 0 && ids[k] < Vocabulary && ids[k] == Math.Floor(ids[k])))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The feature {ids[k]:R} in row {k / Length}, column {k % Length} is not a token id of the embedding's vocabulary, 0 … {Vocabulary - 1}."), argument);
        }
    }

    /// <summary><c>Embedding(20 ids of 50 → 20×8)</c>.</summary>
    public override string ToString() => $"Embedding({Length} ids of {Vocabulary} → {OutputShape})";
}
