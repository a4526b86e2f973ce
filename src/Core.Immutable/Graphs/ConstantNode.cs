namespace FunctionalAD;

/// <summary>A constant in a graph. Two constants are equal when their values have the same bits.</summary>
public sealed class ConstantNode : Expr
{
    internal ConstantNode(double value) : base(HashCode.Combine(1, BitConverter.DoubleToInt64Bits(value))) =>
        Value = value;

    /// <summary>The constant's value.</summary>
    public double Value { get; }

    internal long Bits => BitConverter.DoubleToInt64Bits(Value);
}
