using FunctionalAD.Properties.Facade;

namespace FunctionalAD.Documentation.Tests;

/// <summary>
/// The code of docs/tutorial.md, run, with the results the tutorial quotes asserted. If the tutorial changes,
/// change this too (and the other way round); DocumentationSnippetTests checks that the tutorial compiles.
/// </summary>
public class TutorialExamples
{
    private static readonly Expr W = Expr.Input("w"), X = Expr.Input("x"), B = Expr.Input("b");
    private static readonly Expr Y = W * X + B;

    [Fact]
    public void Section1_value_and_gradient_both_modes()
    {
        var at = Bindings.Of(("x", 3.0), ("w", 2.0), ("b", 1.0));
        Assert.Equal(7, Graph.Evaluate(Y, at));
        Assert.Equal("b = 1, w = 3, x = 2", Reverse.Grad(Y, at).ToString());
        Assert.Equal("b = 1, w = 3, x = 2", Forward.Grad(Y, at).ToString());
        var jvp = Forward.Jvp(Y, at, Bindings.Of(("x", 1.0)));
        Assert.Equal((7.0, 2.0), (jvp.Value.ToScalar(), jvp.Tangent.ToScalar()));
    }

    [Fact]
    public void Section2_one_step_by_hand_and_the_fitted_line()
    {
        var start = Bindings.Of(("w", 0.0), ("b", 0.0));
        var slope = Reverse.Grad(Expr.Pow(W * 0.5 + B - 2.0, 2.0), start);
        Assert.Equal("b = -4, w = -2", slope.ToString());
        var step = Optimizer.Sgd(learningRate: 0.1).Step(start, slope, OptimizerState.Initial);
        Assert.Equal("b = 0.4, w = 0.2", step.Parameters.ToString());

        var points = Enumerable.Range(0, 50).Select(i => -1 + i / 25.0).Select(v => Bindings.Of(("x", v), ("y", 2 * v + 1))).ToArray();
        var line = Train.Model(Y).StartingFrom(("w", 0.0), ("b", 0.0)).On(points, target: "y").Minimizing(Loss.MeanSquaredError)
            .With(Optimizer.Adam(learningRate: 0.1)).InBatchesOf(10).For(epochs: 100).Run();
        Assert.Equal(2.0, line.Parameters["w"].ToScalar(), 2);
        Assert.Equal(1.0, line.Parameters["b"].ToScalar(), 2);
        Assert.True(line.FinalLoss < 1e-4, $"{line.FinalLoss}");
        // The initial loss is the mean of (2x + 1)² over the points, at w = b = 0.
        Assert.Equal(points.Average(p => p["y"] * p["y"]), line.InitialLoss, 12);
        Assert.Equal(2.25, line.InitialLoss, 2);
    }

    [Fact]
    public void Section3_the_line_as_a_tensor_model()
    {
        var xs = new double[50, 1];
        var ys = new double[50];
        for (var i = 0; i < 50; i++) (xs[i, 0], ys[i]) = (-1 + i / 25.0, 2 * (-1 + i / 25.0) + 1);
        var linear = Model.Linear(inputs: 1);
        Assert.Equal([("W1", Shape.Matrix(1, 1)), ("b1", Shape.Vector(1))], linear.Parameters.ToArray());
        var fitted = linear.Train(xs, ys).With(Optimizer.Adam(learningRate: 0.1)).InBatchesOf(10).For(epochs: 100).Run();
        Assert.Equal(2.0, fitted.Parameters["W1"][0, 0], 2);
        Assert.Equal(1.0, fitted.Parameters["b1"][0], 2);
    }

