using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>The gradient of a scalar tensor graph (or the cotangents of a pullback): one tensor per input, of that input's shape.</summary>
public sealed class TensorGradient : NamedTensors
{
    /// <summary>A gradient over input names that are already distinct and in ordinal order.</summary>
    internal TensorGradient(ImmutableArray<string> sortedNames, ImmutableArray<Tensor> values) : base(sortedNames, values) { }

    private protected override string Describe => "gradient";
}
