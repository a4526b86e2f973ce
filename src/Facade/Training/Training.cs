using System.Diagnostics;

namespace FunctionalAD;

/// <summary>
/// A training run, described step by step and immutable: every method returns a new description and leaves this
/// one as it was. <see cref="Run"/> fits the parameters by mini-batch gradient descent on <see cref="Loss"/> over
/// each batch of rows, with gradients from <see cref="Reverse"/>. One description serves two kinds of model: a graph
/// (<see cref="Train.Model(Expr)"/>) fitted on rows of bindings, and a neural network
/// (<see cref="Train.Model(FunctionalAD.Model)"/> or <see cref="Model.Train(Tensor, Tensor)"/>) fitted on a features
/// matrix and its targets. Defaults: mean squared error, Adam with learning rate 0.01, batches of 32 shuffled with
/// seed 0, 100 epochs, no early stopping, and a network's parameters from <see cref="Model.Initialize"/> with seed 0.
/// </summary>
public sealed record Training
{
    internal Training(Learner learner)
    {
        Learner = learner;
        InitialParameters = learner.DefaultParameters;
    }

    /// <summary>The graph model whose parameters are fitted, or null when a network is trained.</summary>
    public Expr? Graph => (Learner as GraphLearner)?.Model;

    /// <summary>The network whose parameters are fitted, or null when a graph model is trained.</summary>
    public Model? Model => (Learner as NetworkLearner)?.Model;

    /// <summary>
    /// The parameters training starts from: empty for a graph model until <see cref="StartingFrom(Bindings)"/>,
    /// <see cref="Model.Initialize"/> with seed 0 for a network.
    /// </summary>
    public Bindings InitialParameters { get; private init; }

    /// <summary>The loss of each batch (default <see cref="Loss.MeanSquaredError"/>).</summary>
    public Loss Loss { get; private init; } = Loss.MeanSquaredError;

    /// <summary>The optimizer that turns gradients into steps (default Adam with learning rate 0.01).</summary>
    public Optimizer Optimizer { get; private init; } = Optimizer.Adam(learningRate: 0.01);

    /// <summary>Rows per batch (default 32; the last batch of an epoch may be smaller).</summary>
    public int BatchSize { get; private init; } = 32;

    /// <summary>The seed of the shuffle before each epoch (default 0), or null for no shuffling.</summary>
    public int? ShuffleSeed { get; private init; } = 0;

    /// <summary>The most epochs to make (default 100).</summary>
    public int Epochs { get; private init; } = 100;

    /// <summary>Epochs without improvement after which the run stops, or null (the default) to never stop early.</summary>
    public int? Patience { get; private init; }

    /// <summary>How much the loss must fall below its best so far to count as an improvement.</summary>
    public double MinImprovement { get; private init; }

    /// <summary>The model and its data: what differs between a graph model and a network.</summary>
    internal Learner Learner { get; private init; }

