namespace FunctionalAD;

/// <summary>
/// A loss: how far a prediction is from its target, for one example, as a graph built from core
/// operations. Training averages it over a mini-batch and differentiates the average with
/// <see cref="Reverse"/>; the loss itself has no derivative rule.
/// </summary>
/// <example><code>Loss.Of("squared error", (prediction, target) => Expr.Pow(prediction - target, 2.0))</code></example>
public sealed partial class Loss
{
    private readonly Func<Expr, Expr, Expr> perExample;

    private Loss(string name, Func<Expr, Expr, Expr> perExample)
    {
        Name = name;
        this.perExample = perExample;
    }

    /// <summary>The loss's name, for reports.</summary>
    public string Name { get; }

    /// <summary>The mean of (prediction − target)² over the examples.</summary>
    public static Loss MeanSquaredError { get; } = new("mean squared error", (p, t) => Expr.Pow(p - t, 2.0), Expr.MeanSquaredError, LossTargets.Values);

    /// <summary>The mean of |prediction − target| over the examples.</summary>
    public static Loss MeanAbsoluteError { get; } = new("mean absolute error", (p, t) => Expr.Abs(p - t));

    /// <summary>A loss from its value for one example, averaged over the examples of a batch.</summary>
    /// <param name="name">A name for reports.</param>
    /// <param name="perExample">The loss of one prediction against its target, built from graph operations.</param>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Loss Of(string name, Func<Expr, Expr, Expr> perExample)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(perExample);
        return new(name, perExample);
    }

    /// <summary>The loss of one example as a graph.</summary>
    /// <exception cref="InvalidOperationException">The loss function returned null.</exception>
    public Expr ForExample(Expr prediction, Expr target) =>
        perExample(prediction, target) ?? throw new InvalidOperationException($"The loss '{Name}' returned null instead of a graph.");

    /// <inheritdoc />
    public override string ToString() => Name;
}
