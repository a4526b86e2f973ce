namespace FunctionalAD.Properties.Facade;

/// <summary>
/// Training neural networks through the façade: classifiers on two moons and on exclusive-or reach more than
/// 95 % training accuracy, linear regression recovers the coefficients that made its data, runs are repeatable
/// and leave what they are given alone, and bad data is refused with a message that names the shapes.
/// </summary>
public class NetworkTrainingTests
{
    private static readonly (double[,] Features, int[] Labels) Moons = Datasets.TwoMoons(200, noise: 0.1, seed: 3);
    private static readonly (double[,] Features, int[] Labels) Xor = Datasets.Xor(200, spread: 0.35, seed: 5);

    private static Training MoonsTraining() =>
        Model.Sequential(Layer.Dense(2, 16, Activation.Tanh), Layer.Dense(16, 2))
            .Train(Moons.Features, Moons.Labels)
            .Minimizing(Loss.SoftmaxCrossEntropy)
            .With(Optimizer.Adam(learningRate: 0.05))
            .InBatchesOf(32)
            .ShuffledWithSeed(1)
            .For(epochs: 150);

    [Fact]
    public void A_two_layer_perceptron_separates_two_moons()
    {
        var fit = MoonsTraining().Run();
        var accuracy = fit.Accuracy(Tensor.Matrix(Moons.Features), Moons.Labels);
        Assert.True(accuracy > 0.95, $"accuracy {accuracy}, loss {fit.InitialLoss} -> {fit.FinalLoss}");
        Assert.True(fit.FinalLoss < fit.InitialLoss / 4, $"loss {fit.InitialLoss} -> {fit.FinalLoss}");
        // A linear classifier cannot do as well on moons: the hidden layer is what bends the boundary.
        var linear = Model.Linear(2, 2).Train(Moons.Features, Moons.Labels).Minimizing(Loss.SoftmaxCrossEntropy)
            .With(Optimizer.Adam(learningRate: 0.05)).For(epochs: 150).Run();
        Assert.True(linear.Accuracy(Tensor.Matrix(Moons.Features), Moons.Labels) < accuracy);
    }

    [Fact]
    public void A_perceptron_with_one_logit_learns_exclusive_or()
    {
        var model = Model.Sequential(Layer.Dense(2, 8, Activation.Relu), Layer.Dense(8, 1));
        var fit = model.Train(Xor.Features, Xor.Labels)
            .Minimizing(Loss.BinaryCrossEntropyWithLogits)
            .With(Optimizer.Adam(learningRate: 0.05))
            .InBatchesOf(20)
            .For(epochs: 100)
            .Run();
        var features = Tensor.Matrix(Xor.Features);
        Assert.True(fit.Accuracy(features, Xor.Labels) > 0.95, $"accuracy {fit.Accuracy(features, Xor.Labels)}");
        // Classify reads the single output as a logit: positive means class 1, exactly where σ(output) > ½.
        var outputs = fit.Predict(features);
        Assert.Equal(Enumerable.Range(0, 200).Select(r => 1 / (1 + Math.Exp(-outputs[r, 0])) > 0.5 ? 1 : 0), fit.Classify(features));
    }

    [Fact]
    public void Linear_regression_recovers_the_coefficients()
    {
        // y = 3·x₀ − 2·x₁ + 0.5 exactly: the least-squares optimum is the generating coefficients.
        var random = new Random(17);
        var features = new double[100, 2];
        var targets = new double[100];
        for (var i = 0; i < 100; i++)
        {
            (features[i, 0], features[i, 1]) = (4 * random.NextDouble() - 2, 4 * random.NextDouble() - 2);
            targets[i] = 3 * features[i, 0] - 2 * features[i, 1] + 0.5;
        }
        var fit = Model.Linear(inputs: 2).Train(features, targets)
            .With(Optimizer.Adam(learningRate: 0.05))
            .InBatchesOf(10)
            .For(epochs: 300)
            .Run();
        Assert.Equal(3.0, fit.Parameters["W1"][0, 0], 3);
        Assert.Equal(-2.0, fit.Parameters["W1"][1, 0], 3);
        Assert.Equal(0.5, fit.Parameters["b1"][0], 3);
        Assert.True(fit.RSquared(Tensor.Matrix(features), Tensor.Vector(targets)) > 0.9999);
    }

