namespace FunctionalAD;

/// <summary>
/// A convolutional layer, activation(Conv2D(x, K) + b); made by <see cref="Layer.Conv2D"/>. In a model its parameters
/// are named <c>K1</c>, <c>b1</c> for the first layer, <c>K2</c>, <c>b2</c> for the second, and so on.
/// </summary>
/// <remarks>
/// Kernels start uniform in ±√(6 / fan-in) before a rectifier (He et al., 2015), ±√(6 / (fan-in + fan-out))
/// otherwise, where the fan-in is channels × kernel² and the fan-out filters × kernel²; biases start at zero.
/// </remarks>
public sealed record ConvolutionLayer : Layer
{
    internal ConvolutionLayer(Shape input, int filters, int kernel, int stride, int padding, Activation activation)
        : base(input, Shape.Of(
            filters > 0 ? filters : throw new ArgumentOutOfRangeException(nameof(filters), filters, "A convolutional layer has at least one filter."),
            Extent(input, 1, kernel, stride, padding), Extent(input, 2, kernel, stride, padding)))
    {
        (Filters, Kernel, Stride, Padding, Activation) = (filters, kernel, stride, padding, activation);
    }

    /// <summary>The number of kernels, which is the number of output channels.</summary>
    public int Filters { get; }

    /// <summary>The height and width of each kernel.</summary>
    public int Kernel { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }

    /// <summary>The zeros added around each image.</summary>
    public int Padding { get; }

    /// <summary>The elementwise activation after the convolution.</summary>
    public Activation Activation { get; }

    /// <summary>The name of the kernels of the layer at <paramref name="position"/> (from 1) in a model.</summary>
    public static string KernelsName(int position) => $"K{position}";

    /// <summary>The name of the bias of the layer at <paramref name="position"/> (from 1) in a model.</summary>
    public static string BiasName(int position) => $"b{position}";

    private Shape KernelShape => Shape.Of(Filters, InputShape[0], Kernel, Kernel);

    internal override IEnumerable<(string Name, Shape Shape)> Parameters(int position) =>
        [(KernelsName(position), KernelShape), (BiasName(position), Shape.Of(Filters, 1, 1))];

    internal override IEnumerable<(string Name, Tensor Value)> Initialize(int position, Random random)
    {
        var (fanIn, fanOut) = (InputShape[0] * Kernel * Kernel, Filters * Kernel * Kernel);
        var limit = Math.Sqrt(6.0 / (Activation.IsRectifier ? fanIn : fanIn + fanOut));
        // Drawn in row-major order, so that a seed gives the same kernels whatever the storage order.
        var kernels = Tensor.Create(KernelShape, _ => (2 * random.NextDouble() - 1) * limit);
        return [(KernelsName(position), kernels), (BiasName(position), Tensor.Zeros(Shape.Of(Filters, 1, 1)))];
    }

    internal override Expr Apply(Expr x, int position)
    {
        var kernels = Expr.Input(KernelsName(position), KernelShape);
        var bias = Expr.Input(BiasName(position), Shape.Of(Filters, 1, 1));
        return Activation.Apply(Expr.Conv2D(x, kernels, Stride, Padding) + bias);
    }

    /// <summary><c>Conv2D(1×28×28 → 16×26×26, 3×3, relu)</c>.</summary>
    public override string ToString()
    {
        var text = $"Conv2D({InputShape} → {OutputShape}, {Kernel}×{Kernel}{(Stride == 1 ? "" : $", stride {Stride}")}{(Padding == 0 ? "" : $", padding {Padding}")}";
        return Activation == Activation.Identity ? text + ")" : $"{text}, {Activation})";
    }

    /// <summary>The output size along an axis of the image, checked here so the layer reports it by name.</summary>
    private static int Extent(Shape input, int axis, int kernel, int stride, int padding)
    {
        if (input.Rank != 3)
            throw new ShapeMismatchException("Conv2D", $"Conv2D: the layer takes images of channels × height × width, not shape {input}.");
        if (kernel < 1) throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "A kernel is at least 1×1.");
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "The stride is at least 1.");
        if (padding < 0) throw new ArgumentOutOfRangeException(nameof(padding), padding, "The padding cannot be negative.");
        var size = (input[axis] + 2 * padding - kernel) / stride + 1;
        return input[axis] + 2 * padding >= kernel
            ? size
            : throw new ShapeMismatchException("Conv2D", $"Conv2D: a {kernel}×{kernel} kernel does not fit in images {input} padded by {padding}.");
    }
}
