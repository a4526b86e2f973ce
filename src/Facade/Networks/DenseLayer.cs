namespace FunctionalAD;

/// <summary>
/// A fully connected layer, activation(x·W + b); made by <see cref="Layer.Dense"/> or <see cref="Layer.Linear"/>.
/// In a model its parameters are named <c>W1</c>, <c>b1</c> for the first layer, <c>W2</c>, <c>b2</c> for the second, and so on.
/// </summary>
/// <remarks>
/// Weights start uniform in ±√(6 / (inputs + outputs)) (Glorot and Bengio, 2010) or, before a rectifier,
/// ±√(6 / inputs) (He et al., 2015), which keep the variance of the signal roughly level from layer to layer;
/// biases start at zero.
/// </remarks>
public sealed record DenseLayer : Layer
{
    internal DenseLayer(int inputs, int outputs, Activation activation) : base(inputs, outputs) => Activation = activation;

    /// <summary>The elementwise activation after the affine map.</summary>
    public Activation Activation { get; }

    /// <summary>The name of the weights of the layer at <paramref name="position"/> (from 1) in a model.</summary>
    public static string WeightsName(int position) => $"W{position}";

    /// <summary>The name of the bias of the layer at <paramref name="position"/> (from 1) in a model.</summary>
    public static string BiasName(int position) => $"b{position}";

    internal override IEnumerable<(string Name, Shape Shape)> Parameters(int position) =>
        [(WeightsName(position), Shape.Matrix(Inputs, Outputs)), (BiasName(position), Shape.Vector(Outputs))];

    internal override IEnumerable<(string Name, Tensor Value)> Initialize(int position, Random random)
    {
        var limit = Math.Sqrt(6.0 / (Activation.IsRectifier ? Inputs : Inputs + Outputs));
        // Drawn row by row, so that a seed gives the same weights whatever the storage order.
        var weights = new double[Inputs, Outputs];
        for (var i = 0; i < Inputs; i++)
        for (var j = 0; j < Outputs; j++)
            weights[i, j] = (2 * random.NextDouble() - 1) * limit;
        return [(WeightsName(position), Tensor.Matrix(weights)), (BiasName(position), Tensor.Zeros(Shape.Vector(Outputs)))];
    }

    internal override Expr Apply(Expr x, int position)
    {
        var weights = Expr.Input(WeightsName(position), Shape.Matrix(Inputs, Outputs));
        var bias = Expr.Input(BiasName(position), Shape.Vector(Outputs));
        return Activation.Apply(Expr.MatMul(x, weights) + bias);
    }

    /// <summary><c>Dense(2 → 16, tanh)</c>.</summary>
    public override string ToString() =>
        Activation == Activation.Identity ? $"Dense({Inputs} → {Outputs})" : $"Dense({Inputs} → {Outputs}, {Activation})";
}