    /// <summary>A graph model's parameters and their starting values: <c>.StartingFrom(("w", 0.0), ("b", 0.0))</c>.</summary>
    /// <exception cref="ArgumentException">A name is not a parameter of the model, or none is given.</exception>
    public Training StartingFrom(params (string Name, double Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return StartingFrom(Bindings.Of([.. parameters.Select(p => (p.Name, (Tensor)p.Value))]));
    }

    /// <summary>
    /// The parameters to start from: a graph model's parameters (the inputs to fit, with scalar values), or a
    /// network's every weight and bias, such as <c>model.Initialize(seed: 7)</c> or an earlier result's.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a parameter, a value has the wrong shape, or (for a network) a parameter is missing.</exception>
    public Training StartingFrom(Bindings parameters)
    {
        Learner.Check(parameters, nameof(parameters));
        return this with { InitialParameters = parameters };
    }

    /// <summary>
    /// A graph model's data: rows that each bind every input of the model that is not a parameter, and the
    /// <paramref name="target"/> the model should predict for that row. Extra names in a row are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">There are no rows, or the target name is empty.</exception>
    /// <exception cref="InvalidOperationException">The model is a network, which trains on a features matrix.</exception>
    public Training On(IEnumerable<Bindings> rows, string target) =>
        this with { Learner = Learner.ForGraph("On(rows, target)", "On(features, targets)").On(rows, target) };

    /// <summary>
    /// A graph model's held-out rows, never trained on, in the form of <see cref="On(IEnumerable{Bindings}, string)"/>
    /// with the same target; see <see cref="ValidatingOn(Tensor, Tensor)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">There are no rows.</exception>
    /// <exception cref="InvalidOperationException">The model is a network, which trains on a features matrix.</exception>
    public Training ValidatingOn(IEnumerable<Bindings> rows) =>
        this with { Learner = Learner.ForGraph("ValidatingOn(rows)", "ValidatingOn(features, targets)").ValidatingOn(rows) };

    /// <summary>
    /// A network's data: <paramref name="features"/> with one row per example (n × <see cref="Model.Inputs"/>) and
    /// <paramref name="targets"/> with one entry per row — a vector of n (values, or class labels for
    /// <see cref="Loss.SoftmaxCrossEntropy"/>) or a matrix of n × <see cref="Model.Outputs"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The features do not have the model's inputs as columns, or the targets do not have a row for each row of features.</exception>
    /// <exception cref="InvalidOperationException">The model is a graph, which trains on rows of bindings.</exception>
    public Training On(Tensor features, Tensor targets) =>
        this with { Learner = Learner.ForNetwork("On(features, targets)", "On(rows, target)").On(features, targets) };

    /// <summary>A network's data with class labels (0 … k − 1, one per row), for <see cref="Loss.SoftmaxCrossEntropy"/> or, with labels 0 and 1, <see cref="Loss.BinaryCrossEntropyWithLogits"/>.</summary>
    /// <exception cref="ShapeMismatchException">The features do not fit the model, or there is not one label per row.</exception>
    /// <exception cref="InvalidOperationException">The model is a graph, which trains on rows of bindings.</exception>
    public Training On(Tensor features, IReadOnlyList<int> labels) =>
        this with { Learner = Learner.ForNetwork("On(features, labels)", "On(rows, target)").On(features, NetworkLearner.Labels(features, labels)) };

    /// <summary>A network's data as arrays: <paramref name="features"/>[row, column] and one target per row.</summary>
    /// <exception cref="ArgumentException">There are no rows, or the sizes do not fit the model.</exception>
    /// <exception cref="InvalidOperationException">The model is a graph, which trains on rows of bindings.</exception>
    public Training On(double[,] features, double[] targets) =>
        this with { Learner = Learner.ForNetwork("On(features, targets)", "On(rows, target)").On(NetworkLearner.Matrix(features), NetworkLearner.Values(features, targets)) };

    /// <summary>A network's data as arrays: <paramref name="features"/>[row, column] and one class label per row.</summary>
    /// <exception cref="ArgumentException">There are no rows, or the sizes do not fit the model.</exception>
    /// <exception cref="InvalidOperationException">The model is a graph, which trains on rows of bindings.</exception>
    public Training On(double[,] features, int[] labels) =>
        this with { Learner = Learner.ForNetwork("On(features, labels)", "On(rows, target)").On(NetworkLearner.Matrix(features), NetworkLearner.Labels(features, labels)) };

    /// <summary>
    /// A network's held-out data, never trained on: its loss is measured before training and after each epoch,
    /// reported in <see cref="TrainingProgress.ValidationLoss"/> and kept in <see cref="TrainingResult.ValidationLosses"/>
    /// (Keras's <c>validation_data</c>). The forms are those of <see cref="On(Tensor, Tensor)"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The features do not have the model's inputs as columns, or the targets do not have a row for each row of features.</exception>
    /// <exception cref="InvalidOperationException">The model is a graph, which trains on rows of bindings.</exception>
    public Training ValidatingOn(Tensor features, Tensor targets) =>
        this with { Learner = Learner.ForNetwork("ValidatingOn(features, targets)", "ValidatingOn(rows)").ValidatingOn(features, targets) };

    /// <summary>A network's held-out data with class labels (0 … k − 1, one per row); see <see cref="ValidatingOn(Tensor, Tensor)"/>.</summary>
    /// <exception cref="ShapeMismatchException">The features do not fit the model, or there is not one label per row.</exception>
    /// <exception cref="InvalidOperationException">The model is a graph, which trains on rows of bindings.</exception>
    public Training ValidatingOn(Tensor features, IReadOnlyList<int> labels) =>
        this with { Learner = Learner.ForNetwork("ValidatingOn(features, labels)", "ValidatingOn(rows)").ValidatingOn(features, NetworkLearner.Labels(features, labels)) };

    /// <summary>A network's held-out data as arrays: <paramref name="features"/>[row, column] and one target per row; see <see cref="ValidatingOn(Tensor, Tensor)"/>.</summary>
    /// <exception cref="ArgumentException">There are no rows, or the sizes do not fit the model.</exception>
    /// <exception cref="InvalidOperationException">The model is a graph, which trains on rows of bindings.</exception>
    public Training ValidatingOn(double[,] features, double[] targets) =>
        this with { Learner = Learner.ForNetwork("ValidatingOn(features, targets)", "ValidatingOn(rows)").ValidatingOn(NetworkLearner.Matrix(features), NetworkLearner.Values(features, targets)) };

    /// <summary>A network's held-out data as arrays: <paramref name="features"/>[row, column] and one class label per row; see <see cref="ValidatingOn(Tensor, Tensor)"/>.</summary>
    /// <exception cref="ArgumentException">There are no rows, or the sizes do not fit the model.</exception>
    /// <exception cref="InvalidOperationException">The model is a graph, which trains on rows of bindings.</exception>
    public Training ValidatingOn(double[,] features, int[] labels) =>
        this with { Learner = Learner.ForNetwork("ValidatingOn(features, labels)", "ValidatingOn(rows)").ValidatingOn(NetworkLearner.Matrix(features), NetworkLearner.Labels(features, labels)) };

    /// <summary>The loss to minimise (default <see cref="Loss.MeanSquaredError"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="loss"/> is null.</exception>
    public Training Minimizing(Loss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return this with { Loss = loss };
    }

    /// <summary>The optimizer (default Adam with learning rate 0.01).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="optimizer"/> is null.</exception>
    public Training With(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return this with { Optimizer = optimizer };
    }

    /// <summary>Rows per mini-batch (default 32); use the number of rows for full-batch descent.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is not positive.</exception>
    public Training InBatchesOf(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        return this with { BatchSize = size };
    }

    /// <summary>Shuffles the rows before each epoch with a generator seeded by <paramref name="seed"/>: the same seed gives the same run.</summary>
    public Training ShuffledWithSeed(int seed) => this with { ShuffleSeed = seed };

    /// <summary>Keeps the rows in their given order in every epoch.</summary>
    public Training WithoutShuffling() => this with { ShuffleSeed = null };

    /// <summary>The most epochs to make (default 100).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not positive.</exception>
    public Training For(int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        return this with { Epochs = epochs };
    }

    /// <summary>
    /// Stops when the epoch loss has not fallen more than <paramref name="minImprovement"/> below its best for
    /// <paramref name="patience"/> epochs in a row. The result then holds the last parameters, not the best.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The patience is not positive or the improvement is negative.</exception>
    public Training StopEarly(int patience, double minImprovement = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patience);
        if (!(minImprovement >= 0) || double.IsInfinity(minImprovement))
            throw new ArgumentOutOfRangeException(nameof(minImprovement), minImprovement, "The minimum improvement must be zero or a positive finite number.");
        return this with { Patience = patience, MinImprovement = minImprovement };
    }

    /// <summary>
    /// Runs the training and returns the new parameters and the loss history; the parameters and data given are
    /// not changed. Reports each epoch (its number, the loss over all rows, the loss over the held-out rows if any,
    /// the time so far) through <paramref name="progress"/> when given.
    /// </summary>
    /// <exception cref="InvalidOperationException">No data, or for a graph model no parameters, were given.</exception>
    /// <exception cref="ArgumentException">
    /// The data does not suit the model or the loss: a row lacks a data input or the target, the target is an input
    /// of the model, a label is outside the network's classes, a probability is outside [0, 1], or a shape does not
    /// fit the outputs.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public TrainingResult Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var problem = Learner.Prepare(this);
        var run = TrainingLoop.Run(this, problem, clock, progress, cancellation);
        return new TrainingResult(run.Parameters, run.InitialLoss, run.Losses, run.Reason, clock.Elapsed)
        {
            Model = Model,
            InitialValidationLoss = run.InitialValidationLoss,
            ValidationLosses = run.ValidationLosses,
        };
    }
}