    [Fact]
    public void Training_leaves_its_arguments_alone_and_is_repeatable()
    {
        var model = Model.Sequential(Layer.Dense(2, 16, Activation.Tanh), Layer.Dense(16, 2));
        var start = model.Initialize(seed: 9);
        var features = (double[,])Moons.Features.Clone();
        var labels = (int[])Moons.Labels.Clone();
        var training = model.Train(features, labels).StartingFrom(start).Minimizing(Loss.SoftmaxCrossEntropy).For(epochs: 3);
        var first = training.Run();
        Assert.Equal(model.Initialize(seed: 9), start);
        Assert.Equal(start, training.InitialParameters);
        Assert.Equal(Moons.Features, features);
        Assert.Equal(Moons.Labels, labels);
        Assert.NotEqual(start, first.Parameters);
        var second = training.Run();
        Assert.Equal(first.Parameters, second.Parameters);
        Assert.Equal(first.Losses.ToArray(), second.Losses.ToArray());
        // Another shuffle seed takes another path.
        Assert.NotEqual(first.Parameters, training.ShuffledWithSeed(2).Run().Parameters);
    }

    [Fact]
    public void Progress_is_reported_each_epoch_and_early_stopping_ends_the_run()
    {
        var reports = new List<TrainingProgress>();
        var fit = MoonsTraining().For(epochs: 5).Run(new Collect(reports));
        Assert.Equal([1, 2, 3, 4, 5], reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.Equal(5, r.Epochs));
        Assert.Equal(fit.Losses.ToArray(), reports.Select(r => r.Loss).ToArray());
        Assert.Equal(StopReason.Completed, fit.StopReason);
        // A loss that must fall by more than it can never counts as improving, so the run stops after the patience.
        var stopped = MoonsTraining().For(epochs: 50).StopEarly(patience: 3, minImprovement: 100).Run();
        Assert.Equal(StopReason.EarlyStopping, stopped.StopReason);
        Assert.Equal(3, stopped.Epochs);
    }

    [Fact]
    public void The_model_describes_its_parameters_and_draws_them_from_the_seed()
    {
        var model = Model.Perceptron(inputs: 3, hidden: [5], outputs: 2, Activation.Relu);
        Assert.Equal("Dense(3 → 5, relu) → Dense(5 → 2)", model.ToString());
        Assert.Equal([("W1", Shape.Matrix(3, 5)), ("b1", Shape.Vector(5)), ("W2", Shape.Matrix(5, 2)), ("b2", Shape.Vector(2))], model.Parameters.ToArray());
        var parameters = model.Initialize(seed: 4);
        Assert.Equal(parameters, model.Initialize(seed: 4));
        Assert.NotEqual(parameters, model.Initialize(seed: 5));
        // He's bound √(6/3) before the rectifier, Glorot's √(6/(5 + 2)) after it; biases start at zero.
        Assert.All(parameters["W1"].ToArray(), w => Assert.InRange(Math.Abs(w), 0, Math.Sqrt(6.0 / 3)));
        Assert.All(parameters["W2"].ToArray(), w => Assert.InRange(Math.Abs(w), 0, Math.Sqrt(6.0 / 7)));
        Assert.Contains(parameters["W1"].ToArray(), w => Math.Abs(w) > Math.Sqrt(6.0 / 7));
        Assert.All(parameters["b1"].ToArray(), b => Assert.Equal(0.0, b));
    }

    [Fact]
    public void The_model_graph_is_the_layers_written_out()
    {
        // One tanh layer and an affine one, evaluated by hand at a point: tanh(x·W1 + b1)·W2 + b2.
        var model = Model.Sequential(Layer.Dense(2, 2, Activation.Tanh), Layer.Linear(2, 1));
        var parameters = Bindings.Of(
            ("W1", Tensor.Matrix(new[,] { { 1.0, -1 }, { 0.5, 2 } })), ("b1", Tensor.Vector(0.1, -0.2)),
            ("W2", Tensor.Matrix(new[,] { { 2.0 }, { -3.0 } })), ("b2", Tensor.Vector(0.25)));
        var output = model.Predict(parameters, Tensor.Matrix(new[,] { { 1.0, 2.0 } }));
        var (h0, h1) = (Math.Tanh(1 + 0.5 * 2 + 0.1), Math.Tanh(-1 + 2 * 2 - 0.2));
        Assert.Equal(2 * h0 - 3 * h1 + 0.25, output[0, 0], 12);
    }

