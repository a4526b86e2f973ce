namespace FunctionalAD.Properties.Facade;

/// <summary>
/// Held-out data in a model's training (<see cref="Training.ValidatingOn(Tensor, Tensor)"/>): its loss is
/// measured before training and after every epoch, reported with the progress, equals the loss recomputed by hand
/// from the parameters, and changes nothing of the training itself.
/// </summary>
public class ValidationTests
{
    private static readonly (double[,] Features, int[] Labels) Train = Datasets.TwoMoons(120, noise: 0.2, seed: 4);
    private static readonly (double[,] Features, int[] Labels) HeldOut = Datasets.TwoMoons(40, noise: 0.2, seed: 5);

    private static Training Moons() =>
        Model.Sequential(Layer.Dense(2, 8, Activation.Tanh), Layer.Dense(8, 2))
            .Train(Train.Features, Train.Labels)
            .Minimizing(Loss.SoftmaxCrossEntropy)
            .With(Optimizer.Adam(learningRate: 0.05))
            .ShuffledWithSeed(2)
            .For(epochs: 12);

    /// <summary>Mean softmax cross-entropy of the model's outputs, written out independently of the library's loss.</summary>
    private static double CrossEntropy(TrainingResult fit, double[,] features, int[] labels)
    {
        var logits = fit.Predict(Tensor.Matrix(features));
        return Enumerable.Range(0, labels.Length).Average(r =>
        {
            var (a, b) = (logits[r, 0], logits[r, 1]);
            var top = Math.Max(a, b);
            return top + Math.Log(Math.Exp(a - top) + Math.Exp(b - top)) - (labels[r] == 0 ? a : b);
        });
    }

    [Fact]
    public void The_held_out_loss_is_reported_each_epoch_and_is_the_loss_of_the_parameters_on_the_held_out_rows()
    {
        var reports = new List<TrainingProgress>();
        var fit = Moons().ValidatingOn(HeldOut.Features, HeldOut.Labels).Run(new Synchronous(reports.Add));

        Assert.Equal(fit.Epochs, fit.ValidationLosses.Length);
        Assert.Equal(fit.ValidationLosses, reports.Select(r => r.ValidationLoss!.Value));
        Assert.Equal(fit.ValidationLosses[^1], fit.FinalValidationLoss);
        Assert.Equal(CrossEntropy(fit, HeldOut.Features, HeldOut.Labels), fit.FinalValidationLoss!.Value, 12);
        Assert.Equal(CrossEntropy(fit, Train.Features, Train.Labels), fit.FinalLoss, 12);
        // Held-out rows are other rows: their loss is not the training loss.
        Assert.NotEqual(fit.FinalLoss, fit.FinalValidationLoss.Value);
        Assert.NotNull(fit.InitialValidationLoss);
        Assert.True(fit.FinalValidationLoss < fit.InitialValidationLoss, $"{fit.InitialValidationLoss} -> {fit.FinalValidationLoss}");
    }

    [Fact]
    public void Held_out_data_changes_nothing_of_the_training()
    {
        var plain = Moons().Run();
        var validated = Moons().ValidatingOn(HeldOut.Features, HeldOut.Labels).Run();
        Assert.Equal(plain.InitialLoss, validated.InitialLoss);
        Assert.True(plain.Losses.SequenceEqual(validated.Losses), string.Join("\n", plain.Losses.Zip(validated.Losses, (a, b) => $"{a:R} {b:R} {a - b:R}")));
        foreach (var (name, value) in plain.Parameters)
            Assert.Equal(value.ToArray(), validated.Parameters[name].ToArray());
        Assert.Empty(plain.ValidationLosses);
        Assert.Null(plain.InitialValidationLoss);
        Assert.Null(plain.FinalValidationLoss);
    }

    [Fact]
    public void A_regression_reports_the_mean_squared_error_of_its_held_out_rows()
    {
        var random = new Random(3);
        double[,] Inputs(int n) { var x = new double[n, 1]; for (var i = 0; i < n; i++) x[i, 0] = 4 * random.NextDouble() - 2; return x; }
        var (x, heldOutX) = (Inputs(60), Inputs(20));
        double[] Targets(double[,] inputs) => [.. Enumerable.Range(0, inputs.GetLength(0)).Select(i => 2 * inputs[i, 0] + 1 + 0.1 * Datasets.Normal(random))];
        var (y, heldOutY) = (Targets(x), Targets(heldOutX));

        var fit = Model.Linear(inputs: 1).Train(x, y).ValidatingOn(heldOutX, heldOutY).With(Optimizer.Adam(0.05)).For(epochs: 20).Run();
        var predictions = fit.Predict(Tensor.Matrix(heldOutX));
        var byHand = Enumerable.Range(0, 20).Average(i => (predictions[i, 0] - heldOutY[i]) * (predictions[i, 0] - heldOutY[i]));
        Assert.Equal(byHand, fit.FinalValidationLoss!.Value, 12);
    }

    [Fact]
    public void Held_out_data_that_does_not_fit_the_model_is_refused()
    {
        var error = Assert.Throws<ShapeMismatchException>(() => Moons().ValidatingOn(Tensor.Matrix(new double[5, 3]), Tensor.Vector(new double[5])));
        Assert.Contains("3", error.Message);
        Assert.Throws<ShapeMismatchException>(() => Moons().ValidatingOn(Tensor.Matrix(new double[5, 2]), Tensor.Vector(new double[4])));
    }

    private sealed class Synchronous(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
