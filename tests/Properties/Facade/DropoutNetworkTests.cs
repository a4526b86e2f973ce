namespace FunctionalAD.Properties.Facade;

/// <summary>
/// A dropout layer through the façade: active in training with a fresh mask at every step drawn from the training's
/// seed, the identity when the model predicts, classifies or measures accuracy.
/// </summary>
public class DropoutNetworkTests
{
    /// <summary>Points of the square [−2, 2]², labelled 1 outside the unit circle.</summary>
    private static (Tensor Features, int[] Labels) Ring(int count, int seed)
    {
        var random = new Random(seed);
        var points = new double[count, 2];
        var labels = new int[count];
        for (var r = 0; r < count; r++)
        {
            (points[r, 0], points[r, 1]) = (random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2);
            labels[r] = points[r, 0] * points[r, 0] + points[r, 1] * points[r, 1] > 1 ? 1 : 0;
        }
        return (Tensor.Matrix(points), labels);
    }

    private static Model Network(double rate) =>
        Model.Sequential(Layer.Dense(2, 32, Activation.Tanh), Layer.Dropout(Shape.Vector(32), rate), Layer.Dense(32, 2));

    private static TrainingResult Fit(Model model, Tensor features, int[] labels, int seed = 3, int batch = 32, int epochs = 40) =>
        model.Train(features, labels).Minimizing(Loss.SoftmaxCrossEntropy).With(Optimizer.Adam(learningRate: 0.02))
            .InBatchesOf(batch).ShuffledWithSeed(seed).For(epochs).Run();

    [Fact]
    public void A_network_with_dropout_learns_and_predicts_without_it()
    {
        var (train, labels) = Ring(300, seed: 1);
        var (validation, validationLabels) = Ring(300, seed: 2);
        var model = Network(0.2);
        Assert.Equal("Dense(2 → 32, tanh) → Dropout(32, rate 0.2) → Dense(32 → 2)", model.ToString());
        Assert.Equal(new[] { "W1", "b1", "W3", "b3" }, model.Parameters.Select(p => p.Name).ToArray());
        var fit = Fit(model, train, labels);
        var accuracy = fit.Accuracy(validation, validationLabels);
        Assert.True(accuracy >= 0.9, $"validation accuracy {accuracy}");

        // The same training draws the same masks; another seed others.
        Assert.Equal(fit.Parameters["W3"], Fit(model, train, labels).Parameters["W3"]);
        Assert.NotEqual(fit.Parameters["W3"], Fit(model, train, labels, seed: 4).Parameters["W3"]);

        // Training with dropout differs from training without it (rate 0: the same parameters, the same batches) …
        var without = Network(0);
        Assert.NotEqual(fit.Parameters["W3"], Fit(without, train, labels).Parameters["W3"]);

        // … but prediction is the network without dropout, deterministically.
        var predicted = model.Predict(fit.Parameters, validation);
        Assert.Equal(predicted, model.Predict(fit.Parameters, validation));
        Assert.Equal(without.Predict(fit.Parameters, validation), predicted);
        Assert.Equal(without.Accuracy(fit.Parameters, validation, validationLabels), accuracy);
    }

    [Fact]
    public void Each_step_draws_a_fresh_mask()
    {
        // One row per step, half the hidden units dropped: a unit dropped at every step would keep its outgoing weights,
        // so with one mask for all steps about half the rows of W3 would not move. With a fresh mask each step, all move.
        var (train, labels) = Ring(40, seed: 5);
        var model = Network(0.5);
        var fit = Fit(model, train, labels, batch: 1, epochs: 1);
        var (start, learned) = (model.Initialize(0)["W3"], fit.Parameters["W3"]);
        for (var unit = 0; unit < 32; unit++)
            Assert.True(start[unit, 0] != learned[unit, 0], $"the weights out of hidden unit {unit} did not change");
    }

    [Fact]
    public void A_rate_outside_zero_to_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Layer.Dropout(Shape.Vector(4), 1));
}
