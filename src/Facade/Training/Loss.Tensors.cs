namespace FunctionalAD;

// Losses over a batch of tensor predictions, for training a Model: each a thin call to a core operation.
public sealed partial class Loss
{
    private readonly Func<Expr, Expr, Expr>? forBatch;

    private Loss(string name, Func<Expr, Expr, Expr> perExample, Func<Expr, Expr, Expr> forBatch, LossTargets targets)
    {
        Name = name;
        this.perExample = perExample;
        this.forBatch = forBatch;
        Targets = targets;
    }

    /// <summary>What the targets of this loss are; decides how training checks and shapes them.</summary>
    internal LossTargets Targets { get; }

    /// <summary>
    /// Softmax cross-entropy with integer class labels: the model's n × k outputs are logits, the targets one
    /// class index in 0 … k − 1 per row; the mean over the rows of log Σ exp(logits) − logit of the label.
    /// For a <see cref="Model"/> only (<see cref="Expr.CrossEntropy(Expr, Expr)"/>).
    /// </summary>
    public static Loss SoftmaxCrossEntropy { get; } = new(
        "softmax cross-entropy", BatchOnly("softmax cross-entropy"), Expr.CrossEntropy, LossTargets.Labels);

    /// <summary>
    /// Binary cross-entropy of σ(output) against targets in [0, 1] (labels 0 and 1 for two classes), in the stable
    /// form that takes the logits themselves (<see cref="Expr.BinaryCrossEntropyWithLogits"/>); for one example,
    /// softplus(p) − p·t.
    /// </summary>
    public static Loss BinaryCrossEntropyWithLogits { get; } = new(
        "binary cross-entropy", (p, t) => Expr.Softplus(p) - p * t, Expr.BinaryCrossEntropyWithLogits, LossTargets.Probabilities);

    /// <summary>
    /// The loss of a batch as a scalar graph: <paramref name="predictions"/> are the model's n × k outputs, and
    /// <paramref name="targets"/> are of the same shape (or, for <see cref="SoftmaxCrossEntropy"/>, a vector of n labels).
    /// A loss made with <see cref="Of"/> is averaged elementwise: the mean of its per-example graph over all elements.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes do not fit the loss.</exception>
    public Expr ForBatch(Expr predictions, Expr targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        return forBatch is { } batch ? batch(predictions, targets) : Expr.Mean(ForExample(predictions, targets));
    }

    private static Func<Expr, Expr, Expr> BatchOnly(string name) => (_, _) => throw new InvalidOperationException(
        $"The loss '{name}' compares rows of logits with class labels, so it trains a Model (model.Train(...) or Train.Model(model)), not a scalar graph.");
}

/// <summary>The kind of targets a loss compares predictions with.</summary>
internal enum LossTargets
{
    /// <summary>Values of the predictions' shape (regression).</summary>
    Values,
    /// <summary>One class index per row.</summary>
    Labels,
    /// <summary>Probabilities in [0, 1] of the predictions' shape.</summary>
    Probabilities,
}
