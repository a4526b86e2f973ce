using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// <c>Dropout(x, key)</c> = x ⊙ mask / (1 − rate), where the mask is 0 with probability rate and 1 otherwise, drawn
/// afresh for each element from the scalar <c>key</c>'s value alone (as JAX's PRNGKey): the graph stays a pure
/// function of its inputs, the same key gives the same mask, another key another. It is linear in x and its own
/// transpose (the mask is diagonal), so gradient graphs and Hessians close over it; the mask, and so the key, has no
/// derivative (a zero tangent, no cotangent).
/// </summary>
internal sealed class DropoutOperation(double rate) : TensorOperation
{
    /// <summary>The probability that an element is dropped, in (0, 1).</summary>
    public double Rate { get; } = rate;

    public override string Name => "Dropout";

    public override int Arity => 2;

    public override ImmutableArray<double> Parameters => [Rate];

    internal override string? ParameterText => string.Create(CultureInfo.InvariantCulture, $"rate: {Rate:R}");

    public override Shape OutputShape(Shape x, Shape key) =>
        key.IsScalar ? x : throw Mismatch($"the key must be a scalar, not shape {key} (the tensor to drop from has shape {x}).");

    public override Tensor Value(Tensor x, Tensor key) => Masked(x, key.ToScalar());

    public override Tensor Jvp(Tensor x, Tensor key, Tensor output, Tensor? dx, Tensor? dKey) =>
        dx is { } t ? Masked(t, key.ToScalar()) : Tensor.Zeros(output.Shape);

    public override TensorPullback Vjp(Tensor x, Tensor key, Tensor output) =>
        (g, first, _) => new(first ? Masked(g, key.ToScalar()) : null, null);

    internal override (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? key, Expr output, Expr g) =>
        (Expr.Operate(this, g, key!), null);

    private Tensor Masked(Tensor x, double key)
    {
        var source = x.Storage;
        var result = new double[source.Length];
        var scale = 1 / (1 - Rate);
        var seed = (ulong)BitConverter.DoubleToInt64Bits(key + 0.0); // + 0.0: −0 is the key 0
        for (var i = 0; i < result.Length; i++)
            result[i] = Uniform(seed, (ulong)i) < Rate ? 0 : source[i] * scale;
        return new(x.Shape, result);
    }

    /// <summary>
    /// A uniform number in [0, 1) for element <paramref name="index"/> under <paramref name="seed"/>: element index + 1 of
    /// the SplitMix64 sequence that starts from the mixed seed, a counter-based generator, so each element's draw needs
    /// no state and no order, and two keys give streams apart by a shift of about 2⁶³ on average.
    /// </summary>
    internal static double Uniform(ulong seed, ulong index) =>
        (Mix(Mix(seed) + (index + 1) * 0x9E3779B97F4A7C15UL) >> 11) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
