using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>A <see cref="TensorOperation"/> (MatMul, Sum, Softmax, a loss, …) applied to one or two earlier nodes.</summary>
public sealed class OperationNode : Expr
{
    internal OperationNode(TensorOperation operation, Expr first, Expr? second, Shape shape)
        : base(HashCode.Combine(5, operation, first.GetHashCode(), second?.GetHashCode() ?? 0), shape)
    {
        Operation = operation;
        First = first;
        Second = second;
    }

    /// <summary>The operation applied.</summary>
    public TensorOperation Operation { get; }

    /// <summary>The arguments, one per <see cref="TensorOperation.Arity"/>.</summary>
    public ImmutableArray<Expr> Arguments => Second is null ? [First] : [First, Second];

    internal Expr First { get; }

    internal Expr? Second { get; }
}
