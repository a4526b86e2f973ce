using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>What a node of the convolution family computes; each is bilinear, and each one's transposes are the other two.</summary>
internal enum ConvolutionRole
{
    /// <summary><c>Conv2D(x, k)</c>: images N×C×H×W and kernels O×(C/groups)×kh×kw to N×O×Ho×Wo.</summary>
    Convolve,

    /// <summary>The transpose in the images: cotangents N×O×Ho×Wo and kernels back to images N×C×H×W.</summary>
    ImagesTranspose,

    /// <summary>The transpose in the kernels: images and cotangents N×O×Ho×Wo to kernels O×(C/groups)×kh×kw.</summary>
    KernelsTranspose,
}

/// <summary>
/// Two-dimensional convolution (cross-correlation, as in every deep-learning library) of a batch of images N×C×H×W with
/// kernels O×(C/groups)×kh×kw, with stride, zero padding, dilation and groups, to N×O×Ho×Wo, where
/// Ho = ⌊(H + 2·padding − dilation·(kh − 1) − 1) / stride⌋ + 1 (and Wo alike). It is bilinear, so its derivatives are
/// itself and its two transposes: with y = conv(x, k), x̄ = convᵀₓ(ȳ, k) and k̄ = convᵀₖ(x, ȳ); the transposes
/// differentiate into the same three, so gradient graphs and Hessians close over the family. Each runs as one matrix
/// product per group on the linear-algebra backend, through the images unrolled into columns (im2col).
/// </summary>
internal sealed class ConvolutionOperation : TensorOperation
{
    private ConvolutionOperation(ConvolutionRole role, ConvolutionGeometry geometry, int first, int second)
    {
        Role = role;
        Geometry = geometry;
        (First, Second) = (first, second);
    }

    /// <summary>The convolution itself.</summary>
    public static ConvolutionOperation Convolve(ConvolutionGeometry geometry) => new(ConvolutionRole.Convolve, geometry, 0, 0);

    /// <summary>The transpose in the images, to images of <paramref name="height"/> × <paramref name="width"/>.</summary>
    public static ConvolutionOperation ImagesTranspose(ConvolutionGeometry geometry, int height, int width) =>
        new(ConvolutionRole.ImagesTranspose, geometry, height, width);

    /// <summary>The transpose in the kernels, to kernels of <paramref name="height"/> × <paramref name="width"/>.</summary>
    public static ConvolutionOperation KernelsTranspose(ConvolutionGeometry geometry, int height, int width) =>
        new(ConvolutionRole.KernelsTranspose, geometry, height, width);

    public ConvolutionRole Role { get; }

    public ConvolutionGeometry Geometry { get; }

    /// <summary>With a transpose: the height of what it gives back (images or kernels), which its arguments do not fix.</summary>
    private int First { get; }

    /// <summary>With a transpose: the width of what it gives back.</summary>
    private int Second { get; }

    public override string Name => Role switch
    {
        ConvolutionRole.Convolve => "Conv2D",
        ConvolutionRole.ImagesTranspose => "Conv2DImagesTranspose",
        _ => "Conv2DKernelsTranspose",
    };

    public override int Arity => 2;

    public override ImmutableArray<double> Parameters =>
        [Geometry.Height.Stride, Geometry.Width.Stride, Geometry.Height.Padding, Geometry.Width.Padding,
         Geometry.Height.Dilation, Geometry.Width.Dilation, Geometry.Groups, First, Second];

    internal override string? ParameterText
    {
        get
        {
            var g = Geometry;
            var text = string.Create(CultureInfo.InvariantCulture,
                $"stride: {Pair(g.Height.Stride, g.Width.Stride)}, padding: {Pair(g.Height.Padding, g.Width.Padding)}, dilation: {Pair(g.Height.Dilation, g.Width.Dilation)}, groups: {g.Groups}");
            return Role == ConvolutionRole.Convolve ? text : string.Create(CultureInfo.InvariantCulture, $"{text}, size: {First}×{Second}");
        }
    }

