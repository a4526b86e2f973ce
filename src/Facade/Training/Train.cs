namespace FunctionalAD;

/// <summary>
/// The entry point for fitting a model's parameters to data. A model is a graph whose inputs are split in
/// two: the parameters, which training adjusts, and the data inputs, which each row of data binds.
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
/// fit.Parameters["w"].ToScalar();                // the learned slope
/// </code>
/// </example>
public static partial class Train
{
    /// <summary>Starts describing a training run for a graph <paramref name="model"/>; name its parameters with <c>StartingFrom(...)</c> and give rows with <c>On(rows, target)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static Training Model(Expr model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new Training(new GraphLearner(model));
    }
}
