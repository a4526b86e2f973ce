using System.Collections.Immutable;
using System.Diagnostics;

namespace FunctionalAD;

/// <summary>
/// A training run, described step by step and immutable: every method returns a new description and
/// leaves this one as it was. <see cref="Run"/> fits the parameters by mini-batch gradient descent on the
/// mean of <see cref="Loss"/> over each batch, with gradients from <see cref="Reverse"/>. Start with
/// <see cref="Train.Model(Expr)"/>. Defaults: mean squared error, Adam with learning rate 0.01, batches of 32
/// shuffled with seed 0, 100 epochs, no early stopping.
/// </summary>
public sealed record Training
{
    internal Training(Expr model)
    {
        Model = model;
        Inputs = Graph.Inputs(model);
    }

    /// <summary>The model whose parameters are fitted.</summary>
    public Expr Model { get; }

    /// <summary>The parameters and their starting values; empty until <see cref="StartingFrom(Bindings)"/>.</summary>
    public Bindings InitialParameters { get; private init; } = Bindings.Empty;

    /// <summary>The rows of data; empty until <see cref="On"/>.</summary>
    public ImmutableArray<Bindings> Rows { get; private init; } = [];

    /// <summary>The name, in each row, of the value the model should predict.</summary>
    public string? Target { get; private init; }

    /// <summary>The loss averaged over each batch.</summary>
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

    private ImmutableArray<string> Inputs { get; }

    /// <summary>The parameters to fit and their starting values: <c>.StartingFrom(("w", 0.0), ("b", 0.0))</c>.</summary>
    /// <exception cref="ArgumentException">A name is not an input of the model, or none is given.</exception>
    public Training StartingFrom(params (string Name, double Value)[] parameters) => StartingFrom(Bindings.Of(parameters));

    /// <summary>The parameters to fit and their starting values, as bindings.</summary>
    /// <exception cref="ArgumentException">A name is not an input of the model, or none is given.</exception>
    public Training StartingFrom(Bindings parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
            throw new ArgumentException($"Name at least one parameter to fit; the model's inputs are: {List(Inputs)}.", nameof(parameters));
        foreach (var name in parameters.Names)
        {
            if (!Inputs.Contains(name))
                throw new ArgumentException(
                    $"The parameter '{name}' is not an input of the model; its inputs are: {List(Inputs)}.", nameof(parameters));
        }
        return this with { InitialParameters = parameters };
    }

