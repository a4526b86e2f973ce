namespace FunctionalAD;

/// <summary>
/// The entry point for fitting a model's parameters to data. The model is either a graph whose inputs are split in
/// two — the parameters, which training adjusts, and the data inputs, which each row of data binds — or a neural
/// network (<see cref="FunctionalAD.Model"/>) fitted on a features matrix. Both give one <see cref="Training"/>,
/// configured by the same chain and run by the same loop.
/// </summary>
/// <example>
/// <code>
/// var (w, x, b) = (Expr.Input("w"), Expr.Input("x"), Expr.Input("b"));
/// TrainingResult fit = Train.Model(w * x + b)
///     .StartingFrom(("w", 0.0), ("b", 0.0))
///     .On(rows, target: "y")                     // each row binds x and y
///     .With(Optimizer.Adam(learningRate: 0.1))
///     .InBatchesOf(16)
///     .For(epochs: 200)
///     .Run();
/// double w = fit.Parameters["w"];               // the learned slope (a scalar parameter reads as a double)
/// </code>
/// </example>
public static class Train
{
    /// <summary>Starts describing a training run for a graph <paramref name="model"/>; name its parameters with <c>StartingFrom(...)</c> and give rows with <c>On(rows, target)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static Training Model(Expr model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new Training(new GraphLearner(model));
    }

    /// <summary>Starts describing a training run for a neural-network <paramref name="model"/>; give the data with <c>On(features, targets)</c>.</summary>
    /// <example><code>Train.Model(model).On(features, labels).Minimizing(Loss.SoftmaxCrossEntropy).Run()</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static Training Model(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new Training(new NetworkLearner(model));
    }
}
