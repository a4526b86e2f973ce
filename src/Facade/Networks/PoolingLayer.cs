namespace FunctionalAD;

/// <summary>A max-pooling layer, made by <see cref="Layer.MaxPool2D"/>: the largest value of each window. No parameters.</summary>
public sealed record PoolingLayer : Layer
{
    internal PoolingLayer(Shape input, int size, int stride)
        : base(input, Pooled(input, size, stride)) => (Size, Stride) = (size, stride);

    /// <summary>The height and width of each window.</summary>
    public int Size { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }

    internal override IEnumerable<(string Name, Shape Shape)> Parameters(int position) => [];

    internal override IEnumerable<(string Name, Tensor Value)> Initialize(int position, Random random) => [];

    internal override Expr Apply(Expr x, int position) => Expr.MaxPool2D(x, Size, Stride);

    /// <summary><c>MaxPool2D(16×26×26 → 16×13×13)</c>.</summary>
    public override string ToString() => $"MaxPool2D({InputShape} → {OutputShape})";

    private static Shape Pooled(Shape input, int size, int stride)
    {
        if (input.Rank != 3)
            throw new ShapeMismatchException("MaxPool2D", $"MaxPool2D: the layer takes images of channels × height × width, not shape {input}.");
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "A window is at least 1×1.");
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "The stride is at least 1.");
        if (input[1] < size || input[2] < size)
            throw new ShapeMismatchException("MaxPool2D", $"MaxPool2D: a {size}×{size} window does not fit in images {input}.");
        return Shape.Of(input[0], (input[1] - size) / stride + 1, (input[2] - size) / stride + 1);
    }
}
