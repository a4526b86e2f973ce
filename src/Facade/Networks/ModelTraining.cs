using System.Diagnostics;

namespace FunctionalAD;

/// <summary>
/// A training run of a <see cref="FunctionalAD.Model"/>, described step by step and immutable: every method returns a
/// new description and leaves this one as it was. <see cref="Run"/> fits the parameters by mini-batch gradient
/// descent on <see cref="Loss"/> over each batch of rows, with gradients from <see cref="Reverse"/>. Start with
/// <see cref="Model.Train(Tensor, Tensor)"/> or <see cref="Train.Model(FunctionalAD.Model)"/>. Defaults: parameters from
/// <see cref="Model.Initialize"/> with seed 0, mean squared error, Adam with learning rate 0.01, batches of 32
/// shuffled with seed 0, 100 epochs, no early stopping.
/// </summary>
public sealed record ModelTraining
{
    private const string TargetsName = "targets";

    internal ModelTraining(Model model)
    {
        Model = model;
        InitialParameters = model.Initialize(0);
    }

    /// <summary>The model whose parameters are fitted.</summary>
    public Model Model { get; }

    /// <summary>The parameters training starts from (by default <see cref="Model.Initialize"/> with seed 0).</summary>
    public Bindings InitialParameters { get; private init; }

    /// <summary>The features, n × <see cref="Model.Inputs"/>; null until <c>On(...)</c>.</summary>
    public Tensor? Features { get; private init; }

    /// <summary>The targets: a vector of n values or labels, or n × <see cref="Model.Outputs"/>; null until <c>On(...)</c>.</summary>
    public Tensor? Targets { get; private init; }

    /// <summary>Held-out features whose loss is measured after each epoch but never trained on; null when none are held out.</summary>
    public Tensor? ValidationFeatures { get; private init; }

    /// <summary>The targets of <see cref="ValidationFeatures"/>, in the same forms as <see cref="Targets"/>; null when none are held out.</summary>
    public Tensor? ValidationTargets { get; private init; }

    /// <summary>The loss of each batch.</summary>
    public Loss Loss => Schedule.Loss;

    /// <summary>The optimizer that turns gradients into steps.</summary>
    public Optimizer Optimizer => Schedule.Optimizer;

    /// <summary>Rows per batch (the last batch of an epoch may be smaller).</summary>
    public int BatchSize => Schedule.BatchSize;

    /// <summary>The seed of the shuffle before each epoch, or null for no shuffling.</summary>
    public int? ShuffleSeed => Schedule.ShuffleSeed;

    /// <summary>The most epochs to make.</summary>
    public int Epochs => Schedule.Epochs;

    /// <summary>Epochs without improvement after which the run stops, or null to never stop early.</summary>
    public int? Patience => Schedule.Patience;

    /// <summary>How much the loss must fall below its best so far to count as an improvement.</summary>
    public double MinImprovement => Schedule.MinImprovement;

    private TrainingSchedule Schedule { get; init; } = new();

    /// <summary>The parameters to start from, such as <c>model.Initialize(seed: 7)</c> or an earlier result's.</summary>
    /// <exception cref="ArgumentException">A parameter of the model is missing or has the wrong shape, or a name is not a parameter.</exception>
    public ModelTraining StartingFrom(Bindings parameters)
    {
        Model.CheckParameters(parameters, nameof(parameters));
        var known = Model.Parameters.Select(p => p.Name).ToHashSet();
        foreach (var name in parameters.Names)
        {
            if (!known.Contains(name))
                throw new ArgumentException($"'{name}' is not a parameter of the model {Model}; its parameters are: {string.Join(", ", known)}.", nameof(parameters));
        }
        return this with { InitialParameters = parameters };
    }

    /// <summary>
    /// The data: <paramref name="features"/> with one row per example (n × <see cref="Model.Inputs"/>) and
    /// <paramref name="targets"/> with one entry per row — a vector of n (values, or class labels for
    /// <see cref="Loss.SoftmaxCrossEntropy"/>) or a matrix of n × <see cref="Model.Outputs"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The features do not have the model's inputs as columns, or the targets do not have a row for each row of features.</exception>
    public ModelTraining On(Tensor features, Tensor targets)
    {
        Model.CheckFeatures(features, nameof(features));
        var rows = features.Shape[0];
        if (targets.Shape.Rank == 0 || targets.Shape[0] != rows)
            throw new ShapeMismatchException("Train",
                $"Train: the features have shape {features.Shape} ({rows} rows), but the targets have shape {targets.Shape}; give one target per row.");
        return this with { Features = features, Targets = targets };
    }

