namespace FunctionalAD;

/// <summary>The cotangents a tensor pullback hands back; null means zero (or not asked for).</summary>
/// <param name="First">Cotangent of the first argument, of its shape.</param>
/// <param name="Second">Cotangent of the second argument, of its shape.</param>
public readonly record struct TensorCotangents(Tensor? First, Tensor? Second);

/// <summary>
/// A tensor pullback: maps the cotangent of an operation's output to the cotangents of its arguments.
/// <paramref name="first"/> and <paramref name="second"/> say which argument cotangents are wanted; the others may be null.
/// </summary>
/// <param name="cotangent">Cotangent of the output, of the output's shape.</param>
/// <param name="first">Whether the first argument's cotangent is wanted.</param>
/// <param name="second">Whether the second argument's cotangent is wanted.</param>
public delegate TensorCotangents TensorPullback(Tensor cotangent, bool first, bool second);

/// <summary>
/// An operation on tensors that may change shape — <c>MatMul</c>, <c>Sum</c>, <c>Softmax</c>, the losses — with its
/// four rules side by side: the output shape (or a <see cref="ShapeMismatchException"/> naming the operation and
/// the shapes), the value, the JVP and the VJP. A unary operation ignores its second argument. Two operations are
/// equal when they are the same operation with the same parameters (such as the axis).
/// </summary>
public abstract record TensorOperation
{
    private protected TensorOperation() { }

    /// <summary>The operation's name as it is built, e.g. <c>MatMul</c>; error messages start with it.</summary>
    public abstract string Name { get; }

    /// <summary>The number of arguments: 1 or 2.</summary>
    public abstract int Arity { get; }

    /// <summary>The shape rule: the output shape for argument shapes <paramref name="x"/> and <paramref name="y"/>.</summary>
    /// <exception cref="ShapeMismatchException">The operation cannot take arguments of these shapes.</exception>
    public abstract Shape OutputShape(Shape x, Shape y);

    /// <summary>The value rule: the output for arguments of admissible shapes.</summary>
    public abstract Tensor Value(Tensor x, Tensor y);

    /// <summary>The JVP rule: the output tangent for the arguments, the output and the argument tangents (null is zero).</summary>
    public abstract Tensor Jvp(Tensor x, Tensor y, Tensor output, Tensor? dx, Tensor? dy);

    /// <summary>The VJP rule: a pullback closure for the arguments and the output.</summary>
    public abstract TensorPullback Vjp(Tensor x, Tensor y, Tensor output);

    /// <summary>
    /// The VJP rule as graph operations, for gradients as graphs (<see cref="Reverse.GradGraph"/>): the graphs of the
    /// arguments' cotangents (null for an exact zero) over the nodes of the arguments, of the output and of the output's
    /// cotangent — the same statement as <see cref="Vjp"/>, as JAX states transpose rules (MatMul's is a MatMul with a transpose).
    /// </summary>
    internal abstract (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? y, Expr output, Expr cotangent);

    /// <summary>How the operation is printed, e.g. <c>matmul</c>.</summary>
    internal virtual string Symbol => Name.ToLowerInvariant();

    /// <summary>Parameters printed after the arguments, e.g. <c>axis: 0</c>; null when there are none.</summary>
    internal virtual string? ParameterText => null;

    /// <summary>The name and the parameters, e.g. <c>Sum(axis: 0)</c>.</summary>
    public sealed override string ToString() => ParameterText is { } p ? $"{Name}({p})" : Name;

    /// <summary>A shape error that starts with the operation's name.</summary>
    private protected ShapeMismatchException Mismatch(string message) => new(Name, $"{Name}: {message}");
}
