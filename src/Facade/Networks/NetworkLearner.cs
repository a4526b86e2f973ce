namespace FunctionalAD;

/// <summary>
/// A neural network fitted on a features matrix and its targets: a batch is a slice of rows, its loss one graph
/// (<see cref="Loss.ForBatch"/> over <see cref="FunctionalAD.Model.Graph(int)"/>), built once per batch size.
/// </summary>
internal sealed record NetworkLearner(Model Model) : Learner
{
    private const string TargetsName = "targets";

    private Tensor? Features { get; init; }

    private Tensor? Targets { get; init; }

    private Tensor? HeldOutFeatures { get; init; }

    private Tensor? HeldOutTargets { get; init; }

    public override Bindings DefaultParameters => Model.Initialize(0);

    public override void Check(Bindings parameters, string argument)
    {
        Model.CheckParameters(parameters, argument);
        var known = Model.Parameters.Select(p => p.Name).ToHashSet();
        foreach (var name in parameters.Names)
        {
            if (!known.Contains(name))
                throw new ArgumentException($"'{name}' is not a parameter of the model {Model}; its parameters are: {string.Join(", ", known)}.", argument);
        }
    }

    public NetworkLearner On(Tensor features, Tensor targets)
    {
        var (checkedFeatures, checkedTargets) = Checked(features, targets);
        return this with { Features = checkedFeatures, Targets = checkedTargets };
    }

    public NetworkLearner ValidatingOn(Tensor features, Tensor targets)
    {
        var (checkedFeatures, checkedTargets) = Checked(features, targets);
        return this with { HeldOutFeatures = checkedFeatures, HeldOutTargets = checkedTargets };
    }

