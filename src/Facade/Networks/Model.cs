using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A neural network: layers applied one after the other to a batch of rows. The model is an immutable
/// description; its parameters are a separate immutable value (<see cref="Bindings"/>, one tensor per
/// weight matrix and bias vector) made by <see cref="Initialize"/> and returned, changed, by training.
/// </summary>
/// <example>
/// <code>
/// var model = Model.Sequential(Layer.Dense(2, 16, Activation.Tanh), Layer.Dense(16, 2));
/// var fit = model.Train(features, labels)
///     .Minimizing(Loss.SoftmaxCrossEntropy)
///     .With(Optimizer.Adam(learningRate: 0.05))
///     .For(epochs: 200)
///     .Run();
/// fit.Accuracy(features, labels);
/// </code>
/// </example>
public sealed partial class Model
{
    /// <summary>The name of the batch input of <see cref="Graph(int)"/>: a matrix of batch × <see cref="Inputs"/>.</summary>
    public const string FeaturesName = "features";

    private Model(ImmutableArray<Layer> layers) => Layers = layers;

    /// <summary>The layers, from the input side.</summary>
    public ImmutableArray<Layer> Layers { get; }

    /// <summary>Features per input row: the first layer's inputs.</summary>
    public int Inputs => Layers[0].Inputs;

    /// <summary>Values per output row: the last layer's outputs.</summary>
    public int Outputs => Layers[^1].Outputs;

    /// <summary>The names and shapes of the parameters, layer by layer (<c>W1</c>, <c>b1</c>, <c>W2</c>, …).</summary>
    public ImmutableArray<(string Name, Shape Shape)> Parameters =>
        [.. Layers.SelectMany((layer, i) => layer.Parameters(i + 1))];

    /// <summary>The layers applied in order; each layer's inputs must equal the previous layer's outputs.</summary>
    /// <exception cref="ArgumentException">There is no layer, a layer is null, or two neighbours do not fit.</exception>
    public static Model Sequential(params Layer[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0) throw new ArgumentException("A model has at least one layer.", nameof(layers));
        for (var i = 0; i < layers.Length; i++)
        {
            if (layers[i] is null) throw new ArgumentException($"Layer {i + 1} of the model is null.", nameof(layers));
            if (i > 0 && layers[i].InputShape != layers[i - 1].OutputShape)
                throw new ArgumentException(
                    layers[i].InputShape.Rank == 1 && layers[i - 1].OutputShape.Rank == 1
                        ? $"Layer {i + 1} ({layers[i]}) takes {layers[i].Inputs} inputs, but layer {i} ({layers[i - 1]}) gives {layers[i - 1].Outputs} outputs."
                        : $"Layer {i + 1} ({layers[i]}) takes examples of shape {layers[i].InputShape}, but layer {i} ({layers[i - 1]}) gives examples of shape {layers[i - 1].OutputShape}"
                          + (layers[i].InputShape.Rank == 1 ? $"; put Layer.Flatten({layers[i - 1].OutputShape}) between them." : "."),
                    nameof(layers));
        }
        return new([.. layers]);
    }

    /// <summary>Linear regression (or, with a classification loss, logistic or softmax regression): one affine layer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    public static Model Linear(int inputs, int outputs = 1) => Sequential(Layer.Linear(inputs, outputs));

