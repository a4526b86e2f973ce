namespace FunctionalAD;

// Building convolutional graphs: convolution and pooling over batches of images N×C×H×W.
public abstract partial class Expr
{
    /// <summary>
    /// The two-dimensional convolution (cross-correlation) of a batch of <paramref name="images"/> N×C×H×W with
    /// <paramref name="kernels"/> O×(C/groups)×kh×kw, to N×O×Ho×Wo with
    /// Ho = ⌊(H + 2·padding − dilation·(kh − 1) − 1) / stride⌋ + 1 (and Wo alike). Add a bias of shape O×1×1 to it.
    /// Its derivatives are its transposes, run as matrix products on the linear-algebra backend.
    /// </summary>
    /// <example><code>Expr.Relu(Expr.Conv2D(images, Expr.Input("K", Shape.Of(16, 1, 3, 3)), padding: 1) + Expr.Input("b", Shape.Of(16, 1, 1)))</code></example>
    /// <exception cref="ArgumentOutOfRangeException">The stride, dilation or groups is less than 1, or the padding is negative.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not convolve; the message names both.</exception>
    public static Expr Conv2D(Expr images, Expr kernels, int stride = 1, int padding = 0, int dilation = 1, int groups = 1) =>
        Conv2D(images, kernels, (stride, stride), (padding, padding), (dilation, dilation), groups);

