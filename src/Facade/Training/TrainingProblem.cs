namespace FunctionalAD;

/// <summary>
/// What a run needs from a <see cref="Learner"/>: the number of rows, the loss over all of them, the gradient of a
/// batch's loss with respect to the parameters, and, when rows are held out, the loss over those.
/// </summary>
internal sealed record TrainingProblem(
    int Rows,
    Func<Bindings, double> Loss,
    Func<Bindings, ArraySegment<int>, IReadOnlyDictionary<string, Tensor>> Gradient,
    Func<Bindings, double>? ValidationLoss);
