namespace FunctionalAD;

/// <summary>
/// One stage of a <see cref="Model"/>: a function of a batch of rows (a matrix of batch × <see cref="Inputs"/>)
/// to a batch of rows (batch × <see cref="Outputs"/>), with parameters of its own. An immutable description;
/// the parameter values live in a <see cref="Bindings"/> outside it.
/// </summary>
/// <example><code>Model.Sequential(Layer.Dense(2, 16, Activation.Tanh), Layer.Dense(16, 1))</code></example>
public abstract record Layer
{
    private protected Layer(int inputs, int outputs)
    {
        Inputs = inputs > 0 ? inputs : throw new ArgumentOutOfRangeException(nameof(inputs), inputs, $"A layer takes at least one input, not {inputs}.");
        Outputs = outputs > 0 ? outputs : throw new ArgumentOutOfRangeException(nameof(outputs), outputs, $"A layer gives at least one output, not {outputs}.");
    }

    /// <summary>The number of features in each input row.</summary>
    public int Inputs { get; }

    /// <summary>The number of values in each output row.</summary>
    public int Outputs { get; }

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

    /// <summary>The names and shapes of this layer's parameters, given the prefix that makes them unique in a model.</summary>
    internal abstract IEnumerable<(string Name, Shape Shape)> Parameters(int position);

    /// <summary>Starting values for the parameters, drawn from <paramref name="random"/>.</summary>
    internal abstract IEnumerable<(string Name, Tensor Value)> Initialize(int position, Random random);

    /// <summary>The layer applied to a batch <paramref name="x"/> of rows, as a graph over its parameter inputs.</summary>
    internal abstract Expr Apply(Expr x, int position);
}