    /// <summary>
    /// <see cref="Conv2D(Expr, Expr, int, int, int, int)"/> with a stride, a padding and a dilation of their own along
    /// the height and along the width.
    /// </summary>
    /// <example><code>Expr.Conv2D(images, kernels, stride: (1, 2), padding: (0, 1), dilation: (1, 1))</code></example>
    /// <exception cref="ArgumentOutOfRangeException">A stride, dilation or the groups is less than 1, or a padding is negative.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not convolve; the message names both.</exception>
    public static Expr Conv2D(Expr images, Expr kernels, (int Height, int Width) stride, (int Height, int Width) padding, (int Height, int Width) dilation, int groups = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Math.Min(stride.Height, stride.Width), 1, nameof(stride));
        ArgumentOutOfRangeException.ThrowIfNegative(Math.Min(padding.Height, padding.Width), nameof(padding));
        ArgumentOutOfRangeException.ThrowIfLessThan(Math.Min(dilation.Height, dilation.Width), 1, nameof(dilation));
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        var geometry = new ConvolutionGeometry(new(stride.Height, padding.Height, dilation.Height), new(stride.Width, padding.Width, dilation.Width), groups);
        return Operate(ConvolutionOperation.Convolve(geometry), images, kernels);
    }

    /// <summary>
    /// The transposed convolution (PyTorch's <c>conv_transpose2d</c>), the transpose of <see cref="Conv2D(Expr, Expr, int, int, int, int)"/>
    /// in its images: each of the <paramref name="images"/> N×Cin×H×W spreads over a window of the result through
    /// <paramref name="kernels"/> Cin×(Cout/groups)×kh×kw, to N×Cout×Ho×Wo with
    /// Ho = (H − 1)·stride − 2·padding + dilation·(kh − 1) + 1 + outputPadding (and Wo alike). It upsamples, as a decoder
    /// does; its derivatives are the convolution family's.
    /// </summary>
    /// <example><code>Expr.ConvTranspose2D(features, Expr.Input("K", Shape.Of(16, 8, 2, 2)), stride: 2)   // N×16×7×7 → N×8×14×14</code></example>
    /// <exception cref="ArgumentOutOfRangeException">The stride, dilation or groups is less than 1, the padding is negative, or the output padding is negative or not below the stride.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not fit; the message names both.</exception>
    public static Expr ConvTranspose2D(Expr images, Expr kernels, int stride = 1, int padding = 0, int outputPadding = 0, int dilation = 1, int groups = 1)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(kernels);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentOutOfRangeException.ThrowIfLessThan(dilation, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        // Below the stride, a convolution of the result gives back the images' size, so this is exactly its transpose.
        if (outputPadding < 0 || outputPadding >= stride)
            throw new ArgumentOutOfRangeException(nameof(outputPadding), outputPadding, "ConvTranspose2D: the output padding is at least 0 and below the stride.");
        Shape x = images.Shape, k = kernels.Shape;
        if (x.Rank != 4 || k.Rank != 4)
            throw new ShapeMismatchException("ConvTranspose2D",
                $"ConvTranspose2D: takes images batch × channels × height × width and kernels inputs × outputs per group × height × width, not {x} and {k}.");
        int Size(int input, int kernel) => (input - 1) * stride - 2 * padding + dilation * (kernel - 1) + 1 + outputPadding;
        var (height, width) = (Size(x[2], k[2]), Size(x[3], k[3]));
        if (height < 1 || width < 1)
            throw new ShapeMismatchException("ConvTranspose2D", $"ConvTranspose2D: images {x} with kernels {k}, padding {padding} give no output ({height}×{width}).");
        var geometry = new ConvolutionGeometry(new(stride, padding, dilation), new(stride, padding, dilation), groups);
        return Operate(ConvolutionOperation.ImagesTranspose(geometry, height, width), images, kernels);
    }

    /// <summary>
    /// The one-dimensional convolution of a batch of <paramref name="sequences"/> N×C×L with <paramref name="kernels"/>
    /// O×(C/groups)×k, to N×O×Lo with Lo = ⌊(L + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1: a
    /// <see cref="Conv2D(Expr, Expr, int, int, int, int)"/> over sequences seen as images of height 1, so its
    /// derivatives are that convolution's.
    /// </summary>
    /// <example><code>Expr.Conv1D(signals, Expr.Input("K", Shape.Of(8, 1, 5)), padding: 2)   // N×1×L → N×8×L</code></example>
    /// <exception cref="ArgumentOutOfRangeException">The stride, dilation or groups is less than 1, or the padding is negative.</exception>
    /// <exception cref="ShapeMismatchException">The sequences or kernels do not have rank 3, or they do not convolve.</exception>
    public static Expr Conv1D(Expr sequences, Expr kernels, int stride = 1, int padding = 0, int dilation = 1, int groups = 1)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(kernels);
        Shape x = sequences.Shape, k = kernels.Shape;
        if (x.Rank != 3 || k.Rank != 3)
            throw new ShapeMismatchException("Conv1D",
                $"Conv1D: takes sequences batch × channels × length and kernels outputs × inputs per group × length, not {x} and {k}.");
        var images = Reshape(sequences, Shape.Of(x[0], x[1], 1, x[2]));
        var rows = Reshape(kernels, Shape.Of(k[0], k[1], 1, k[2]));
        var convolved = Conv2D(images, rows, (1, stride), (0, padding), (1, dilation), groups);
        return Reshape(convolved, Shape.Of(convolved.Shape[0], convolved.Shape[1], convolved.Shape[3]));
    }

    /// <summary>
    /// Max pooling of a batch of <paramref name="images"/> N×C×H×W over windows of <paramref name="size"/> × size moved by
    /// <paramref name="stride"/> (by default the size: windows that do not overlap), to N×C×Ho×Wo with
    /// Ho = ⌊(H − size) / stride⌋ + 1. The derivative is that of each window's largest element (the first on ties).
    /// </summary>
    /// <example><code>Expr.MaxPool2D(features, 2)   // 64×16×26×26 → 64×16×13×13</code></example>
    /// <exception cref="ArgumentOutOfRangeException">The size or the stride is less than 1.</exception>
    /// <exception cref="ShapeMismatchException">The images do not have rank 4, or the window does not fit.</exception>
    public static Expr MaxPool2D(Expr images, int size, int? stride = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (stride is < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "MaxPool2D: the stride is at least 1.");
        return Operate(new MaxPoolOperation(SelectionRole.Select, size, stride ?? size), images);
    }

    /// <summary>
    /// Average pooling of a batch of <paramref name="images"/> N×C×H×W over windows of <paramref name="size"/> × size moved
    /// by <paramref name="stride"/> (by default the size), to N×C×Ho×Wo: a convolution of each channel with a constant
    /// kernel of 1/size², so it is linear and its derivative spreads each cotangent evenly over its window.
    /// </summary>
    /// <example><code>Expr.AvgPool2D(features, 2)   // 64×16×26×26 → 64×16×13×13</code></example>
    /// <exception cref="ArgumentOutOfRangeException">The size or the stride is less than 1.</exception>
    /// <exception cref="ShapeMismatchException">The images do not have rank 4, or the window does not fit.</exception>
    public static Expr AvgPool2D(Expr images, int size, int? stride = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (stride is < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "AvgPool2D: the stride is at least 1.");
        var shape = images.Shape;
        if (shape.Rank != 4)
            throw new ShapeMismatchException("AvgPool2D", $"AvgPool2D: the images must have rank 4 (batch × channels × height × width), not shape {shape}.");
        if (shape[2] < size || shape[3] < size)
            throw new ShapeMismatchException("AvgPool2D", $"AvgPool2D: a window of {size}×{size} does not fit in images {shape}.");
        var average = Constant(Tensor.Filled(Shape.Of(shape[1], 1, size, size), 1.0 / (size * size)));
        return Conv2D(images, average, stride ?? size, padding: 0, dilation: 1, groups: shape[1]);
    }
}