    private static string Pair(int height, int width) =>
        height == width ? height.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"({height}, {width})");

    public override Shape OutputShape(Shape a, Shape b)
    {
        Shape? images = Role == ConvolutionRole.ImagesTranspose ? null : a;
        Shape? kernels = Role == ConvolutionRole.KernelsTranspose ? null : b;
        Shape? cotangents = Role switch { ConvolutionRole.Convolve => null, ConvolutionRole.ImagesTranspose => a, _ => b };
        RequireRankFour(images, "images");
        RequireRankFour(kernels, "kernels");
        RequireRankFour(cotangents, "cotangents");
        return Role switch
        {
            ConvolutionRole.Convolve => Convolved(images!.Value, kernels!.Value),
            ConvolutionRole.ImagesTranspose => Checked(Shape.Of(cotangents!.Value[0], kernels!.Value[1] * Geometry.Groups, First, Second), kernels.Value, cotangents.Value),
            _ => Checked(images!.Value, Shape.Of(cotangents!.Value[1], images.Value[1] / Math.Max(Geometry.Groups, 1), First, Second), cotangents.Value),
        };

        // A transpose gives back what the convolution took: its arguments must be what that convolution gives.
        Shape Checked(Shape x, Shape k, Shape y)
        {
            var convolved = Convolved(x, k);
            if (convolved != y)
                throw Mismatch($"cotangents of shape {y} do not fit images {x} and kernels {k}, which convolve to {convolved}.");
            return Role == ConvolutionRole.ImagesTranspose ? x : k;
        }
    }

    private void RequireRankFour(Shape? shape, string what)
    {
        if (shape is { } s && s.Rank != 4)
            throw Mismatch($"the {what} must have rank 4 ({(what == "kernels" ? "outputs × inputs per group × height × width" : "batch × channels × height × width")}), not shape {s}.");
    }

    /// <summary>The shape rule of the convolution: N×O×Ho×Wo, or an error naming both shapes.</summary>
    private Shape Convolved(Shape x, Shape k)
    {
        var g = Geometry;
        if (x[1] % g.Groups != 0 || k[0] % g.Groups != 0)
            throw Mismatch($"images {x} and kernels {k}: the {x[1]} channels and {k[0]} outputs must both divide into {g.Groups} groups.");
        if (x[1] / g.Groups != k[1])
            throw Mismatch($"images {x} have {x[1]} channels, {x[1] / g.Groups} per group, but kernels {k} take {k[1]}.");
        int height = g.Height.Extent(x[2], k[2]), width = g.Width.Extent(x[3], k[3]);
        if (height < 1 || width < 1 || x[2] + 2 * g.Height.Padding < g.Height.Dilation * (k[2] - 1) + 1 || x[3] + 2 * g.Width.Padding < g.Width.Dilation * (k[3] - 1) + 1)
            throw Mismatch($"kernels {k} (dilation {Pair(g.Height.Dilation, g.Width.Dilation)}) do not fit in images {x} padded by {Pair(g.Height.Padding, g.Width.Padding)}.");
        return Shape.Of(x[0], k[0], height, width);
    }

    public override Tensor Value(Tensor a, Tensor b)
    {
        var shape = OutputShape(a.Shape, b.Shape);
        return Role switch
        {
            ConvolutionRole.Convolve => ConvolutionKernels.Convolve(a, b, shape, Geometry, keep: false, out _),
            ConvolutionRole.ImagesTranspose => ConvolutionKernels.ImagesTranspose(a, b, shape, Geometry),
            _ => ConvolutionKernels.KernelsTranspose(a, b, shape, Geometry),
        };
    }

    /// <summary>Bilinear: the tangent is the operation of (da, b) plus that of (a, db).</summary>
    public override Tensor Jvp(Tensor a, Tensor b, Tensor output, Tensor? da, Tensor? db) =>
        Kernels.Add(da is { } x ? Value(x, b) : null, db is { } y ? Value(a, y) : null)!.Value;

    public override TensorPullback Vjp(Tensor a, Tensor b, Tensor output) => (g, first, second) =>
    {
        var (ta, tb) = Transposes(a.Shape, b.Shape);
        return new(first ? ta.Apply(g, b) : null, second ? tb.Apply(g, a) : null);
    };

    /// <summary>In a reverse sweep the convolution keeps the unrolled images, so that the kernels' cotangent does not unroll them again.</summary>
    internal override Tensor ValueForVjp(ReadOnlySpan<Tensor> arguments, Shape shape, ReverseOptions options, out object? saved)
    {
        if (Role != ConvolutionRole.Convolve) return base.ValueForVjp(arguments, shape, options, out saved);
        var value = ConvolutionKernels.Convolve(arguments[0], arguments[1], shape, Geometry, keep: true, out var unrolled);
        saved = unrolled;
        return value;
    }

    internal override void VjpFromSaved(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, ReadOnlySpan<bool> wanted, Span<Tensor?> cotangents, object? saved)
    {
        if (saved is not double[][] unrolled)
        {
            base.VjpFromSaved(arguments, output, cotangent, wanted, cotangents, saved);
            return;
        }
        var (x, k) = (arguments[0], arguments[1]);
        cotangents[0] = wanted[0] ? Transposes(x.Shape, k.Shape).First.Apply(cotangent, k) : null;
        cotangents[1] = wanted[1] ? ConvolutionKernels.KernelsTranspose(x, cotangent, k.Shape, Geometry, unrolled) : null;
    }

    internal override (Expr? First, Expr? Second) VjpGraph(Expr a, Expr? b, Expr output, Expr g)
    {
        var (ta, tb) = Transposes(a.Shape, b!.Shape);
        return (ta.Graph(g, b), tb.Graph(g, a));
    }

    /// <summary>
    /// The transposes in the first and second argument, each as the operation and the order of its arguments: with
    /// y = conv(x, k), x̄ = convᵀₓ(ȳ, k) and k̄ = convᵀₖ(x, ȳ); with z = convᵀₓ(g, k), ḡ = conv(z̄, k) and k̄ = convᵀₖ(z̄, g);
    /// with w = convᵀₖ(x, g), x̄ = convᵀₓ(g, w̄) and ḡ = conv(x, w̄).
    /// </summary>
    private (Transposed First, Transposed Second) Transposes(Shape a, Shape b) => Role switch
    {
        ConvolutionRole.Convolve => (new(ImagesTranspose(Geometry, a[2], a[3]), CotangentFirst: true),
                                     new(KernelsTranspose(Geometry, b[2], b[3]), CotangentFirst: false)),
        ConvolutionRole.ImagesTranspose => (new(Convolve(Geometry), CotangentFirst: true),
                                            new(KernelsTranspose(Geometry, b[2], b[3]), CotangentFirst: true)),
        _ => (new(ImagesTranspose(Geometry, a[2], a[3]), CotangentFirst: false),
              new(Convolve(Geometry), CotangentFirst: false)),
    };

    /// <summary>A transpose: the operation, and whether the output's cotangent is its first argument (the other argument second).</summary>
    private readonly record struct Transposed(ConvolutionOperation Operation, bool CotangentFirst)
    {
        public Tensor Apply(Tensor cotangent, Tensor other) =>
            CotangentFirst ? Operation.Value(cotangent, other) : Operation.Value(other, cotangent);

        public Expr Graph(Expr cotangent, Expr other) =>
            CotangentFirst ? Expr.Operate(Operation, cotangent, other) : Expr.Operate(Operation, other, cotangent);
    }
}

/// <summary>Stride, zero padding and dilation along height and along width, and the groups, of a convolution.</summary>
internal readonly record struct ConvolutionGeometry(ConvolutionAxis Height, ConvolutionAxis Width, int Groups);

/// <summary>Stride, zero padding (on each side) and dilation of a convolution along one axis.</summary>
internal readonly record struct ConvolutionAxis(int Stride, int Padding, int Dilation)
{
    /// <summary>The output size along an axis of <paramref name="size"/> for a kernel of <paramref name="kernel"/>.</summary>
    public int Extent(int size, int kernel) => (size + 2 * Padding - Dilation * (kernel - 1) - 1) / Stride + 1;
}
