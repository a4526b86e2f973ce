namespace FunctionalAD;

/// <summary>
/// A node's pullback writing its argument cotangents into buffers the plan owns, for the rules whose results are
/// large and cheap to restate: <see cref="MatMulOperation"/>'s G·Bᵀ and Aᵀ·G on the linear-algebra backend and the
/// elementwise exp, log, tanh and relu (<see cref="ElementwiseKernels.UnaryPullbackInto"/>). They are the very calls the
/// rules make, so the bits are the rules'. A node none covers gets null and runs its own rule.
/// </summary>
internal abstract class BufferedPullback
{
    /// <summary>The sizes of the buffers for the first and the second argument's cotangent (0: none).</summary>
    public abstract (int First, int Second) Sizes { get; }

    /// <summary>
    /// The wanted cotangents for output cotangent <paramref name="g"/>, written into <paramref name="bx"/> and
    /// <paramref name="by"/>, or into fresh arrays where they are null (a cotangent that is handed out).
    /// </summary>
    public abstract TensorCotangents Run(Tensor x, Tensor y, Tensor z, Tensor g, bool first, bool second, double[]? bx, double[]? by);

    /// <summary>The pullback for <paramref name="node"/>, or null when its cotangents must come from its rule.</summary>
    public static BufferedPullback? For(Expr node) => node switch
    {
        _ when node.Shape.IsScalar => null,
        ApplyNode { Primitive: var p } a when a.First.Shape == node.Shape
            && (ReferenceEquals(p, Primitives.Exp) || ReferenceEquals(p, Primitives.Log) || ReferenceEquals(p, Primitives.Tanh)
                || ReferenceEquals(p, Primitives.Relu)) =>
            new Unary(p, node.Shape),
        ApplyNode { Primitive: MatMulOperation, Second: { } b } o => new Product(o.First.Shape, b.Shape),
        _ => null,
    };

    private sealed class Unary(Primitive primitive, Shape shape) : BufferedPullback
    {
        public override (int First, int Second) Sizes => (shape.Count, 0);

        public override TensorCotangents Run(Tensor x, Tensor y, Tensor z, Tensor g, bool first, bool second, double[]? bx, double[]? by)
        {
            if (!first) return new(null, null);
            bx ??= new double[shape.Count];
            ElementwiseKernels.UnaryPullbackInto(primitive, x, z, g, bx);
            return new(new Tensor(shape, bx), null);
        }
    }

    /// <summary>(G·Bᵀ, Aᵀ·G) as <see cref="MatMulOperation.Vjp"/> computes them, each into a zeroed buffer.</summary>
    private sealed class Product(Shape a, Shape b) : BufferedPullback
    {
        public override (int First, int Second) Sizes => (a.Count, b.Count);

        public override TensorCotangents Run(Tensor x, Tensor y, Tensor z, Tensor g, bool first, bool second, double[]? bx, double[]? by)
        {
            Tensor? ga = null, gb = null;
            if (first)
            {
                if (bx is null) bx = new double[a.Count];
                else Array.Clear(bx);
                MatMulOperation.FirstCotangent(x, y, g, bx);
                ga = new Tensor(a, bx);
            }
            if (second)
            {
                if (by is null) by = new double[b.Count];
                else Array.Clear(by);
                MatMulOperation.SecondCotangent(x, y, g, by);
                gb = new Tensor(b, by);
            }
            return new(ga, gb);
        }
    }
}
