using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// A dropout layer, made by <see cref="Layer.Dropout"/>: in training each value of an example is zeroed with
/// probability <see cref="Rate"/> and the rest scaled by 1 / (1 − rate), with a fresh mask at every step; in
/// <see cref="Model.Predict"/>, <see cref="Model.Classify"/> and <see cref="Model.Accuracy"/> it passes its input on
/// unchanged. No parameters.
/// </summary>
/// <remarks>
/// The masks come from <see cref="Expr.Dropout"/> with a key the training loop feeds at each step, drawn from a
/// generator seeded with the training's shuffle seed: the same training gives the same masks. Each dropout layer of a
/// model adds its position to the key, so two layers draw different masks.
/// </remarks>
public sealed record DropoutLayer : Layer
{
    internal DropoutLayer(Shape shape, double rate) : base(shape, shape) =>
        Rate = rate is >= 0 and < 1 ? rate : throw new ArgumentOutOfRangeException(nameof(rate), rate, $"The dropout rate is a probability in [0, 1), not {rate}.");

    /// <summary>The probability that a value is zeroed in training.</summary>
    public double Rate { get; }

    internal override IEnumerable<(string Name, Shape Shape)> Parameters(int position) => [];

    internal override IEnumerable<(string Name, Tensor Value)> Initialize(int position, Random random) => [];

    internal override Expr Apply(Expr x, int position) => x;

    internal override Expr Apply(Expr x, int position, Expr? key) => key is null ? x : Expr.Dropout(x, Rate, key + position);

    /// <summary><c>Dropout(16, rate 0.5)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Dropout({InputShape}, rate {Rate})");
}
