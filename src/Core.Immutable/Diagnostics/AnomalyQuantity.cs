namespace FunctionalAD;

/// <summary>Which number of a node went wrong.</summary>
public enum AnomalyQuantity
{
    /// <summary>The node's value (the forward evaluation, common to both modes).</summary>
    Value,
    /// <summary>The node's tangent along one input's direction (forward mode).</summary>
    Tangent,
    /// <summary>A cotangent the node's pullback sent to one of its arguments (reverse mode).</summary>
    Cotangent,
}
