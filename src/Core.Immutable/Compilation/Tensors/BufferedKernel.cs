using System.Numerics.Tensors;

namespace FunctionalAD;

/// <summary>
/// A node's value written into a buffer the plan owns, chosen once from the node's static shapes: the elementwise
/// kernels of <see cref="ElementwiseKernels.Value"/> (negation, exp, log, tanh; + − × ÷ on equal shapes, with a
/// scalar, a row or a column) and <see cref="MatMulOperation"/> on the linear-algebra backend. Each makes the same
/// calls in the same order as the rule it stands for, so the bits are the rule's; a property over random graphs
/// checks it. A node no kernel covers gets null and runs its own rule.
/// </summary>
internal abstract class BufferedKernel
{
    /// <summary>Writes the node's value for arguments <paramref name="x"/>, <paramref name="y"/> into <paramref name="result"/>.</summary>
    public abstract void Run(Tensor x, Tensor y, double[] result);

    /// <summary>The kernel for <paramref name="node"/>, or null when its value must come from its rule.</summary>
    public static BufferedKernel? For(Expr node)
    {
        var shape = node.Shape;
        if (shape.IsScalar) return null;
        return node switch
        {
            ApplyNode { Primitive.Arity: 1 } a when a.First.Shape == shape => Unary.For(a.Primitive),
            ApplyNode { Second: { } second } a => Binary.For(a.Primitive, a.First.Shape, second.Shape, shape),
            OperationNode { Operation: MatMulOperation, Second: { } b } o => new Product(o.First.Shape, b.Shape),
            _ => null,
        };
    }

    private sealed class Unary(Action<double[], double[]> run) : BufferedKernel
    {
        public static Unary? For(Primitive p) =>
            ReferenceEquals(p, Primitives.Negate) ? new((x, r) => TensorPrimitives.Negate(x, r))
            : ReferenceEquals(p, Primitives.Exp) ? new((x, r) => TensorPrimitives.Exp(x, r))
            : ReferenceEquals(p, Primitives.Log) ? new(static (x, r) => { for (var k = 0; k < r.Length; k++) r[k] = Math.Log(x[k]); })
            : ReferenceEquals(p, Primitives.Tanh) ? new(static (x, r) => { for (var k = 0; k < r.Length; k++) r[k] = Math.Tanh(x[k]); })
            : null;

        public override void Run(Tensor x, Tensor y, double[] result) => run(x.Storage, result);
    }

    /// <summary>+ − × ÷ with the broadcasts the elementwise kernels cover, in their argument orders.</summary>
    private sealed class Binary(int op, Broadcast broadcast, int rows, int columns) : BufferedKernel
    {
        public static Binary? For(Primitive p, Shape x, Shape y, Shape shape)
        {
            var op = ReferenceEquals(p, Primitives.Add) ? 0
                : ReferenceEquals(p, Primitives.Subtract) ? 1
                : ReferenceEquals(p, Primitives.Multiply) ? 2
                : ReferenceEquals(p, Primitives.Divide) ? 3
                : -1;
            if (op < 0) return null;
            Broadcast? broadcast =
                x == shape && y == shape ? Broadcast.None
                : x == shape && y.IsScalar ? Broadcast.RightScalar
                : y == shape && x.IsScalar ? Broadcast.LeftScalar
                : x == shape && shape.Rank == 2 && (y == Shape.Vector(shape[1]) || y == Shape.Matrix(1, shape[1])) ? Broadcast.Row
                : x == shape && shape.Rank == 2 && y == Shape.Matrix(shape[0], 1) ? Broadcast.Column
                : null;
            return broadcast is { } b ? new Binary(op, b, shape.PaddedRows, shape.PaddedColumns) : null;
        }

        public override void Run(Tensor x, Tensor y, double[] result)
        {
            switch (broadcast)
            {
                case Broadcast.None: Spans(x.Storage, y.Storage, result); break;
                case Broadcast.RightScalar: Right(x.Storage, y.ToScalar(), result); break;
                case Broadcast.LeftScalar: Left(x.ToScalar(), y.Storage, result); break;
                case Broadcast.Row:
                {
                    var (xs, ys) = (x.Storage, y.Storage);
                    for (var j = 0; j < columns; j++) Right(xs.AsSpan(j * rows, rows), ys[j], result.AsSpan(j * rows, rows));
                    break;
                }
                default:
                {
                    var (xs, ys) = (x.Storage, y.Storage);
                    for (var j = 0; j < columns; j++) Spans(xs.AsSpan(j * rows, rows), ys, result.AsSpan(j * rows, rows));
                    break;
                }
            }
        }

        private void Spans(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> r)
        {
            switch (op)
            {
                case 0: TensorPrimitives.Add(x, y, r); break;
                case 1: TensorPrimitives.Subtract(x, y, r); break;
                case 2: TensorPrimitives.Multiply(x, y, r); break;
                default: TensorPrimitives.Divide(x, y, r); break;
            }
        }

        private void Right(ReadOnlySpan<double> x, double y, Span<double> r)
        {
            switch (op)
            {
                case 0: TensorPrimitives.Add(x, y, r); break;
                case 1: TensorPrimitives.Subtract(x, y, r); break;
                case 2: TensorPrimitives.Multiply(x, y, r); break;
                default: TensorPrimitives.Divide(x, y, r); break;
            }
        }

        private void Left(double x, ReadOnlySpan<double> y, Span<double> r)
        {
            switch (op)
            {
                case 0: TensorPrimitives.Add(y, x, r); break; // as the kernel: x + y = y + x exactly
                case 1: TensorPrimitives.Subtract(x, y, r); break;
                case 2: TensorPrimitives.Multiply(y, x, r); break;
                default: TensorPrimitives.Divide(x, y, r); break;
            }
        }
    }

    private enum Broadcast
    {
        None,
        RightScalar,
        LeftScalar,
        Row,
        Column,
    }

    /// <summary>A·B as <see cref="MatMulOperation.Value"/> computes it: one product with beta = 0 into a zeroed array.</summary>
    private sealed class Product(Shape a, Shape b) : BufferedKernel
    {
        public override void Run(Tensor x, Tensor y, double[] result)
        {
            var products = LinearAlgebra.Products;
            int m = a[0], k = a[1];
            Array.Clear(result); // the rule's array is fresh: zeros, whatever a backend reads with beta = 0
            if (b.Rank == 1) products.Gemv(false, m, k, x.Storage, y.Storage, 0, result);
            else products.Gemm(false, false, m, b[1], k, x.Storage, m, y.Storage, k, 0, result);
        }
    }
}