    /// <summary>
    /// A multilayer perceptron: a <see cref="Layer.Dense"/> layer with <paramref name="activation"/> for each size in
    /// <paramref name="hidden"/>, then an affine output layer of <paramref name="outputs"/>.
    /// </summary>
    /// <example><code>Model.Perceptron(inputs: 2, hidden: [16, 16], outputs: 2, Activation.Tanh)</code></example>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    public static Model Perceptron(int inputs, IReadOnlyList<int> hidden, int outputs, Activation? activation = null)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        var layers = new List<Layer>();
        var width = inputs;
        foreach (var size in hidden)
        {
            layers.Add(Layer.Dense(width, size, activation ?? Activation.Tanh));
            width = size;
        }
        layers.Add(Layer.Linear(width, outputs));
        return Sequential([.. layers]);
    }

    /// <summary>
    /// Starting values for the parameters: weights drawn by the Glorot or He scheme from a generator seeded with
    /// <paramref name="seed"/>, biases zero. The same seed gives the same parameters.
    /// </summary>
    public Bindings Initialize(int seed = 0)
    {
        var random = new Random(seed);
        return Bindings.Of([.. Layers.SelectMany((layer, i) => layer.Initialize(i + 1, random))]);
    }

    /// <summary>
    /// The model applied to <paramref name="features"/>, a graph of shape batch × <see cref="Inputs"/>: a graph of
    /// shape batch × <see cref="Outputs"/> whose other inputs are the parameters.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The features are not a matrix with <see cref="Inputs"/> columns.</exception>
    public Expr Apply(Expr features) => Apply(features, null);

    /// <summary>
    /// The model applied to <paramref name="features"/> as in training when <paramref name="key"/> is given (the scalar
    /// that draws dropout masks), as in prediction when it is null.
    /// </summary>
    internal Expr Apply(Expr features, Expr? key)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Shape.Rank != 2 || features.Shape[1] != Inputs)
            throw new ShapeMismatchException("Model",
                $"Model: the features have shape {features.Shape}, but the model takes rows of {Inputs} features (a matrix of n×{Inputs}).");
        // Rows of features in, rows of outputs out: images are a row of pixels each (row-major), reshaped on the way in.
        var rows = features.Shape[0];
        var first = Layers[0].InputShape;
        var output = first.Rank == 1 ? features : Expr.Reshape(features, Shape.Of([rows, .. first.Dimensions]));
        for (var i = 0; i < Layers.Length; i++) output = Layers[i].Apply(output, i + 1, key);
        return Layers[^1].OutputShape.Rank == 1 ? output : Expr.Reshape(output, Shape.Matrix(rows, Outputs));
    }

    /// <summary>The model applied to a batch input named <see cref="FeaturesName"/> of <paramref name="rows"/> × <see cref="Inputs"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is less than 1.</exception>
    public Expr Graph(int rows) => Apply(Expr.Input(FeaturesName, Shape.Matrix(rows, Inputs)));

    /// <summary>
    /// The model applied to a batch input named <see cref="FeaturesName"/> of N × <see cref="Inputs"/>, N the free batch
    /// dimension (<see cref="Shape.Batch"/>): one graph, saved once, for batches of any size.
    /// </summary>
    /// <example><code>var graph = model.Graph();   // features N×784 → N×10; Graph.Evaluate takes N from the features bound</code></example>
    public Expr Graph() => Apply(Expr.Input(FeaturesName, Shape.Of(Shape.Batch, Inputs)));

    /// <summary>The name of the scalar input that draws the dropout masks of <see cref="TrainingGraph"/>.</summary>
    internal const string DropoutKeyName = "dropout key";

    /// <summary>Whether a layer behaves differently in training (dropout), so that training feeds a key at each step.</summary>
    internal bool IsRandomInTraining => Layers.Any(layer => layer is DropoutLayer);

    /// <summary>The model as in training, on a batch input of <paramref name="rows"/>, with the key input <see cref="DropoutKeyName"/> if it is random.</summary>
    internal Expr TrainingGraph(int rows) =>
        Apply(Expr.Input(FeaturesName, Shape.Matrix(rows, Inputs)), IsRandomInTraining ? Expr.Input(DropoutKeyName) : null);

    /// <summary>The model's outputs (n × <see cref="Outputs"/>: values for regression, logits for classification) for each row of <paramref name="features"/>.</summary>
    /// <exception cref="ShapeMismatchException">The features are not n × <see cref="Inputs"/>.</exception>
    /// <exception cref="ArgumentException">A parameter is missing or has the wrong shape.</exception>
    /// <remarks>Rows are evaluated <see cref="EvaluationRows"/> at a time, so the memory a prediction takes beyond its result does not grow with the rows.</remarks>
    public Tensor Predict(Bindings parameters, Tensor features)
    {
        CheckFeatures(features, nameof(features));
        CheckParameters(parameters, nameof(parameters));
        var rows = features.Shape[0];
        if (rows <= EvaluationRows) return FunctionalAD.Graph.Evaluate(Graph(rows), parameters.With(FeaturesName, features));
        var outputs = new double[rows * Outputs];
        for (var start = 0; start < rows; start += EvaluationRows)
        {
            var chosen = Enumerable.Range(start, Math.Min(EvaluationRows, rows - start)).ToArray();
            var part = FunctionalAD.Graph.Evaluate(Graph(chosen.Length), parameters.With(FeaturesName, Rows(features, chosen))).ToArray();
            part.CopyTo(outputs, start * Outputs);
        }
        return Tensor.Create(Shape.Matrix(rows, Outputs), (row, column) => outputs[row * Outputs + column]);
    }

    /// <summary>
    /// The class of each row of <paramref name="features"/>: the index of the largest output, or, for a model with
    /// one output (a logit, as trained with <see cref="Loss.BinaryCrossEntropyWithLogits"/>), 1 where it is positive and 0 elsewhere.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The features are not n × <see cref="Inputs"/>.</exception>
    /// <exception cref="ArgumentException">A parameter is missing or has the wrong shape.</exception>
    public ImmutableArray<int> Classify(Bindings parameters, Tensor features)
    {
        var outputs = Predict(parameters, features).ToArray();
        var classes = ImmutableArray.CreateBuilder<int>(features.Shape[0]);
        for (var r = 0; r < features.Shape[0]; r++)
        {
            if (Outputs == 1)
            {
                classes.Add(outputs[r] > 0 ? 1 : 0);
                continue;
            }
            var best = 0;
            for (var k = 1; k < Outputs; k++)
            {
                if (outputs[r * Outputs + k] > outputs[r * Outputs + best]) best = k;
            }
            classes.Add(best);
        }
        return classes.MoveToImmutable();
    }

    /// <summary>The fraction of rows of <paramref name="features"/> whose <see cref="Classify"/> equals their label.</summary>
    /// <exception cref="ArgumentException">The number of labels is not the number of rows.</exception>
    public double Accuracy(Bindings parameters, Tensor features, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        CheckFeatures(features, nameof(features));
        if (labels.Count != features.Shape[0])
            throw new ArgumentException($"There are {labels.Count} labels for {features.Shape[0]} rows of features ({features.Shape}).", nameof(labels));
        var classes = Classify(parameters, features);
        return (double)classes.Where((c, r) => c == labels[r]).Count() / classes.Length;
    }

    /// <summary>
    /// The coefficient of determination R² = 1 − Σ(t − p)² / Σ(t − t̄)² of the predictions against
    /// <paramref name="targets"/> (a vector of n for one output, or n × <see cref="Outputs"/>), over all outputs together.
    /// 1 is a perfect fit; 0 is no better than predicting the mean; when all targets are equal it is not finite.
    /// </summary>
    /// <exception cref="ArgumentException">The targets' shape does not fit the predictions.</exception>
    public double RSquared(Bindings parameters, Tensor features, Tensor targets)
    {
        var predicted = Predict(parameters, features).ToArray();
        if (targets.Shape.Count != predicted.Length || targets.Shape.Rank == 0)
            throw new ArgumentException(
                $"The targets have shape {targets.Shape}, but the model predicts {features.Shape[0]}×{Outputs} values.", nameof(targets));
        var actual = targets.ToArray();
        var mean = actual.Average();
        double residual = 0, total = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            residual += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
            total += (actual[i] - mean) * (actual[i] - mean);
        }
        return 1 - residual / total;
    }

    /// <summary><c>Dense(2 → 16, tanh) → Dense(16 → 1)</c>.</summary>
    public override string ToString() => string.Join(" → ", Layers);

    /// <summary>The most rows <see cref="Predict"/> and the loss over all rows in training evaluate at once.</summary>
    public const int EvaluationRows = 4096;

    /// <summary>The chosen rows of a matrix, as a new matrix.</summary>
    internal static Tensor Rows(Tensor matrix, IReadOnlyList<int> chosen) =>
        Tensor.Create(Shape.Matrix(chosen.Count, matrix.Shape[1]), (row, column) => matrix[chosen[row], column]);

    internal void CheckFeatures(Tensor features, string argument)
    {
        if (features.Shape.Rank != 2 || features.Shape[1] != Inputs)
            throw new ShapeMismatchException("Model",
                $"Model: the features have shape {features.Shape}, but the model takes rows of {Inputs} features (a matrix of n×{Inputs}); argument '{argument}'.");
        if (Layers[0] is EmbeddingLayer embedding) embedding.CheckIds(features, argument);
    }

    internal void CheckParameters(Bindings parameters, string argument)
    {
        foreach (var (name, shape) in Parameters)
        {
            if (!parameters.TryGetValue(name, out var value))
                throw new ArgumentException(
                    $"The parameters have no '{name}' ({shape}); the model {this} needs: {string.Join(", ", Parameters.Select(p => $"{p.Name} ({p.Shape})"))}.", argument);
            if (value.Shape != shape)
                throw new ArgumentException($"The parameter '{name}' has shape {value.Shape}, but the model needs {shape}.", argument);
        }
    }
}
