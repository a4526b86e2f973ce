namespace FunctionalAD.Properties.Facade;

/// <summary>
/// An embedding layer through the façade: a bag-of-tokens classifier (Embedding → Flatten → Dense) trained by the
/// fluent chain on synthetic token sequences, seeded; the table learns only the rows of tokens it sees; ids that are
/// not tokens are refused naming the row and the column.
/// </summary>
public class EmbeddingNetworkTests
{
    private const int Vocabulary = 20, Length = 10;

    /// <summary>
    /// Sequences whose tokens come mostly (70 %) from their class's half of tokens 0 … 17, the rest from all of
    /// them; tokens 18 and 19 never occur.
    /// </summary>
    private static (Tensor Features, int[] Labels) Sequences(int count, int seed)
    {
        var random = new Random(seed);
        var ids = new double[count, Length];
        var labels = new int[count];
        for (var r = 0; r < count; r++)
        {
            labels[r] = random.Next(2);
            for (var t = 0; t < Length; t++)
                ids[r, t] = random.NextDouble() < 0.7 ? 9 * labels[r] + random.Next(9) : random.Next(18);
        }
        return (Tensor.Matrix(ids), labels);
    }

    private static Model Network()
    {
        var embedding = Layer.Embedding(Vocabulary, width: 4, length: Length);
        var flatten = Layer.Flatten(embedding.OutputShape);
        return Model.Sequential(embedding, flatten, Layer.Dense(flatten.Outputs, 2));
    }

    [Fact]
    public void A_bag_of_tokens_classifier_learns_which_half_of_the_vocabulary_a_sequence_draws_from()
    {
        var (train, trainLabels) = Sequences(400, seed: 1);
        var (validation, validationLabels) = Sequences(200, seed: 2);
        var model = Network();
        Assert.Equal("Embedding(10 ids of 20 → 10×4) → Flatten(10×4 → 40) → Dense(40 → 2)", model.ToString());
        Assert.Equal(new[] { ("E1", Shape.Matrix(Vocabulary, 4)), ("W3", Shape.Matrix(40, 2)), ("b3", Shape.Vector(2)) }, model.Parameters.ToArray());
        var fit = model.Train(train, trainLabels)
            .ValidatingOn(validation, validationLabels)
            .Minimizing(Loss.SoftmaxCrossEntropy)
            .With(Optimizer.Adam(learningRate: 0.05))
            .InBatchesOf(32)
            .ShuffledWithSeed(3)
            .For(epochs: 15)
            .Run();
        var accuracy = fit.Accuracy(validation, validationLabels);
        Assert.True(accuracy >= 0.95, $"validation accuracy {accuracy}; validation loss {fit.InitialValidationLoss} -> {string.Join(", ", fit.ValidationLosses)}");
        Assert.True(fit.ValidationLosses[^1] < fit.InitialValidationLoss / 4);
        // The gradient reaches only the rows of tokens that occur: the rows of 18 and 19 keep their starting values.
        var (start, learned) = (model.Initialize(0)["E1"], fit.Parameters["E1"]);
        for (var token = 0; token < Vocabulary; token++)
        for (var j = 0; j < 4; j++)
            Assert.Equal(token >= 18, start[token, j] == learned[token, j]);
    }

    [Fact]
    public void Ids_that_are_not_tokens_of_the_vocabulary_are_refused_naming_the_row_and_column()
    {
        var model = Network();
        var ids = new double[2, Length];
        ids[1, 3] = Vocabulary;
        var error = Assert.Throws<ArgumentException>(() => model.Predict(model.Initialize(), Tensor.Matrix(ids)));
        Assert.Contains("row 1, column 3", error.Message);
        Assert.Contains("0 … 19", error.Message);
        ids[1, 3] = 0.5;
        Assert.Throws<ArgumentException>(() => model.Train(Tensor.Matrix(ids), [0, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Layer.Embedding(0, 4, Length));
        Assert.Throws<ArgumentOutOfRangeException>(() => Layer.Embedding(Vocabulary, 0, Length));
        Assert.Throws<ArgumentOutOfRangeException>(() => Layer.Embedding(Vocabulary, 4, 0));
        var predicted = model.Predict(model.Initialize(), Tensor.Matrix(new double[3, Length]));
        Assert.Equal(Shape.Matrix(3, 2), predicted.Shape);
    }
}