    [Fact]
    public void Features_that_do_not_fit_the_first_layer_are_refused_naming_the_shapes()
    {
        var model = Model.Sequential(Layer.Dense(2, 4, Activation.Tanh), Layer.Dense(4, 2));
        var error = Assert.Throws<ShapeMismatchException>(() => model.Train(new double[5, 3], new int[5]));
        Assert.Contains("5×3", error.Message);
        Assert.Contains("rows of 2 features", error.Message);
        var predict = Assert.Throws<ShapeMismatchException>(() => model.Predict(model.Initialize(), Tensor.Vector(1, 2)));
        Assert.Contains("shape 2,", predict.Message);
        var rows = Assert.Throws<ShapeMismatchException>(() => model.Train(new double[5, 2], new int[4]));
        Assert.Contains("5×2", rows.Message);
        Assert.Contains("4", rows.Message);
    }

    [Fact]
    public void Labels_outside_the_classes_are_refused_naming_the_row()
    {
        var model = Model.Sequential(Layer.Dense(2, 4, Activation.Tanh), Layer.Dense(4, 2));
        var training = model.Train(new double[3, 2], [0, 1, 2]).Minimizing(Loss.SoftmaxCrossEntropy);
        var error = Assert.Throws<ArgumentException>(() => training.Run());
        Assert.Contains("label 2 in row 2", error.Message);
        Assert.Contains("classes 0 … 1", error.Message);
        var negative = Assert.Throws<ArgumentException>(() => training.On(new double[2, 2], [-1, 0]).Run());
        Assert.Contains("label -1 in row 0", negative.Message);
        var probability = Assert.Throws<ArgumentException>(() =>
            Model.Linear(2).Train(new double[2, 2], [0, 3]).Minimizing(Loss.BinaryCrossEntropyWithLogits).Run());
        Assert.Contains("target 3 in row 1", probability.Message);
        var oneOutput = Assert.Throws<ArgumentException>(() => Model.Linear(2).Train(new double[2, 2], [0, 1]).Minimizing(Loss.SoftmaxCrossEntropy).Run());
        Assert.Contains("BinaryCrossEntropyWithLogits", oneOutput.Message);
    }

