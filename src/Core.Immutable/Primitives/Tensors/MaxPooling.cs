using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// Two-dimensional max pooling of a batch of images N×C×H×W over windows of size × size, moved by stride, to N×C×Ho×Wo
/// with Ho = ⌊(H − size) / stride⌋ + 1. Each window passes on the element where it is largest — the first such in
/// row-major order on ties, and NaN if the window holds one — so the derivative is that element's: the tangent is
/// gathered from there and the cotangent scattered back there. The choice of element is constant almost everywhere,
/// so the gather and the scatter are linear in their second argument and have no derivative in the first: the second
/// derivative of a pool is zero (<see cref="SelectionOperation"/>).
/// </summary>
internal sealed class MaxPoolOperation(SelectionRole role, int size, int stride) : SelectionOperation(role)
{
    public int Size { get; } = size;

    public int Stride { get; } = stride;

    public override string Name => "MaxPool2D" + RoleSuffix;

    public override ImmutableArray<double> Parameters => [Size, Stride];

    internal override string? ParameterText => string.Create(CultureInfo.InvariantCulture, $"size: {Size}, stride: {Stride}");

    private protected override Shape Selected(Shape x)
    {
        if (x.Rank != 4) throw Mismatch($"the images must have rank 4 (batch × channels × height × width), not shape {x}.");
        if (x[2] < Size || x[3] < Size) throw Mismatch($"a window of {Size}×{Size} does not fit in images {x}.");
        return Pooled(x);
    }

    private protected override SelectionOperation In(SelectionRole role) => new MaxPoolOperation(role, Size, Stride);

    /// <summary>In a reverse sweep the pool keeps which element each window chose, so that the pullback does not search again.</summary>
    internal override Tensor ValueForVjp(ReadOnlySpan<Tensor> arguments, Shape shape, ReverseOptions options, out object? saved)
    {
        if (Role != SelectionRole.Select) return base.ValueForVjp(arguments, shape, options, out saved);
        var chosen = Chosen(arguments[0]);
        saved = chosen;
        return Gathered(arguments[0], arguments[0], chosen);
    }

    internal override void VjpFromSaved(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, ReadOnlySpan<bool> wanted, Span<Tensor?> cotangents, object? saved)
    {
        if (saved is int[] chosen && wanted[0]) cotangents[0] = Scattered(arguments[0], cotangent, chosen);
        else base.VjpFromSaved(arguments, output, cotangent, wanted, cotangents, saved);
    }

    private protected override Tensor Gathered(Tensor x, Tensor t) => Gathered(x, t, Chosen(x));

    private protected override Tensor Scattered(Tensor x, Tensor g) => Scattered(x, g, Chosen(x));

    private Tensor Gathered(Tensor x, Tensor t, int[] chosen)
    {
        var values = t.Storage;
        var result = new double[chosen.Length];
        for (var o = 0; o < result.Length; o++) result[o] = values[chosen[o]];
        return new(Pooled(x.Shape), result);
    }

    private Tensor Scattered(Tensor x, Tensor g, int[] chosen)
    {
        var values = g.Storage;
        var result = new double[x.Shape.Count];
        for (var o = 0; o < chosen.Length; o++) result[chosen[o]] += values[o];
        return new(x.Shape, result);
    }

    private Shape Pooled(Shape x) => Shape.Of(x[0], x[1], (x[2] - Size) / Stride + 1, (x[3] - Size) / Stride + 1);

    /// <summary>For each pooled element, in storage order, the storage index in x of its window's chosen element.</summary>
    private int[] Chosen(Tensor x)
    {
        var shape = x.Shape;
        int batch = shape[0], channels = shape[1], height = shape[2];
        var pooled = Pooled(shape);
        int outHeight = pooled[2], outWidth = pooled[3];
        var planes = batch * channels; // n + N·c: the first two axes, fastest in storage
        var values = x.Storage;
        var chosen = new int[pooled.Count];
        for (var wo = 0; wo < outWidth; wo++)
        for (var ho = 0; ho < outHeight; ho++)
        for (var plane = 0; plane < planes; plane++)
        {
            int best = -1;
            var largest = double.NegativeInfinity;
            // Row-major within the window: the first largest wins a tie; a NaN wins outright.
            for (var i = 0; i < Size && !double.IsNaN(largest); i++)
            for (var j = 0; j < Size; j++)
            {
                var index = plane + planes * (ho * Stride + i + height * (wo * Stride + j));
                var v = values[index];
                if (best < 0 || v > largest || double.IsNaN(v))
                {
                    (best, largest) = (index, v);
                    if (double.IsNaN(v)) break;
                }
            }
            chosen[plane + planes * (ho + outHeight * wo)] = best;
        }
        return chosen;
    }
}
