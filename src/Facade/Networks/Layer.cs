namespace FunctionalAD;

/// <summary>
/// One stage of a <see cref="Model"/>: a function of a batch of examples, each of shape <see cref="InputShape"/> (a row
/// of <see cref="Inputs"/> features for a dense layer, an image channels × height × width for a convolution), to a
/// batch of examples of shape <see cref="OutputShape"/>, with parameters of its own. An immutable description; the
/// parameter values live in a <see cref="Bindings"/> outside it.
/// </summary>
/// <example><code>Model.Sequential(Layer.Dense(2, 16, Activation.Tanh), Layer.Dense(16, 1))</code></example>
public abstract record Layer
{
    private protected Layer(int inputs, int outputs)
        : this(
            Shape.Vector(inputs > 0 ? inputs : throw new ArgumentOutOfRangeException(nameof(inputs), inputs, $"A layer takes at least one input, not {inputs}.")),
            Shape.Vector(outputs > 0 ? outputs : throw new ArgumentOutOfRangeException(nameof(outputs), outputs, $"A layer gives at least one output, not {outputs}.")))
    {
    }

    private protected Layer(Shape inputShape, Shape outputShape) => (InputShape, OutputShape) = (inputShape, outputShape);

    /// <summary>The shape of one example going in: a vector of features, or an image channels × height × width.</summary>
    public Shape InputShape { get; }

    /// <summary>The shape of one example coming out.</summary>
    public Shape OutputShape { get; }

    /// <summary>The number of numbers in each example going in (the features of a row).</summary>
    public int Inputs => InputShape.Count;

    /// <summary>The number of numbers in each example coming out.</summary>
    public int Outputs => OutputShape.Count;

    /// <summary>
    /// A fully connected layer: activation(x·W + b), with weights W of <paramref name="inputs"/> × <paramref name="outputs"/>
    /// and a bias b of <paramref name="outputs"/> added to every row.
    /// </summary>
    /// <param name="inputs">Features per input row.</param>
    /// <param name="outputs">Values per output row.</param>
    /// <param name="activation">The elementwise activation; none (<see cref="Activation.Identity"/>) when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    public static DenseLayer Dense(int inputs, int outputs, Activation? activation = null) =>
        new(inputs, outputs, activation ?? Activation.Identity);

    /// <summary>An affine layer x·W + b: <see cref="Dense"/> without an activation.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    public static DenseLayer Linear(int inputs, int outputs) => Dense(inputs, outputs);

    /// <summary>
    /// A convolutional layer: activation(Conv2D(x, K) + b) over images of shape <paramref name="input"/> (channels ×
    /// height × width), with <paramref name="filters"/> kernels K of channels × <paramref name="kernel"/> ×
    /// <paramref name="kernel"/> and a bias b per filter. Its output images are filters × Ho × Wo, with
    /// Ho = ⌊(height + 2·padding − kernel) / stride⌋ + 1; read them from <see cref="OutputShape"/> to size the next layer.
    /// </summary>
    /// <example><code>Layer.Conv2D(Shape.Of(1, 28, 28), filters: 16, kernel: 3, activation: Activation.Relu)   // → 16×26×26</code></example>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1, or the padding is negative.</exception>
    /// <exception cref="ShapeMismatchException">The input is not channels × height × width, or the kernel does not fit in it.</exception>
    public static ConvolutionLayer Conv2D(Shape input, int filters, int kernel, int stride = 1, int padding = 0, Activation? activation = null) =>
        new(input, filters, kernel, stride, padding, activation ?? Activation.Identity);

    /// <summary>
    /// A max-pooling layer over images of shape <paramref name="input"/> (channels × height × width): the largest value of
    /// each <paramref name="size"/> × size window, moved by <paramref name="stride"/> (by default the size). No parameters.
    /// </summary>
    /// <example><code>Layer.MaxPool2D(Shape.Of(16, 26, 26), 2)   // → 16×13×13</code></example>
    /// <exception cref="ArgumentOutOfRangeException">The size or the stride is less than 1.</exception>
    /// <exception cref="ShapeMismatchException">The input is not channels × height × width, or the window does not fit in it.</exception>
    public static PoolingLayer MaxPool2D(Shape input, int size = 2, int? stride = null) => new(input, size, stride ?? size);

    /// <summary>
    /// A layer that flattens each example of shape <paramref name="input"/> into a vector of its elements (in row-major
    /// order), so that a <see cref="Dense"/> layer can follow convolutions. No parameters.
    /// </summary>
    /// <example><code>Layer.Flatten(Shape.Of(32, 5, 5))   // → 800</code></example>
    public static FlattenLayer Flatten(Shape input) => new(input);

    /// <summary>
    /// A layer-normalisation layer over examples of shape <paramref name="input"/>: each example shifted and scaled to
    /// mean 0 and variance 1 over all its elements, then multiplied by a learned gain and shifted by a learned bias of
    /// its shape (Ba, Kiros and Hinton, 2016).
    /// </summary>
    /// <example><code>Model.Sequential(Layer.Dense(8, 32, Activation.Relu), Layer.LayerNorm(Shape.Vector(32)), Layer.Dense(32, 2))</code></example>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is negative.</exception>
    public static NormalizationLayer LayerNorm(Shape input, double epsilon = 1e-5) => new(input, epsilon);

    /// <summary>
    /// An embedding layer, the first of a model over token sequences: each example is a row of <paramref name="length"/>
    /// token ids (whole numbers in 0 … <paramref name="vocabulary"/> − 1, given as features), and each id becomes its row
    /// of a table of vocabulary × <paramref name="width"/>, so an example comes out as length × width.
    /// </summary>
    /// <example><code>Model.Sequential(Layer.Embedding(vocabulary: 50, width: 8, length: 20), Layer.Flatten(Shape.Of(20, 8)), Layer.Dense(160, 2))</code></example>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    public static EmbeddingLayer Embedding(int vocabulary, int width, int length) => new(vocabulary, width, length);

    /// <summary>
    /// A dropout layer over examples of shape <paramref name="shape"/>: in training each value is zeroed with probability
    /// <paramref name="rate"/> and the rest scaled by 1 / (1 − rate), with a fresh mask at each step drawn from the
    /// training's seed; in prediction, classification and accuracy it is the identity. No parameters.
    /// </summary>
    /// <example><code>Model.Sequential(Layer.Dense(2, 64, Activation.Relu), Layer.Dropout(Shape.Vector(64), 0.5), Layer.Dense(64, 2))</code></example>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not in [0, 1).</exception>
    public static DropoutLayer Dropout(Shape shape, double rate) => new(shape, rate);

    /// <summary>The names and shapes of this layer's parameters, given the prefix that makes them unique in a model.</summary>
    internal abstract IEnumerable<(string Name, Shape Shape)> Parameters(int position);

    /// <summary>Starting values for the parameters, drawn from <paramref name="random"/>.</summary>
    internal abstract IEnumerable<(string Name, Tensor Value)> Initialize(int position, Random random);

    /// <summary>
    /// The layer applied to a batch <paramref name="x"/> of examples (batch × <see cref="InputShape"/>), as a graph over
    /// its parameter inputs, of batch × <see cref="OutputShape"/>.
    /// </summary>
    internal abstract Expr Apply(Expr x, int position);

    /// <summary>
    /// The layer applied in training, where <paramref name="key"/> (a scalar input, fresh at each step; null outside
    /// training) drives whatever is random in it; layers without randomness ignore it.
    /// </summary>
    internal virtual Expr Apply(Expr x, int position, Expr? key) => Apply(x, position);
}