    [Fact]
    public void Section4_and_5_a_network_on_two_moons_and_one_step_by_hand()
    {
        var (features, labels) = Datasets.TwoMoons(200, noise: 0.1, seed: 3);
        var network = Model.Sequential(Layer.Dense(2, 16, Activation.Tanh), Layer.Dense(16, 2));
        var initial = network.Initialize(seed: 1);
        var reports = new List<int>();
        var fit = network.Train(features, labels).StartingFrom(initial).Minimizing(Loss.SoftmaxCrossEntropy)
            .With(Optimizer.Adam(learningRate: 0.05)).InBatchesOf(32).ShuffledWithSeed(1).For(epochs: 150).StopEarly(patience: 10)
            .Run(new Progress(reports));
        Assert.Equal(Enumerable.Range(1, fit.Epochs), reports);

        var all = Tensor.Matrix(features);
        Assert.True(fit.Accuracy(all, labels) > 0.95, $"{fit.Accuracy(all, labels)}");
        Assert.Equal([0, 1], fit.Classify(Tensor.Matrix(new[,] { { 0.0, 1.0 }, { 1.0, -0.5 } })).ToArray());
        Assert.Equal(Shape.Matrix(200, 2), fit.Predict(all).Shape);
        Assert.True(initial == network.Initialize(seed: 1));

        var batchLoss = Loss.SoftmaxCrossEntropy.ForBatch(network.Graph(rows: 200), Expr.Input("labels", Shape.Vector(200)));
        var batch = fit.Parameters.With(Model.FeaturesName, all).With("labels", Tensor.Vector(labels.Select(l => (double)l).ToArray()));
        var g = Reverse.Grad(batchLoss, batch, ["W1", "b1", "W2", "b2"]);
        Assert.Equal(Shape.Matrix(2, 16), g["W1"].Shape);
        // The graph's loss at the trained parameters is the loss training reported last.
        Assert.Equal(fit.FinalLoss, Graph.Evaluate(batchLoss, batch).ToScalar(), 12);
        var next = Optimizer.Adam(0.01).Step(fit.Parameters, g, OptimizerState.Initial);
        Assert.NotEqual(fit.Parameters, next.Parameters);
    }

    [Fact]
    public void Section7_a_convolutional_network_on_images()
    {
        var (images, imageLabels) = BarsAndSquares(600, seed: 1);
        var (heldOut, heldOutLabels) = BarsAndSquares(200, seed: 2);
        var convolution = Layer.Conv2D(Shape.Of(1, 12, 12), filters: 8, kernel: 3, activation: Activation.Relu);
        Assert.Equal(Shape.Of(8, 10, 10), convolution.OutputShape);
        var pooling = Layer.MaxPool2D(convolution.OutputShape, size: 2);
        Assert.Equal(Shape.Of(8, 5, 5), pooling.OutputShape);
        var flatten = Layer.Flatten(pooling.OutputShape);
        Assert.Equal(200, flatten.Outputs);
        var cnn = Model.Sequential(convolution, pooling, flatten, Layer.Dense(flatten.Outputs, 3));
        Assert.Equal(["K1", "b1", "W4", "b4"], cnn.Parameters.Select(p => p.Name));
        Assert.Equal(Shape.Of(8, 1, 3, 3), cnn.Parameters[0].Shape);
        var cnnFit = cnn.Train(images, imageLabels).ValidatingOn(heldOut, heldOutLabels).Minimizing(Loss.SoftmaxCrossEntropy)
            .With(Optimizer.Adam(learningRate: 0.01)).InBatchesOf(32).ShuffledWithSeed(3).For(epochs: 8).Run();
        var accuracy = cnnFit.Accuracy(heldOut, heldOutLabels);
        Assert.True(accuracy >= 0.95, $"{accuracy}");
    }

    // The generator of docs/tutorial.md, section 7, as the tutorial states it.
    private static (Tensor Pixels, int[] Labels) BarsAndSquares(int count, int seed)
    {
        const int size = 12;
        var random = new Random(seed);
        var pixels = new double[count, size * size];
        var classes = new int[count];
        for (var n = 0; n < count; n++)
        {
            var label = classes[n] = random.Next(3);
            for (var p = 0; p < size * size; p++) pixels[n, p] = 0.2 * (random.NextDouble() - 0.5);
            var length = random.Next(4, 8);
            int row = random.Next(size - length + 1), column = random.Next(size - length + 1), side = Math.Min(length, 5) - 1;
            for (var t = 0; t < length; t++)
            {
                if (label == 0) pixels[n, row * size + column + t] += 1;
                else if (label == 1) pixels[n, (row + t) * size + column] += 1;
                else if (t <= side)
                {
                    pixels[n, row * size + column + t] += 1;
                    pixels[n, (row + side) * size + column + t] += 1;
                    if (t > 0 && t < side)
                    {
                        pixels[n, (row + t) * size + column] += 1;
                        pixels[n, (row + t) * size + column + side] += 1;
                    }
                }
            }
        }
        return (Tensor.Matrix(pixels), classes);
    }

    private sealed class Progress(List<int> epochs) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => epochs.Add(value.Epoch);
    }
}
