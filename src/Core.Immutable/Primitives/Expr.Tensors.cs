namespace FunctionalAD;

// Building tensor graphs: shaped inputs, tensor constants and one static function per tensor operation. Every
// shape is checked here, when the node is built; a mismatch names the operation and the shapes.
public abstract partial class Expr
{
    /// <summary>A named input of the given shape, bound to a tensor of that shape by <see cref="Bindings"/>.</summary>
    /// <example><code>var w = Expr.Input("W", Shape.Matrix(3, 4));</code></example>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    public static Expr Input(string name, Shape shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new InputNode(name, shape);
    }

    /// <summary>A constant node holding <paramref name="value"/>, a scalar, vector or matrix.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)] // a number converts to a Tensor and back: take this one
    public static Expr Constant(Tensor value) => new ConstantNode(value);

    /// <summary>Applies a unary tensor operation, checking the argument's shape.</summary>
    internal static Expr Operate(TensorOperation operation, Expr x) => Apply(operation, x);

    /// <summary>Applies a binary tensor operation, checking the arguments' shapes.</summary>
    internal static Expr Operate(TensorOperation operation, Expr x, Expr y) => Apply(operation, x, y);

    /// <summary>
    /// The matrix product <c>A·B</c> (m×k by k×n is m×n) or matrix–vector product (m×k by k is m); with an argument of
    /// rank 3 or more, the batched product as numpy's <c>matmul</c>: the last two axes are the matrices, and the axes
    /// before them are batch axes, which broadcast (…×m×k by …×k×n is …×m×n).
    /// </summary>
    /// <example><code>Expr.MatMul(queries, Expr.Permute(keys, [0, 2, 1]))   // B×T×d by B×d×T is B×T×T</code></example>
    /// <exception cref="ShapeMismatchException">The shapes do not multiply, e.g. <c>MatMul: cannot multiply 3×4 by 5×2</c>.</exception>
    public static Expr MatMul(Expr a, Expr b) =>
        ShapeOf(a).Rank > 2 || ShapeOf(b).Rank > 2 ? BatchedMatMul(a, b) : Operate(MatMulOperation.Instance, a, b);

    /// <summary>
    /// The batched product: both arguments broadcast to the common batch axes, the batch moved last and flattened, so each
    /// pair of matrices is one slab of <see cref="BatchedProductOperation"/>; then the result is put back batch-first.
    /// </summary>
    private static Expr BatchedMatMul(Expr a, Expr b)
    {
        Shape x = ShapeOf(a), y = ShapeOf(b);
        if (x.Rank < 2 || y.Rank < 2 || x[x.Rank - 1] != y[y.Rank - 2])
            throw new ShapeMismatchException("MatMul",
                $"MatMul: cannot multiply {x} by {y}: a batched product takes …×m×k by …×k×n (both of rank 2 or more, the inner dimensions equal).");
        int m = x[x.Rank - 2], k = x[x.Rank - 1], n = y[y.Rank - 1];
        var batch = BroadcastRule.Shape("MatMul", Shape.Of([.. x.Dimensions.SkipLast(2)]), Shape.Of([.. y.Dimensions.SkipLast(2)]));
        if (batch.HasFreeBatch && batch.Rank > 1)
            throw new ShapeMismatchException("MatMul", $"MatMul: the batch axes {batch} of {x} by {y} hold the free batch dimension N beside others; give the graph a batch size first (Graph.WithBatchSize).");
        var count = batch.HasFreeBatch ? Shape.Batch : batch.Count;
        Expr Slabs(Expr e, Shape s, int rows, int columns)
        {
            var full = Shape.Of([.. batch.Dimensions, rows, columns]);
            var broadcast = s == full ? e : BroadcastTo(e, full);
            return Permute(Reshape(broadcast, Shape.Of(count, rows, columns)), [1, 2, 0]);
        }
        var product = Operate(BatchedProductOperation.Instance, Slabs(a, x, m, k), Slabs(b, y, k, n));
        return Reshape(Permute(product, [2, 0, 1]), Shape.Of([.. batch.Dimensions, m, n]));
    }

    /// <summary>The dot product Σ uᵢvᵢ of two vectors of one length.</summary>
    public static Expr Dot(Expr u, Expr v) => Operate(DotOperation.Instance, u, v);

    /// <summary>The transpose of a matrix.</summary>
    public static Expr Transpose(Expr a) => Operate(TransposeOperation.Instance, a);

    /// <summary>The sum of all elements, a scalar.</summary>
    public static Expr Sum(Expr x) => Operate(new ReduceOperation(false, null), x);

    /// <summary>The sums along <paramref name="axis"/>: 0 sums down the rows of a matrix (one per column), 1 across its columns (one per row); −1 is the last axis.</summary>
    public static Expr Sum(Expr x, int axis) => Operate(new ReduceOperation(false, Lanes.Axis("Sum", ShapeOf(x), axis)), x);

    /// <summary>The mean of all elements, a scalar.</summary>
    public static Expr Mean(Expr x) => Operate(new ReduceOperation(true, null), x);

    /// <summary>The means along <paramref name="axis"/> (as <see cref="Sum(Expr, int)"/>).</summary>
    public static Expr Mean(Expr x, int axis) => Operate(new ReduceOperation(true, Lanes.Axis("Mean", ShapeOf(x), axis)), x);

    /// <summary>The same elements, in row-major order, under <paramref name="shape"/> (of the same element count).</summary>
    public static Expr Reshape(Expr x, Shape shape) => Operate(new ReshapeOperation(shape), x);

    /// <summary>Rows <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 of a matrix (elements of a vector).</summary>
    public static Expr Rows(Expr x, int start, int count) => Operate(new SliceOperation(start, count, false), x);

    /// <summary>Row <paramref name="index"/> of a matrix as a vector (element <paramref name="index"/> of a vector as a scalar).</summary>
    public static Expr Row(Expr x, int index) => Operate(new SliceOperation(index, 1, true), x);

    /// <summary>Two tensors joined along <paramref name="axis"/> (−1 is the last): vectors end to end, matrices one above the other (axis 0) or side by side (axis 1), and so on at any rank.</summary>
    public static Expr Concat(Expr a, Expr b, int axis) =>
        Operate(new ConcatOperation(axis == -1 ? Math.Max(ShapeOf(a).Rank - 1, 0) : axis), a, b);

    /// <summary>log Σ exp over all elements, max-shifted so that it does not overflow.</summary>
    public static Expr LogSumExp(Expr x) => Operate(new SoftmaxOperation(SoftmaxKind.LogSumExp, null), x);

    /// <summary>log Σ exp along <paramref name="axis"/> (−1 is the last axis), max-shifted.</summary>
    public static Expr LogSumExp(Expr x, int axis) =>
        Operate(new SoftmaxOperation(SoftmaxKind.LogSumExp, Lanes.Axis("LogSumExp", ShapeOf(x), axis)), x);

    /// <summary>Softmax along the last axis (each row of a matrix sums to 1).</summary>
    public static Expr Softmax(Expr x) => Softmax(x, -1);

    /// <summary>Softmax along <paramref name="axis"/>, max-shifted.</summary>
    public static Expr Softmax(Expr x, int axis) =>
        Operate(new SoftmaxOperation(SoftmaxKind.Softmax, Lanes.Axis("Softmax", ShapeOf(x), axis)), x);

    /// <summary>Log-softmax along the last axis.</summary>
    public static Expr LogSoftmax(Expr x) => LogSoftmax(x, -1);

    /// <summary>Log-softmax x − LogSumExp(x) along <paramref name="axis"/>.</summary>
    public static Expr LogSoftmax(Expr x, int axis) =>
        Operate(new SoftmaxOperation(SoftmaxKind.LogSoftmax, Lanes.Axis("LogSoftmax", ShapeOf(x), axis)), x);

    /// <summary>The mean of (pᵢ − tᵢ)² over predictions and targets of one shape.</summary>
    public static Expr MeanSquaredError(Expr predictions, Expr targets) => Operate(MeanSquaredErrorOperation.Instance, predictions, targets);

    /// <summary>
    /// Softmax cross-entropy averaged over the rows of <paramref name="logits"/> (m×k, or a vector of k for one row).
    /// <paramref name="target"/> is either a vector of m class indices (a scalar for vector logits) or target
    /// probabilities (such as one-hot rows) of the logits' shape, as PyTorch's <c>cross_entropy</c> decides by shape.
    /// </summary>
    public static Expr CrossEntropy(Expr logits, Expr target)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        return Operate(new CrossEntropyOperation(target.Shape != logits.Shape), logits, target);
    }

    /// <summary>The mean binary cross-entropy of σ(<paramref name="logits"/>) against <paramref name="targets"/> in [0, 1], in the stable logits form.</summary>
    public static Expr BinaryCrossEntropyWithLogits(Expr logits, Expr targets) => Operate(BinaryCrossEntropyOperation.Instance, logits, targets);

    /// <summary>
    /// <paramref name="x"/> copied along the dimensions it stretches to <paramref name="shape"/>, by the broadcasting rule of
    /// the elementwise primitives: a scalar everywhere, a vector of n along each row of an m×n matrix, an m×1 column
    /// along each column. Its pullback sums the cotangent back (<see cref="SumTo"/>).
    /// </summary>
    /// <exception cref="ShapeMismatchException"><paramref name="x"/> does not broadcast to <paramref name="shape"/>.</exception>
    public static Expr BroadcastTo(Expr x, Shape shape) => Operate(new BroadcastToOperation(shape), x);

    /// <summary>
    /// <paramref name="x"/> summed over the dimensions along which <paramref name="shape"/> broadcasts to x's shape (numpy's
    /// "unbroadcast", the transpose of <see cref="BroadcastTo"/>): to a scalar, all elements; to a vector of n from m×n,
    /// the column sums; to m×1, the row sums.
    /// </summary>
    /// <exception cref="ShapeMismatchException"><paramref name="shape"/> does not broadcast to x's shape.</exception>
    public static Expr SumTo(Expr x, Shape shape) => Operate(new SumToOperation(shape), x);

    /// <summary>
    /// One-hot rows: a vector of m class indices becomes an m×<paramref name="classes"/> matrix with row r 1 at column
    /// labelᵣ and 0 elsewhere (one index becomes a vector). Its derivative is 0. A label that is not an integer in
    /// 0 … classes − 1 is reported, with its row, when the graph is evaluated.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The labels are not a vector or a scalar, or <paramref name="classes"/> is below 1.</exception>
    public static Expr OneHot(Expr labels, int classes) => Operate(new OneHotOperation(classes), labels);

    private static Shape ShapeOf(Expr x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Shape;
    }
}
