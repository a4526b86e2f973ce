namespace FunctionalAD;

/// <summary>
/// A layer-normalisation layer, g ⊙ LayerNorm(x) + b over all axes of each example; made by <see cref="Layer.LayerNorm"/>.
/// In a model its parameters are named <c>g1</c> (the gain, starting at 1) and <c>b1</c> (the bias, starting at 0) for
/// the first layer, and so on.
/// </summary>
public sealed record NormalizationLayer : Layer
{
    internal NormalizationLayer(Shape input, double epsilon) : base(input, input)
    {
        if (input.Rank < 1) throw new ArgumentOutOfRangeException(nameof(input), "LayerNorm: an example has at least one axis.");
        Epsilon = epsilon >= 0 ? epsilon : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "LayerNorm: epsilon cannot be negative.");
    }

    /// <summary>Added to the variance before its square root, so that a constant example does not divide by zero.</summary>
    public double Epsilon { get; }

    /// <summary>The name of the gain of the layer at <paramref name="position"/> (from 1) in a model.</summary>
    public static string GainName(int position) => $"g{position}";

    /// <summary>The name of the bias of the layer at <paramref name="position"/> (from 1) in a model.</summary>
    public static string BiasName(int position) => $"b{position}";

    internal override IEnumerable<(string Name, Shape Shape)> Parameters(int position) =>
        [(GainName(position), InputShape), (BiasName(position), InputShape)];

    internal override IEnumerable<(string Name, Tensor Value)> Initialize(int position, Random random) =>
        [(GainName(position), Tensor.Filled(InputShape, 1)), (BiasName(position), Tensor.Zeros(InputShape))];

    internal override Expr Apply(Expr x, int position) =>
        Expr.Input(GainName(position), InputShape) * Expr.LayerNorm(x, InputShape.Rank, Epsilon) + Expr.Input(BiasName(position), InputShape);

    /// <summary><c>LayerNorm(16)</c>.</summary>
    public override string ToString() => $"LayerNorm({InputShape})";
}
