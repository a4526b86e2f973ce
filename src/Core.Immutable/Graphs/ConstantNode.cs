namespace FunctionalAD;

/// <summary>
/// A constant in a graph: a scalar, vector or matrix. Two constants are equal when their values have the same shape
/// and the same bits in every element. A scalar constant holds its number inline (<see cref="Tensor"/>).
/// </summary>
public sealed class ConstantNode : Expr
{
    internal ConstantNode(Tensor value)
        : base(value.Shape.IsScalar ? HashCode.Combine(1, BitConverter.DoubleToInt64Bits(value.At(0))) : HashCode.Combine(4, value), value.Shape) =>
        Value = value;

    /// <summary>The constant's value.</summary>
    public Tensor Value { get; }

    /// <summary>The number of a scalar constant (the first element of a tensor one).</summary>
    internal double Number => Value.At(0);

    internal long Bits => BitConverter.DoubleToInt64Bits(Number);
}
