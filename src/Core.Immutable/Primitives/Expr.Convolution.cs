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
    public static Expr Conv2D(Expr images, Expr kernels, int stride = 1, int padding = 0, int dilation = 1, int groups = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentOutOfRangeException.ThrowIfLessThan(dilation, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        return Operate(ConvolutionOperation.Convolve(new ConvolutionGeometry(stride, padding, dilation, groups)), images, kernels);
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
        return Operate(new MaxPoolOperation(MaxPoolRole.Pool, size, stride ?? size), images);
    }
}
