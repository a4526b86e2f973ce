using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>The partial derivatives of a scalar graph, one per input name.</summary>
public sealed class Gradient : NamedValues
{
    internal Gradient(ImmutableArray<string> names, double[] partials)
        : base(Build(names.Select((name, i) => (name, partials[i])))) { }

    private protected override string Describe => "gradient";
}