    /// <summary>
    /// The data: rows that each bind every input of the model that is not a parameter, and the
    /// <paramref name="target"/> the model should predict for that row. Extra names in a row are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">There are no rows, or the target name is empty.</exception>
    public Training On(IEnumerable<Bindings> rows, string target)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var copy = rows.ToImmutableArray();
        if (copy.IsEmpty) throw new ArgumentException("The training data has no rows.", nameof(rows));
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy[i] is null) throw new ArgumentException($"Row {i} of the training data is null.", nameof(rows));
        }
        return this with { Rows = copy, Target = target };
    }

    /// <summary>The loss to minimise (default <see cref="Loss.MeanSquaredError"/>).</summary>
    public Training Minimizing(Loss loss) =>
        this with { Schedule = Schedule.Minimizing(loss) };

    /// <summary>The optimizer (default Adam with learning rate 0.01).</summary>
    public Training With(Optimizer optimizer) =>
        this with { Schedule = Schedule.With(optimizer) };

    /// <summary>Rows per mini-batch (default 32); use the number of rows for full-batch descent.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is not positive.</exception>
    public Training InBatchesOf(int size) =>
        this with { Schedule = Schedule.InBatchesOf(size) };

    /// <summary>Shuffles the rows before each epoch with a generator seeded by <paramref name="seed"/>: the same seed gives the same run.</summary>
    public Training ShuffledWithSeed(int seed) => this with { Schedule = Schedule.ShuffledWithSeed(seed) };

    /// <summary>Keeps the rows in their given order in every epoch.</summary>
    public Training WithoutShuffling() => this with { Schedule = Schedule.ShuffledWithSeed(null) };

    /// <summary>The most epochs to make (default 100).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not positive.</exception>
    public Training For(int epochs) =>
        this with { Schedule = Schedule.For(epochs) };

    /// <summary>
    /// Stops when the epoch loss has not fallen more than <paramref name="minImprovement"/> below its best for
    /// <paramref name="patience"/> epochs in a row. The result then holds the last parameters, not the best.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The patience is not positive or the improvement is negative.</exception>
    public Training StopEarly(int patience, double minImprovement = 0) =>
        this with { Schedule = Schedule.StopEarly(patience, minImprovement) };

    /// <summary>
    /// Runs the training and returns the new parameters and the loss history; the parameters and data
    /// given are not changed. Reports each epoch through <paramref name="progress"/> when given.
    /// </summary>
    /// <exception cref="InvalidOperationException">No parameters or no data were given.</exception>
    /// <exception cref="ArgumentException">A row lacks a data input or the target, or the target is an input of the model.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public TrainingResult Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var examples = ExampleLosses();
        var whole = Mean(examples, Enumerable.Range(0, examples.Length));
        var run = TrainingLoop.Run(
            InitialParameters, OptimizerState.Initial, examples.Length,
            wholeLoss: parameters => Graph.Evaluate(whole, parameters),
            step: (parameters, state, batch) =>
            {
                var step = Optimizer.Step(parameters, Reverse.Grad(Mean(examples, batch), parameters), state);
                return (step.Parameters, step.State);
            },
            Schedule, clock, progress, cancellation);
        return new TrainingResult(run.Parameters, run.InitialLoss, run.Losses, run.Reason, clock.Elapsed);
    }

    /// <summary>The loss of each row as a graph of the parameters alone: the row's data substituted as constants.</summary>
    private ImmutableArray<Expr> ExampleLosses()
    {
        if (InitialParameters.Count == 0)
            throw new InvalidOperationException($"Name the parameters to fit with StartingFrom(...); the model's inputs are: {List(Inputs)}.");
        if (Rows.IsEmpty || Target is null)
            throw new InvalidOperationException("Give the training data with On(rows, target) before Run().");
        if (Inputs.Contains(Target))
            throw new ArgumentException($"The target '{Target}' is an input of the model; the target is the value the model should predict.", "target");
        var dataInputs = Inputs.Where(n => !InitialParameters.Contains(n)).ToArray();
        var examples = ImmutableArray.CreateBuilder<Expr>(Rows.Length);
        for (var i = 0; i < Rows.Length; i++)
        {
            var row = Rows[i];
            var prediction = Model;
            foreach (var name in dataInputs)
            {
                if (!row.Contains(name))
                    throw new ArgumentException($"Row {i} of the training data has no value for the model input '{name}'; it has: {List(row.Names)}.", "rows");
                prediction = Graph.Substitute(prediction, name, Expr.Constant(row[name]));
            }
            if (!row.Contains(Target))
                throw new ArgumentException($"Row {i} of the training data has no value for the target '{Target}'; it has: {List(row.Names)}.", "rows");
            examples.Add(Loss.ForExample(prediction, Expr.Constant(row[Target])));
        }
        return examples.MoveToImmutable();
    }

    /// <summary>The mean of the chosen examples' losses, as one graph.</summary>
    private static Expr Mean(ImmutableArray<Expr> examples, IEnumerable<int> chosen)
    {
        Expr? sum = null;
        var count = 0;
        foreach (var i in chosen)
        {
            sum = sum is null ? examples[i] : sum + examples[i];
            count++;
        }
        return sum! / count;
    }

    private static string List(IEnumerable<string> names)
    {
        var list = string.Join(", ", names);
        return list.Length == 0 ? "(none)" : list;
    }
}
