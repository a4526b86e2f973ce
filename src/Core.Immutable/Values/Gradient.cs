using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// The partial derivatives of a graph with a scalar output (or the cotangents of a pullback): one tensor per input, of
/// that input's shape. The partial of a scalar input converts to a <see cref="double"/>: <c>double dw = g["w"];</c>
/// (or <c>g.Scalar("w")</c>).
/// </summary>
public sealed class Gradient : NamedValues
{
    /// <summary>A gradient of tensors over input names that are already distinct and in ordinal order.</summary>
    internal Gradient(ImmutableArray<string> sortedNames, ImmutableArray<Tensor> values) : base(sortedNames, values) { }

    private Gradient(ImmutableArray<string> sortedNames, double[] owned) : base(sortedNames, owned) { }

    /// <summary>A gradient that takes <paramref name="partials"/> as its own: the caller must not keep or change the array.</summary>
    internal static Gradient Owning(ImmutableArray<string> sortedNames, double[] partials) => new(sortedNames, partials);

    private protected override string Describe => "gradient";
}
