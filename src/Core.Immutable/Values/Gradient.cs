using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>The partial derivatives of a scalar graph, one per input name.</summary>
public sealed class Gradient : NamedValues
{
    /// <summary>A gradient over a graph's input names, which are already distinct and in ordinal order.</summary>
    internal Gradient(ImmutableArray<string> sortedNames, double[] partials)
        : base(sortedNames, [.. partials]) { }

    private protected override string Describe => "gradient";
}
