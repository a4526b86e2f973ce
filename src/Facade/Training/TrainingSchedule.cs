namespace FunctionalAD;

/// <summary>
/// The settings <see cref="Training"/> and <see cref="ModelTraining"/> share — loss, optimizer, batches, shuffle,
/// epochs, early stopping — with their defaults and checks written once; each public builder method forwards here.
/// </summary>
internal sealed record TrainingSchedule
{
    /// <summary>The loss of each batch (default mean squared error).</summary>
    public Loss Loss { get; private init; } = Loss.MeanSquaredError;

    /// <summary>The optimizer (default Adam with learning rate 0.01).</summary>
    public Optimizer Optimizer { get; private init; } = Optimizer.Adam(learningRate: 0.01);

    /// <summary>Rows per batch (default 32).</summary>
    public int BatchSize { get; private init; } = 32;

    /// <summary>The seed of the shuffle before each epoch (default 0), or null for no shuffling.</summary>
    public int? ShuffleSeed { get; private init; } = 0;

    /// <summary>The most epochs to make (default 100).</summary>
    public int Epochs { get; private init; } = 100;

    /// <summary>Epochs without improvement after which a run stops, or null (the default) to never stop early.</summary>
    public int? Patience { get; private init; }

    /// <summary>How much the loss must fall below its best so far to count as an improvement.</summary>
    public double MinImprovement { get; private init; }

    /// <exception cref="ArgumentNullException"><paramref name="loss"/> is null.</exception>
    public TrainingSchedule Minimizing(Loss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return this with { Loss = loss };
    }

    /// <exception cref="ArgumentNullException"><paramref name="optimizer"/> is null.</exception>
    public TrainingSchedule With(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return this with { Optimizer = optimizer };
    }

    /// <exception cref="ArgumentOutOfRangeException">The size is not positive.</exception>
    public TrainingSchedule InBatchesOf(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        return this with { BatchSize = size };
    }

    public TrainingSchedule ShuffledWithSeed(int? seed) => this with { ShuffleSeed = seed };

    /// <exception cref="ArgumentOutOfRangeException">The count is not positive.</exception>
    public TrainingSchedule For(int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        return this with { Epochs = epochs };
    }

    /// <exception cref="ArgumentOutOfRangeException">The patience is not positive or the improvement is negative.</exception>
    public TrainingSchedule StopEarly(int patience, double minImprovement)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patience);
        if (!(minImprovement >= 0) || double.IsInfinity(minImprovement))
            throw new ArgumentOutOfRangeException(nameof(minImprovement), minImprovement, "The minimum improvement must be zero or a positive finite number.");
        return this with { Patience = patience, MinImprovement = minImprovement };
    }
}
