using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>The cotangents a tensor pullback hands back; null means zero (or not asked for).</summary>
/// <param name="First">Cotangent of the first argument, of its shape.</param>
/// <param name="Second">Cotangent of the second argument, of its shape.</param>
internal readonly record struct TensorCotangents(Tensor? First, Tensor? Second);

/// <summary>
/// A tensor pullback: maps the cotangent of an operation's output to the cotangents of its arguments.
/// <paramref name="first"/> and <paramref name="second"/> say which argument cotangents are wanted; the others may be null.
/// </summary>
/// <param name="cotangent">Cotangent of the output, of the output's shape.</param>
/// <param name="first">Whether the first argument's cotangent is wanted.</param>
/// <param name="second">Whether the second argument's cotangent is wanted.</param>
internal delegate TensorCotangents TensorPullback(Tensor cotangent, bool first, bool second);

/// <summary>
/// A primitive of one or two tensor arguments that may change shape — <c>MatMul</c>, <c>Sum</c>, <c>Softmax</c>, the
/// losses — with its rules side by side: the output shape (or a <see cref="ShapeMismatchException"/> naming the
/// operation and the shapes), the value, the JVP, the VJP and the VJP as graph operations. A unary operation ignores its
/// second argument. Two operations are equal when they are the same operation with the same
/// <see cref="Primitive.Parameters"/> (such as the axis).
/// </summary>
internal abstract class TensorOperation : Primitive
{
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
    /// The VJP rule as graph operations: the graphs of the arguments' cotangents (null for an exact zero) over the nodes
    /// of the arguments, of the output and of the output's cotangent — the same statement as <see cref="Vjp(Tensor, Tensor, Tensor)"/>,
    /// as JAX states transpose rules (MatMul's is a MatMul with a transpose).
    /// </summary>
    internal abstract (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? y, Expr output, Expr cotangent);

    /// <summary>Parameters printed after the arguments, e.g. <c>axis: 0</c>; null when there are none.</summary>
    internal virtual string? ParameterText => null;

    /// <summary>The parameters as the printer shows them: <c>sum(x, axis: 0)</c>.</summary>
    internal sealed override string PrintedParameters => ParameterText is { } p ? ", " + p : "";

    /// <summary>The name and the parameters, e.g. <c>Sum(axis: 0)</c>.</summary>
    public sealed override string ToString() => ParameterText is { } p ? $"{Name}({p})" : Name;

    internal sealed override Shape OutputShape(ReadOnlySpan<Shape> arguments) =>
        OutputShape(arguments[0], Arity == 1 ? Shape.Scalar : arguments[1]);

    internal sealed override Tensor Value(ReadOnlySpan<Tensor> arguments, Shape shape) =>
        Value(arguments[0], Arity == 1 ? 0 : arguments[1]);

    internal sealed override Tensor? Jvp(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<Tensor?> tangents) =>
        Jvp(arguments[0], Arity == 1 ? 0 : arguments[1], output, tangents[0], Arity == 1 ? null : tangents[1]);

    internal sealed override void Vjp(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, ReadOnlySpan<bool> wanted, Span<Tensor?> cotangents)
    {
        var (first, second) = Vjp(arguments[0], Arity == 1 ? 0 : arguments[1], output)(cotangent, wanted[0], Arity == 2 && wanted[1]);
        cotangents[0] = wanted[0] ? first : null;
        if (Arity == 2) cotangents[1] = wanted[1] ? second : null;
    }

    internal sealed override void VjpGraph(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents)
    {
        var (first, second) = VjpGraph(arguments[0], Arity == 1 ? null : arguments[1], output, cotangent);
        cotangents[0] = first;
        if (Arity == 2) cotangents[1] = second;
    }

    /// <summary>A shape's dimensions as parameters: a target shape is part of what an operation is.</summary>
    private protected static ImmutableArray<double> Dimensions(Shape shape) => [.. Enumerable.Range(0, shape.Rank).Select(a => (double)shape[a])];

    /// <summary>A shape error that starts with the operation's name.</summary>
    private protected ShapeMismatchException Mismatch(string message) => new(Name, $"{Name}: {message}");
}
