namespace FunctionalAD;

/// <summary>
/// A node's value written into a buffer the plan owns, chosen once from the node's static shapes: the elementwise
/// kernels (<see cref="ElementwiseKernels.ValueInto"/>, where <see cref="ElementwiseKernels.Covers"/> says they apply)
/// and <see cref="MatMulOperation.Product"/> on the linear-algebra backend. They are the very calls the rules make, so
/// the bits are the rules'; a property over random graphs checks it. A node no kernel covers gets null and runs its
/// own rule.
/// </summary>
internal abstract class BufferedKernel
{
    /// <summary>Writes the node's value for arguments <paramref name="x"/>, <paramref name="y"/> into <paramref name="result"/>.</summary>
    public abstract void Run(Tensor x, Tensor y, double[] result);

    /// <summary>The kernel for <paramref name="node"/>, or null when its value must come from its rule.</summary>
    public static BufferedKernel? For(Expr node) => node switch
    {
        ApplyNode { Primitive: ElementwisePrimitive p } a when ElementwiseKernels.Covers(p, a.First.Shape, a.Second?.Shape ?? Shape.Scalar, node.Shape) =>
            new Elementwise(p, node.Shape),
        ApplyNode { Primitive: MatMulOperation, Second: not null } => new Product(),
        _ => null,
    };

    private sealed class Elementwise(Primitive primitive, Shape shape) : BufferedKernel
    {
        public override void Run(Tensor x, Tensor y, double[] result) => ElementwiseKernels.ValueInto(primitive, x, y, shape, result);
    }

    /// <summary>A·B as <see cref="MatMulOperation.Value"/> computes it: one product with beta = 0 into a zeroed array.</summary>
    private sealed class Product : BufferedKernel
    {
        public override void Run(Tensor x, Tensor y, double[] result)
        {
            Array.Clear(result); // the rule's array is fresh: zeros, whatever a backend reads with beta = 0
            MatMulOperation.Product(x, y, 0, result);
        }
    }
}
