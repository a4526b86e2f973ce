using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace FunctionalAD;

/// <summary>
/// Values for a graph's named inputs: the point at which it is evaluated, or (in forward mode) the direction of a JVP,
/// where a missing name means a zero tangent. Each value is a <see cref="Tensor"/> of its input's declared shape; a
/// number is a scalar tensor, so <c>Bindings.Of(("x", 3.0))</c> and <c>Bindings.Of(("W", Tensor.Matrix(w)), ("b", 0.5))</c>
/// both read naturally.
/// </summary>
public sealed class Bindings : NamedValues
{
    private Bindings((ImmutableArray<string> Names, ImmutableArray<Tensor> Values) sorted)
        : base(sorted.Names, sorted.Values) { }

    private Bindings((ImmutableArray<string> Names, ImmutableArray<double> Values) sorted)
        : base(sorted.Names, sorted.Values.ToArray()) { }

    /// <summary>No bindings.</summary>
    public static Bindings Empty { get; } = new((ImmutableArray<string>.Empty, ImmutableArray<double>.Empty));

    /// <summary>Bindings from name–number pairs, e.g. <c>Bindings.Of(("x", 3.0), ("w", 2.0))</c>.</summary>
    /// <exception cref="ArgumentException">A name is empty or given twice.</exception>
    public static Bindings Of(params (string Name, double Value)[] pairs) => new(SortedNames.Sort(pairs));

    /// <summary>
    /// Bindings from name–tensor pairs, where a number converts to a scalar tensor, e.g.
    /// <c>Bindings.Of(("W", Tensor.Matrix(w)), ("b", 0.5))</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty or given twice.</exception>
    [OverloadResolutionPriority(1)] // pairs of numbers and tensors mixed convert to this overload, not the numbers' one
    public static Bindings Of(params (string Name, Tensor Value)[] pairs) => new(SortedNames.Sort(pairs));

    /// <summary>Bindings from any sequence of name–number pairs, such as a dictionary or an F# <c>Map</c>.</summary>
    /// <exception cref="ArgumentException">A name is empty or given twice.</exception>
    public static Bindings From(IEnumerable<KeyValuePair<string, double>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return new(SortedNames.Sort(pairs.Select(p => (p.Key, p.Value))));
    }

    /// <summary>Bindings from any sequence of name–tensor pairs, such as a dictionary, an F# <c>Map</c> or a <see cref="Gradient"/>.</summary>
    /// <exception cref="ArgumentException">A name is empty or given twice.</exception>
    public static Bindings From(IEnumerable<KeyValuePair<string, Tensor>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return new(SortedNames.Sort(pairs.Select(p => (p.Key, p.Value))));
    }

    /// <summary>A copy with <paramref name="name"/> bound to the number <paramref name="value"/> (replacing any binding it had).</summary>
    public Bindings With(string name, double value) => With(name, Tensor.Scalar(value));

    /// <summary>A copy with <paramref name="name"/> bound to <paramref name="value"/> (replacing any binding it had).</summary>
    [OverloadResolutionPriority(1)] // an int converts to both a double and a Tensor: take this one, which keeps a number a scalar
    public Bindings With(string name, Tensor value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(SortedNames.Sort(this.Where(e => e.Key != name).Select(e => (e.Key, e.Value)).Append((name, value))));
    }

    private protected override string Describe => "bindings";
}