    /// <summary>Class labels as the vector of targets they are.</summary>
    public static Tensor Labels(Tensor features, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0) throw new ArgumentException($"There are no labels for the features of shape {features.Shape}.", nameof(labels));
        return Tensor.Vector([.. labels.Select(l => (double)l)]);
    }

    /// <summary>Class labels given with array features, as the vector of targets they are.</summary>
    public static Tensor Labels(double[,] features, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels.Length == 0 ? throw NoTargets(features, nameof(labels)) : Tensor.Vector([.. labels.Select(l => (double)l)]);
    }

    /// <summary>Targets given with array features, as a vector.</summary>
    public static Tensor Values(double[,] features, double[] targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return targets.Length == 0 ? throw NoTargets(features, nameof(targets)) : Tensor.Vector(targets);
    }

    /// <summary>Array features as a matrix, refusing an empty one.</summary>
    public static Tensor Matrix(double[,] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.GetLength(0) == 0 || features.GetLength(1) == 0)
            throw new ArgumentException(
                $"The training data is empty: the features are {features.GetLength(0)}×{features.GetLength(1)}; give at least one row of features.", nameof(features));
        return Tensor.Matrix(features);
    }

    public override TrainingProblem Prepare(Training training)
    {
        if (Features is not { } features || Targets is not { } targets)
            throw new InvalidOperationException("Give the training data with On(features, targets) before Run().");
        var loss = training.Loss;
        var rows = features.Shape[0];
        var (t, width) = PrepareTargets(targets, loss);
        var names = Model.Parameters.Select(p => p.Name).ToArray();
        var graphs = new Dictionary<(int, bool), Expr>();
        Shape TargetShape(int count, int columns) => loss.Targets == LossTargets.Labels ? Shape.Vector(count) : Shape.Matrix(count, columns);
        // The steps train the model as in training (dropout on); the losses reported measure it as it predicts.
        Expr LossOf(int size, bool training = false)
        {
            if (graphs.TryGetValue((size, training), out var graph)) return graph;
            var predictions = training ? Model.TrainingGraph(size) : Model.Graph(size);
            return graphs[(size, training)] = loss.ForBatch(predictions, Expr.Input(TargetsName, TargetShape(size, Model.Outputs)));
        }
        Bindings Bind(Bindings parameters, IReadOnlyList<int> chosen) => Bindings.Of([
            .. parameters.Select(p => (p.Key, p.Value)),
            (Model.FeaturesName, Model.Rows(features, chosen)),
            (TargetsName, Slice(t, width, chosen, TargetShape(chosen.Count, width))),
        ]);
        Func<Bindings, double>? validationLoss = null;
        if (HeldOutFeatures is { } heldOutFeatures && HeldOutTargets is { } heldOutTargets)
        {
            // Measured on the held-out rows whole, with the targets shaped as the loss takes them.
            var heldOutRows = heldOutFeatures.Shape[0];
            var (heldOutValues, heldOutWidth) = PrepareTargets(heldOutTargets, loss);
            var everyHeldOut = Enumerable.Range(0, heldOutRows).ToArray();
            var heldOutData = new[]
            {
                (Model.FeaturesName, heldOutFeatures),
                (TargetsName, Slice(heldOutValues, heldOutWidth, everyHeldOut, TargetShape(heldOutRows, heldOutWidth))),
            };
            validationLoss = parameters => FunctionalAD.Graph.Evaluate(
                LossOf(heldOutRows), Bindings.Of([.. parameters.Select(p => (p.Key, p.Value)), .. heldOutData])).ToScalar();
        }

        // The loss over all rows is measured in chunks, so that what it holds at once does not grow with the rows:
        // each chunk's mean loss weighs by its share of the rows (the loss is a mean over rows, or over their elements).
        var chunk = Math.Max(training.BatchSize, Model.EvaluationRows);
        double WholeLoss(Bindings parameters)
        {
            var whole = 0.0;
            for (var start = 0; start < rows; start += chunk)
            {
                var chosen = new ArraySegment<int>(Enumerable.Range(start, Math.Min(chunk, rows - start)).ToArray());
                var part = FunctionalAD.Graph.Evaluate(LossOf(chosen.Count), Bind(parameters, chosen)).ToScalar();
                whole = chosen.Count == rows ? part : whole + part * chosen.Count / rows;
            }
            return whole;
        }
        // A fresh dropout key at each step, drawn in step order from a generator seeded with the training's seed, so
        // that the same training draws the same masks. Whole numbers below 2⁵², where each layer's key + position is exact.
        var keys = Model.IsRandomInTraining ? new Random(training.ShuffleSeed ?? 0) : null;
        IReadOnlyDictionary<string, Tensor> Step(Bindings parameters, ArraySegment<int> batch) => keys is null
            ? Reverse.Grad(LossOf(batch.Count), Bind(parameters, batch), names)
            : Reverse.Grad(LossOf(batch.Count, training: true), Bind(parameters, batch).With(Model.DropoutKeyName, keys.NextInt64(1L << 52)), names);
        return new TrainingProblem(rows, WholeLoss, Step, validationLoss);
    }

    /// <summary>The features and targets, checked against the model and each other.</summary>
    private (Tensor Features, Tensor Targets) Checked(Tensor features, Tensor targets)
    {
        Model.CheckFeatures(features, nameof(features));
        var rows = features.Shape[0];
        if (targets.Shape.Rank == 0 || targets.Shape[0] != rows)
            throw new ShapeMismatchException("Train",
                $"Train: the features have shape {features.Shape} ({rows} rows), but the targets have shape {targets.Shape}; give one target per row.");
        return (features, targets);
    }

    /// <summary>The targets row-major, with the number of values per row, checked against the loss and the model.</summary>
    private (double[] Values, int Width) PrepareTargets(Tensor targets, Loss loss)
    {
        var values = targets.ToArray();
        var rows = targets.Shape[0];
        var width = targets.Shape.Rank == 2 ? targets.Shape[1] : 1;
        var k = Model.Outputs;
        if (loss.Targets == LossTargets.Labels)
        {
            if (width != 1)
                throw new ArgumentException($"The loss '{loss}' takes one class label per row (a vector of {rows}), but the targets have shape {targets.Shape}.", "targets");
            if (k < 2)
                throw new ArgumentException($"The loss '{loss}' needs a model with one output per class (at least 2), but {Model} has {k}; for two classes with one output use Loss.BinaryCrossEntropyWithLogits.", "targets");
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
        if (loss.Targets == LossTargets.Probabilities)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (!(values[i] is >= 0 and <= 1))
                    throw new ArgumentException($"The target {values[i]} in row {i / k} is not in [0, 1], as the loss '{loss}' needs.", "targets");
            }
        }
        return (values, k);
    }

    /// <summary>The chosen rows of a row-major array of <paramref name="width"/> columns, as a tensor of <paramref name="shape"/>.</summary>
    private static Tensor Slice(double[] values, int width, IReadOnlyList<int> chosen, Shape shape) =>
        Tensor.Create(shape, shape.Rank == 2
            ? (row, column) => values[chosen[row] * width + column]
            : (_, index) => values[chosen[index]]);

    private static ArgumentException NoTargets(double[,] features, string argument) =>
        new($"There are no targets for the {features.GetLength(0)}×{features.GetLength(1)} features; give one per row.", argument);
}
