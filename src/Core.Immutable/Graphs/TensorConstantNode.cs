namespace FunctionalAD;

/// <summary>A constant vector or matrix in a graph (scalar constants are <see cref="ConstantNode"/>s). Equal when the tensors are bitwise equal.</summary>
public sealed class TensorConstantNode : Expr
{
    internal TensorConstantNode(Tensor value) : base(HashCode.Combine(4, value), value.Shape) => Value = value;

    /// <summary>The constant's value.</summary>
    public Tensor Value { get; }
}
