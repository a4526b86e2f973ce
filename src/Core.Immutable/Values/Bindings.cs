using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// Values for a graph's named inputs: the point at which it is evaluated, or (in forward mode) the
/// direction of a JVP, where a missing name means a zero tangent.
/// </summary>
public sealed class Bindings : NamedValues
{
    private Bindings((ImmutableArray<string> Names, ImmutableArray<double> Values) sorted)
        : base(sorted.Names, sorted.Values) { }

    /// <summary>No bindings.</summary>
    public static Bindings Empty { get; } = new(([], []));

    /// <summary>Bindings from name–value pairs, e.g. <c>Bindings.Of(("x", 3.0), ("w", 2.0))</c>.</summary>
    /// <exception cref="ArgumentException">A name is empty or given twice.</exception>
    public static Bindings Of(params (string Name, double Value)[] pairs) => new(Build(pairs));

    /// <summary>Bindings from any sequence of key–value pairs, such as a dictionary or an F# <c>Map</c>.</summary>
    /// <exception cref="ArgumentException">A name is empty or given twice.</exception>
    public static Bindings From(IEnumerable<KeyValuePair<string, double>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return new(Build(pairs.Select(p => (p.Key, p.Value))));
    }

    /// <summary>A copy with <paramref name="name"/> bound to <paramref name="value"/> (replacing any binding it had).</summary>
    public Bindings With(string name, double value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(Build(this.Where(e => e.Key != name).Select(e => (e.Key, e.Value)).Append((name, value))));
    }

    private protected override string Describe => "bindings";
}
