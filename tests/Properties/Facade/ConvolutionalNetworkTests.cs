using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Facade;

/// <summary>
/// A small convolutional network through the façade: convolution, max pooling, flattening and a dense layer, trained by
/// the fluent chain on synthetic images of bars and squares to more than 95 % accuracy on held-out images, seeded.
/// </summary>
public class ConvolutionalNetworkTests
{
    private const int Size = 12;

    private static Model Network()
    {
        var convolution = Layer.Conv2D(Shape.Of(1, Size, Size), filters: 8, kernel: 3, activation: Activation.Relu);
        var pooling = Layer.MaxPool2D(convolution.OutputShape, 2);
        var flatten = Layer.Flatten(pooling.OutputShape);
        return Model.Sequential(convolution, pooling, flatten, Layer.Dense(flatten.Outputs, 3));
    }

    [Fact]
    public void A_small_CNN_tells_bars_from_squares_on_held_out_images()
    {
        var (train, trainLabels) = ShapeImages.Make(600, Size, seed: 1);
        var (validation, validationLabels) = ShapeImages.Make(200, Size, seed: 2);
        var model = Network();
        Assert.Equal("Conv2D(1×12×12 → 8×10×10, 3×3, relu) → MaxPool2D(8×10×10 → 8×5×5) → Flatten(8×5×5 → 200) → Dense(200 → 3)", model.ToString());
        var fit = model.Train(train, trainLabels)
            .ValidatingOn(validation, validationLabels)
            .Minimizing(Loss.SoftmaxCrossEntropy)
            .With(Optimizer.Adam(learningRate: 0.01))
            .InBatchesOf(32)
            .ShuffledWithSeed(3)
            .For(epochs: 8)
            .Run();
        var accuracy = fit.Accuracy(validation, validationLabels);
        Assert.True(accuracy >= 0.95, $"validation accuracy {accuracy}; validation loss {fit.InitialValidationLoss} -> {string.Join(", ", fit.ValidationLosses)}");
        Assert.True(fit.ValidationLosses[^1] < fit.InitialValidationLoss / 4);
        // Seeded: the same run gives the same parameters.
        var again = model.Train(train, trainLabels).ValidatingOn(validation, validationLabels).Minimizing(Loss.SoftmaxCrossEntropy)
            .With(Optimizer.Adam(learningRate: 0.01)).InBatchesOf(32).ShuffledWithSeed(3).For(epochs: 8).Run();
        Assert.Equal(fit.Parameters["K1"], again.Parameters["K1"]);
    }

    [Fact]
    public void Layers_that_do_not_fit_are_refused_naming_both_shapes()
    {
        var convolution = Layer.Conv2D(Shape.Of(1, Size, Size), filters: 8, kernel: 3);
        var error = Assert.Throws<ArgumentException>(() => Model.Sequential(convolution, Layer.Dense(800, 3)));
        Assert.Contains("8×10×10", error.Message);
        Assert.Contains("Layer.Flatten(8×10×10)", error.Message);
        Assert.Throws<ShapeMismatchException>(() => Layer.Conv2D(Shape.Of(1, 2, 2), filters: 8, kernel: 3));
        Assert.Throws<ShapeMismatchException>(() => Layer.MaxPool2D(Shape.Of(12, 12), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Layer.Conv2D(Shape.Of(1, Size, Size), filters: 0, kernel: 3));
        var model = Model.Sequential(convolution, Layer.Flatten(convolution.OutputShape), Layer.Dense(800, 3));
        Assert.Equal(Size * Size, model.Inputs);
        Assert.Equal(new[] { ("K1", Shape.Of(8, 1, 3, 3)), ("b1", Shape.Of(8, 1, 1)), ("W3", Shape.Matrix(800, 3)), ("b3", Shape.Vector(3)) }, model.Parameters.ToArray());
    }

    [Fact]
    public void A_layer_norm_layer_normalises_each_example_before_its_gain_and_bias()
    {
        var (train, labels) = ShapeImages.Make(300, Size, seed: 5);
        var model = Model.Sequential(Layer.Dense(Size * Size, 16, Activation.Relu), Layer.LayerNorm(Shape.Vector(16)), Layer.Dense(16, 3));
        Assert.Equal("Dense(144 → 16, relu) → LayerNorm(16) → Dense(16 → 3)", model.ToString());
        var start = model.Initialize(seed: 1);
        Assert.Equal(Tensor.Filled(Shape.Vector(16), 1), start["g2"]);
        Assert.Equal(Tensor.Zeros(Shape.Vector(16)), start["b2"]);
        // Before training (gain 1, bias 0), the normalised hidden row has mean 0 and variance σ² / (σ² + ε), σ² the raw row's.
        var raw = Model.Sequential(model.Layers[0]).Predict(start, train).ToArray().Chunk(16).First();
        var hidden = Model.Sequential(model.Layers[0], model.Layers[1]).Predict(start, train).ToArray().Chunk(16).First();
        var variance = raw.Select(v => (v - raw.Average()) * (v - raw.Average())).Average();
        Assert.Equal(0, hidden.Average(), 10);
        Assert.Equal(variance / (variance + 1e-5), hidden.Select(v => v * v).Average(), 10);
        var fit = model.Train(train, labels).Minimizing(Loss.SoftmaxCrossEntropy).With(Optimizer.Adam(0.01)).InBatchesOf(32).ShuffledWithSeed(1).For(epochs: 10).Run();
        Assert.True(fit.FinalLoss < fit.InitialLoss / 2, $"{fit.InitialLoss} -> {fit.FinalLoss}");
        Assert.Throws<ArgumentOutOfRangeException>(() => Layer.LayerNorm(Shape.Vector(4), epsilon: -1));
    }
}
