namespace FunctionalAD;

public static partial class Train
{
    /// <summary>Starts describing a training run for a neural-network <paramref name="model"/>; give the data with <c>On(...)</c>.</summary>
    /// <example><code>Train.Model(model).On(features, labels).Minimizing(Loss.SoftmaxCrossEntropy).Run()</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static Training Model(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new Training(new NetworkLearner(model));
    }
}
