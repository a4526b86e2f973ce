using System.Numerics.Tensors;

namespace FunctionalAD;

/// <summary>
/// A node's pullback writing its argument cotangents into buffers the plan owns, for the rules whose results are
/// large and cheap to restate: <see cref="MatMulOperation"/>'s G·Bᵀ and Aᵀ·G on the linear-algebra backend and
/// tanh's Times(1 − z², g) (<see cref="ElementwiseKernels.Vjp"/>). Each makes the same calls in the same order as the
/// rule, so the bits are the rule's. A node none covers gets null and runs its own rule.
/// </summary>
internal abstract class BufferedPullback
{
    /// <summary>The sizes of the buffers for the first and the second argument's cotangent (0: none).</summary>
    public abstract (int First, int Second) Sizes { get; }

    /// <summary>The wanted cotangents for output cotangent <paramref name="g"/>, written into <paramref name="bx"/> and <paramref name="by"/>.</summary>
    public abstract TensorCotangents Run(Tensor x, Tensor y, Tensor z, Tensor g, bool first, bool second, double[]? bx, double[]? by);

    /// <summary>The pullback for <paramref name="node"/>, or null when its cotangents must come from its rule.</summary>
    public static BufferedPullback? For(Expr node) => node switch
    {
        _ when node.Shape.IsScalar => null,
        ApplyNode a when ReferenceEquals(a.Primitive, Primitives.Tanh) => new Tanh(node.Shape),
        OperationNode { Operation: MatMulOperation, Second: { } b } o => new Product(o.First.Shape, b.Shape),
        _ => null,
    };

    private sealed class Tanh(Shape shape) : BufferedPullback
    {
        public override (int First, int Second) Sizes => (shape.Count, 0);

        public override TensorCotangents Run(Tensor x, Tensor y, Tensor z, Tensor g, bool first, bool second, double[]? bx, double[]? by)
        {
            if (!first) return new(null, null);
            TensorPrimitives.Multiply(z.Storage, z.Storage, bx!);
            TensorPrimitives.Subtract(1.0, bx!, bx!); // 1 − z², rounded as the scalar rule rounds it
            Kernels.StrongMultiply(bx!, g.Storage, bx!);
            return new(new Tensor(shape, bx!), null);
        }
    }

    /// <summary>(G·Bᵀ, Aᵀ·G) as <see cref="MatMulOperation.Vjp"/> computes them, each into a zeroed buffer with beta = 0.</summary>
    private sealed class Product(Shape a, Shape b) : BufferedPullback
    {
        public override (int First, int Second) Sizes => (a.Count, b.Count);

        public override TensorCotangents Run(Tensor x, Tensor y, Tensor z, Tensor g, bool first, bool second, double[]? bx, double[]? by)
        {
            var products = LinearAlgebra.Products;
            int m = a[0], k = a[1];
            var vector = b.Rank == 1;
            var n = vector ? 1 : b[1];
            Tensor? ga = null, gb = null;
            if (first)
            {
                Array.Clear(bx!);
                products.Gemm(false, true, m, k, n, g.Storage, m, y.Storage, k, 0, bx!);
                ga = new Tensor(a, bx!);
            }
            if (second)
            {
                Array.Clear(by!);
                if (vector) products.Gemv(true, m, k, x.Storage, g.Storage, 0, by!);
                else products.Gemm(true, false, k, n, m, x.Storage, m, g.Storage, m, 0, by!);
                gb = new Tensor(b, by!);
            }
            return new(ga, gb);
        }
    }
}