    /// <summary>The data with class labels (0 … k − 1, one per row), for <see cref="Loss.SoftmaxCrossEntropy"/> or, with labels 0 and 1, <see cref="Loss.BinaryCrossEntropyWithLogits"/>.</summary>
    /// <exception cref="ShapeMismatchException">The features do not fit the model, or there is not one label per row.</exception>
    public ModelTraining On(Tensor features, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0) throw new ArgumentException($"There are no labels for the features of shape {features.Shape}.", nameof(labels));
        return On(features, Tensor.Vector([.. labels.Select(l => (double)l)]));
    }

    /// <summary>The data as arrays: <paramref name="features"/>[row, column] and one target per row.</summary>
    /// <exception cref="ArgumentException">There are no rows, or the sizes do not fit the model.</exception>
    public ModelTraining On(double[,] features, double[] targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return On(Matrix(features), targets.Length == 0 ? throw NoTargets(features, nameof(targets)) : Tensor.Vector(targets));
    }

    /// <summary>The data as arrays: <paramref name="features"/>[row, column] and one class label per row.</summary>
    /// <exception cref="ArgumentException">There are no rows, or the sizes do not fit the model.</exception>
    public ModelTraining On(double[,] features, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return On(Matrix(features), labels.Length == 0 ? throw NoTargets(features, nameof(labels)) : labels);
    }

    /// <summary>
    /// Held-out data, never trained on: its loss is measured before training and after each epoch, reported in
    /// <see cref="TrainingProgress.ValidationLoss"/> and kept in <see cref="ModelTrainingResult.ValidationLosses"/>
    /// (Keras's <c>validation_data</c>). The forms are those of <see cref="On(Tensor, Tensor)"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The features do not have the model's inputs as columns, or the targets do not have a row for each row of features.</exception>
    public ModelTraining ValidatingOn(Tensor features, Tensor targets)
    {
        var checkedData = On(features, targets);
        return this with { ValidationFeatures = checkedData.Features, ValidationTargets = checkedData.Targets };
    }

    /// <summary>Held-out data with class labels (0 … k − 1, one per row); see <see cref="ValidatingOn(Tensor, Tensor)"/>.</summary>
    /// <exception cref="ShapeMismatchException">The features do not fit the model, or there is not one label per row.</exception>
    public ModelTraining ValidatingOn(Tensor features, IReadOnlyList<int> labels)
    {
        var checkedData = On(features, labels);
        return this with { ValidationFeatures = checkedData.Features, ValidationTargets = checkedData.Targets };
    }

    /// <summary>Held-out data as arrays: <paramref name="features"/>[row, column] and one target per row; see <see cref="ValidatingOn(Tensor, Tensor)"/>.</summary>
    /// <exception cref="ArgumentException">There are no rows, or the sizes do not fit the model.</exception>
    public ModelTraining ValidatingOn(double[,] features, double[] targets)
    {
        var checkedData = On(features, targets);
        return this with { ValidationFeatures = checkedData.Features, ValidationTargets = checkedData.Targets };
    }

    /// <summary>Held-out data as arrays: <paramref name="features"/>[row, column] and one class label per row; see <see cref="ValidatingOn(Tensor, Tensor)"/>.</summary>
    /// <exception cref="ArgumentException">There are no rows, or the sizes do not fit the model.</exception>
    public ModelTraining ValidatingOn(double[,] features, int[] labels)
    {
        var checkedData = On(features, labels);
        return this with { ValidationFeatures = checkedData.Features, ValidationTargets = checkedData.Targets };
    }

    /// <summary>The loss to minimise (default <see cref="Loss.MeanSquaredError"/>).</summary>
    public ModelTraining Minimizing(Loss loss) =>
        this with { Schedule = Schedule.Minimizing(loss) };

    /// <summary>The optimizer (default Adam with learning rate 0.01).</summary>
    public ModelTraining With(Optimizer optimizer) =>
        this with { Schedule = Schedule.With(optimizer) };

    /// <summary>Rows per mini-batch (default 32); use the number of rows for full-batch descent.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is not positive.</exception>
    public ModelTraining InBatchesOf(int size) =>
        this with { Schedule = Schedule.InBatchesOf(size) };

    /// <summary>Shuffles the rows before each epoch with a generator seeded by <paramref name="seed"/>: the same seed gives the same run.</summary>
    public ModelTraining ShuffledWithSeed(int seed) => this with { Schedule = Schedule.ShuffledWithSeed(seed) };

    /// <summary>Keeps the rows in their given order in every epoch.</summary>
    public ModelTraining WithoutShuffling() => this with { Schedule = Schedule.ShuffledWithSeed(null) };

    /// <summary>The most epochs to make (default 100).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not positive.</exception>
    public ModelTraining For(int epochs) =>
        this with { Schedule = Schedule.For(epochs) };

    /// <summary>
    /// Stops when the epoch loss has not fallen more than <paramref name="minImprovement"/> below its best for
    /// <paramref name="patience"/> epochs in a row. The result then holds the last parameters, not the best.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The patience is not positive or the improvement is negative.</exception>
    public ModelTraining StopEarly(int patience, double minImprovement = 0) =>
        this with { Schedule = Schedule.StopEarly(patience, minImprovement) };

    /// <summary>
    /// Runs the training and returns the new parameters and the loss history; the parameters and data given are
    /// not changed. Reports each epoch (its number, the loss over all rows, the loss over the held-out rows if any,
    /// the time so far) through <paramref name="progress"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No data was given.</exception>
    /// <exception cref="ArgumentException">The targets do not suit the loss: a label outside the model's classes, a probability outside [0, 1], or a shape that does not fit the outputs.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public ModelTrainingResult Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        if (Features is not { } features || Targets is not { } targets)
            throw new InvalidOperationException("Give the training data with On(features, targets) before Run().");
        var rows = features.Shape[0];
        var (t, width) = PrepareTargets(targets);
        var names = Model.Parameters.Select(p => p.Name).ToArray();
        var graphs = new Dictionary<int, Expr>();
        Expr LossOf(int size)
        {
            if (graphs.TryGetValue(size, out var graph)) return graph;
            var shape = Loss.Targets == LossTargets.Labels ? Shape.Vector(size) : Shape.Matrix(size, Model.Outputs);
            return graphs[size] = Loss.ForBatch(Model.Graph(size), Expr.Input(TargetsName, shape));
        }
        Bindings Bind(Bindings parameters, IReadOnlyList<int> chosen) => Bindings.Of([
            .. parameters.Select(p => (p.Key, p.Value)),
            (Model.FeaturesName, Model.Rows(features, chosen)),
            (TargetsName, Slice(t, width, chosen, Loss.Targets == LossTargets.Labels ? Shape.Vector(chosen.Count) : Shape.Matrix(chosen.Count, width))),
        ]);
        Func<Bindings, double>? validationLoss = null;
        if (ValidationFeatures is { } heldOutFeatures && ValidationTargets is { } heldOutTargets)
        {
            // Measured on the held-out rows whole, with the targets shaped as the loss takes them.
            var heldOutRows = heldOutFeatures.Shape[0];
            var (heldOutValues, heldOutWidth) = PrepareTargets(heldOutTargets);
            var everyHeldOut = Enumerable.Range(0, heldOutRows).ToArray();
            var heldOutData = new[]
            {
                (Model.FeaturesName, heldOutFeatures),
                (TargetsName, Slice(heldOutValues, heldOutWidth, everyHeldOut,
                    Loss.Targets == LossTargets.Labels ? Shape.Vector(heldOutRows) : Shape.Matrix(heldOutRows, heldOutWidth))),
            };
            validationLoss = parameters => Graph.Evaluate(
                LossOf(heldOutRows), Bindings.Of([.. parameters.Select(p => (p.Key, p.Value)), .. heldOutData])).ToScalar();
        }

        // The loss over all rows is measured in chunks, so that what it holds at once does not grow with the rows:
        // each chunk's mean loss weighs by its share of the rows (the loss is a mean over rows, or over their elements).
        var chunk = Math.Max(BatchSize, Model.EvaluationRows);
        double WholeLoss(Bindings parameters)
        {
            var loss = 0.0;
            for (var start = 0; start < rows; start += chunk)
            {
                var chosen = new ArraySegment<int>(Enumerable.Range(start, Math.Min(chunk, rows - start)).ToArray());
                var part = Graph.Evaluate(LossOf(chosen.Count), Bind(parameters, chosen)).ToScalar();
                loss = chosen.Count == rows ? part : loss + part * chosen.Count / rows;
            }
            return loss;
        }
        var run = TrainingLoop.Run(
            InitialParameters, TensorOptimizerState.Initial, rows,
            wholeLoss: WholeLoss,
            step: (parameters, state, batch) =>
            {
                var gradient = Reverse.Grad(LossOf(batch.Count), Bind(parameters, batch), names);
                var step = Optimizer.Step(parameters, gradient, state);
                return (step.Parameters, step.State);
            },
            Schedule, clock, progress, cancellation, validationLoss);
        return new ModelTrainingResult(Model, run.Parameters, run.InitialLoss, run.Losses, run.Reason, clock.Elapsed)
        {
            InitialValidationLoss = run.InitialValidationLoss,
            ValidationLosses = run.ValidationLosses,
        };
    }

    /// <summary>The targets row-major, with the number of values per row, checked against the loss and the model.</summary>
    private (double[] Values, int Width) PrepareTargets(Tensor targets)
    {
        var values = targets.ToArray();
        var rows = targets.Shape[0];
        var width = targets.Shape.Rank == 2 ? targets.Shape[1] : 1;
        var k = Model.Outputs;
        if (Loss.Targets == LossTargets.Labels)
        {
            if (width != 1)
                throw new ArgumentException($"The loss '{Loss}' takes one class label per row (a vector of {rows}), but the targets have shape {targets.Shape}.", "targets");
            if (k < 2)
                throw new ArgumentException($"The loss '{Loss}' needs a model with one output per class (at least 2), but {Model} has {k}; for two classes with one output use Loss.BinaryCrossEntropyWithLogits.", "targets");
            for (var r = 0; r < rows; r++)
            {
                if (values[r] != Math.Floor(values[r]) || values[r] < 0 || values[r] >= k)
                    throw new ArgumentException($"The label {values[r]} in row {r} is not a class of the model: its {k} outputs are classes 0 … {k - 1}.", "targets");
            }
            return (values, 1);
        }
        if (width != k)
            throw new ShapeMismatchException("Train",
                $"Train: the targets have shape {targets.Shape}, but the model gives {k} output{(k == 1 ? "" : "s")} per row; give targets of {rows}×{k}{(k == 1 ? $" or a vector of {rows}" : "")}.");
        if (Loss.Targets == LossTargets.Probabilities)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (!(values[i] is >= 0 and <= 1))
                    throw new ArgumentException($"The target {values[i]} in row {i / k} is not in [0, 1], as the loss '{Loss}' needs.", "targets");
            }
        }
        return (values, k);
    }

    /// <summary>The chosen rows of a row-major array of <paramref name="width"/> columns, as a tensor of <paramref name="shape"/>.</summary>
    private static Tensor Slice(double[] values, int width, IReadOnlyList<int> chosen, Shape shape) =>
        Tensor.Create(shape, shape.Rank == 2
            ? (row, column) => values[chosen[row] * width + column]
            : (_, index) => values[chosen[index]]);

    private static Tensor Matrix(double[,] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.GetLength(0) == 0 || features.GetLength(1) == 0)
            throw new ArgumentException(
                $"The training data is empty: the features are {features.GetLength(0)}×{features.GetLength(1)}; give at least one row of features.", nameof(features));
        return Tensor.Matrix(features);
    }

    private static ArgumentException NoTargets(double[,] features, string argument) =>
        new($"There are no targets for the {features.GetLength(0)}×{features.GetLength(1)} features; give one per row.", argument);
}
