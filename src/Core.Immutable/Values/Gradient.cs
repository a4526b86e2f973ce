using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace FunctionalAD;

/// <summary>The partial derivatives of a scalar graph, one per input name.</summary>
public sealed class Gradient : NamedValues
{
    /// <summary>A gradient over a graph's input names, which are already distinct and in ordinal order.</summary>
    internal Gradient(ImmutableArray<string> sortedNames, double[] partials)
        : base(sortedNames, [.. partials]) { }

    /// <summary>A gradient that takes <paramref name="partials"/> as its own: the caller must not keep or change the array.</summary>
    internal static Gradient Owning(ImmutableArray<string> sortedNames, double[] partials) =>
        new(sortedNames, ImmutableCollectionsMarshal.AsImmutableArray(partials));

    private Gradient(ImmutableArray<string> sortedNames, ImmutableArray<double> partials)
        : base(sortedNames, partials) { }

    private protected override string Describe => "gradient";
}
