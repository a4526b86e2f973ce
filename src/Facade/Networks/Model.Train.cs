namespace FunctionalAD;

// The fluent start of training, on the model itself.
public sealed partial class Model
{
    /// <summary>Starts describing a training run on <paramref name="features"/> (n × <see cref="Inputs"/>) and one target per row.</summary>
    /// <example><code>Model.Linear(inputs: 1).Train(xs, ys).With(Optimizer.Adam(learningRate: 0.05)).For(epochs: 200).Run()</code></example>
    /// <exception cref="ShapeMismatchException">The shapes do not fit the model.</exception>
    public Training Train(Tensor features, Tensor targets) => FunctionalAD.Train.Model(this).On(features, targets);

    /// <summary>Starts describing a training run on <paramref name="features"/> and one class label per row.</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not fit the model.</exception>
    public Training Train(Tensor features, IReadOnlyList<int> labels) => FunctionalAD.Train.Model(this).On(features, labels);

    /// <summary>Starts describing a training run on arrays: <paramref name="features"/>[row, column] and one target per row.</summary>
    /// <exception cref="ArgumentException">There are no rows, or the sizes do not fit the model.</exception>
    public Training Train(double[,] features, double[] targets) => FunctionalAD.Train.Model(this).On(features, targets);

    /// <summary>Starts describing a training run on arrays: <paramref name="features"/>[row, column] and one class label per row.</summary>
    /// <exception cref="ArgumentException">There are no rows, or the sizes do not fit the model.</exception>
    public Training Train(double[,] features, int[] labels) => FunctionalAD.Train.Model(this).On(features, labels);
}