    [Fact]
    public void Empty_or_missing_data_is_refused()
    {
        var model = Model.Linear(2);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => model.Train(new double[0, 2], Array.Empty<double>())).Message);
        Assert.Contains("no targets", Assert.Throws<ArgumentException>(() => model.Train(new double[3, 2], Array.Empty<double>())).Message);
        Assert.Contains("On(features, targets)", Assert.Throws<InvalidOperationException>(() => Train.Model(model).Run()).Message);
        var targets = Assert.Throws<ShapeMismatchException>(() => model.Train(Tensor.Zeros(Shape.Matrix(3, 2)), Tensor.Zeros(Shape.Matrix(3, 2))).Run());
        Assert.Contains("3×2", targets.Message);
        Assert.Contains("1 output", targets.Message);
    }

    [Fact]
    public void Parameters_must_be_the_models()
    {
        var model = Model.Linear(2);
        var wrong = Assert.Throws<ArgumentException>(() => Train.Model(model).StartingFrom(Bindings.Of(("W1", Tensor.Zeros(Shape.Matrix(3, 1))), ("b1", Tensor.Vector(0)))));
        Assert.Contains("'W1' has shape 3×1, but the model needs 2×1", wrong.Message);
        var missing = Assert.Throws<ArgumentException>(() => model.Predict(Bindings.Of(("W1", Tensor.Zeros(Shape.Matrix(2, 1)))), Tensor.Zeros(Shape.Matrix(1, 2))));
        Assert.Contains("no 'b1'", missing.Message);
        var layers = Assert.Throws<ArgumentException>(() => Model.Sequential(Layer.Dense(2, 4), Layer.Dense(3, 1)));
        Assert.Contains("takes 3 inputs, but layer 1", layers.Message);
    }

    [Fact]
    public void The_classification_losses_need_a_model()
    {
        var (w, x) = (Expr.Input("w"), Expr.Input("x"));
        var training = Train.Model(w * x).StartingFrom(("w", 1.0)).On([Bindings.Of(("x", 1.0), ("y", 0.0))], "y").Minimizing(Loss.SoftmaxCrossEntropy);
        Assert.Contains("trains a Model", Assert.Throws<InvalidOperationException>(() => training.Run()).Message);
    }

    [Fact]
    public void Both_modes_agree_on_the_gradient_of_a_network_loss()
    {
        // Every activation in one stack; the loss graph is differentiated by reverse mode in training, so forward
        // mode, which shares no code with it beyond the primitives' rules, checks it.
        var model = Model.Sequential(Layer.Dense(2, 5, Activation.Relu), Layer.Dense(5, 4, Activation.Sigmoid), Layer.Dense(4, 3, Activation.Tanh), Layer.Dense(3, 3));
        var loss = Loss.SoftmaxCrossEntropy.ForBatch(model.Graph(rows: 6), Expr.Input("labels", Shape.Vector(6)));
        var (features, _) = Datasets.TwoMoons(6, noise: 0.1, seed: 8);
        var at = model.Initialize(seed: 2).With(Model.FeaturesName, Tensor.Matrix(features)).With("labels", Tensor.Vector(0, 1, 2, 2, 1, 0));
        var reverse = Reverse.Grad(loss, at);
        var forward = Forward.Grad(loss, at);
        foreach (var (name, _) in model.Parameters)
        {
            var (r, f) = (reverse[name].ToArray(), forward[name].ToArray());
            Assert.Equal(r.Length, f.Length);
            for (var k = 0; k < r.Length; k++) Assert.Equal(r[k], f[k], 12);
        }
        Assert.Contains(reverse["W1"].ToArray(), v => v != 0);
    }

    [Fact]
    public void Batch_losses_are_the_formulas_worked_out_by_hand()
    {
        var (p, t) = (Expr.Input("p", Shape.Matrix(2, 2)), Expr.Input("t", Shape.Matrix(2, 2)));
        var at = Bindings.Of(("p", Tensor.Matrix(new[,] { { 1.0, -2 }, { 0.5, 3 } })), ("t", Tensor.Matrix(new[,] { { 0.0, 1 }, { 1, 1 } })));
        double Value(Expr loss) => Graph.Evaluate(loss, at).ToScalar();
        Assert.Equal((1 + 9 + 0.25 + 4) / 4.0, Value(Loss.MeanSquaredError.ForBatch(p, t)), 14);
        Assert.Equal((1 + 3 + 0.5 + 2) / 4.0, Value(Loss.MeanAbsoluteError.ForBatch(p, t)), 14);
        // A loss of one's own is averaged over the elements.
        Assert.Equal((1 - 3 - 0.5 + 2) / 4.0, Value(Loss.Of("difference", (a, b) => a - b).ForBatch(p, t)), 14);
        // Binary cross-entropy from logits: softplus(p) − p·t, averaged.
        static double Softplus(double v) => Math.Log(1 + Math.Exp(v));
        Assert.Equal((Softplus(1) + Softplus(-2) + 2 + Softplus(0.5) - 0.5 + Softplus(3) - 3) / 4, Value(Loss.BinaryCrossEntropyWithLogits.ForBatch(p, t)), 12);
        // Softmax cross-entropy with labels [1, 0]: the mean of log Σ exp(row) − row[label].
        var labels = Expr.Input("labels", Shape.Vector(2));
        var withLabels = at.With("labels", Tensor.Vector(1, 0));
        var expected = (Math.Log(Math.Exp(1) + Math.Exp(-2)) + 2 + Math.Log(Math.Exp(0.5) + Math.Exp(3)) - 0.5) / 2;
        Assert.Equal(expected, Graph.Evaluate(Loss.SoftmaxCrossEntropy.ForBatch(p, labels), withLabels).ToScalar(), 12);
    }

    private sealed class Collect(List<TrainingProgress> reports) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => reports.Add(value);
    }
}
