using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace FunctionalAD;

/// <summary>
/// Tensors for a graph's named inputs: the point at which a tensor graph is evaluated, or (in forward mode) the
/// direction of a JVP, where a missing name means a zero tangent. Each tensor must have its input's declared shape.
/// An immutable value; the default is empty. Equal when the names and the tensors (bitwise) are equal.
/// </summary>
/// <remarks>
/// A struct, so that a null argument still picks the scalar <see cref="Bindings"/> overloads unambiguously.
/// </remarks>
public readonly struct TensorBindings : IReadOnlyDictionary<string, Tensor>, IEquatable<TensorBindings>
{
    private readonly Map? map;

    private TensorBindings(Map map) => this.map = map;

    /// <summary>No bindings.</summary>
    public static TensorBindings Empty => default;

    /// <summary>Bindings from name–tensor pairs, e.g. <c>TensorBindings.Of(("W", Tensor.Matrix(w)), ("c", 2.0))</c>.</summary>
    /// <exception cref="ArgumentException">A name is empty or given twice.</exception>
    public static TensorBindings Of(params (string Name, Tensor Value)[] pairs) => new(new Map(pairs));

    /// <summary>Bindings from any sequence of key–tensor pairs, such as a dictionary or an F# <c>Map</c>.</summary>
    /// <exception cref="ArgumentException">A name is empty or given twice.</exception>
    public static TensorBindings From(IEnumerable<KeyValuePair<string, Tensor>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return new(new Map(pairs.Select(p => (p.Key, p.Value))));
    }

    /// <summary>Scalar bindings as scalar tensors.</summary>
    public static TensorBindings From(Bindings bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        return new(new Map(bindings.Select(p => (p.Key, Tensor.Scalar(p.Value)))));
    }

    /// <summary>A copy with <paramref name="name"/> bound to <paramref name="value"/> (replacing any binding it had).</summary>
    public TensorBindings With(string name, Tensor value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(new Map(this.Where(e => e.Key != name).Select(e => (e.Key, e.Value)).Append((name, value))));
    }

    private NamedTensors Items => map ?? Map.Empty;

    /// <summary>The names, in ordinal order.</summary>
    public ImmutableArray<string> Names => Items.Names;

    /// <summary>The tensors, in the order of <see cref="Names"/>.</summary>
    public ImmutableArray<Tensor> Values => Items.Values;

    /// <summary>The tensor for <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such name; the message lists the names there are.</exception>
    public Tensor this[string name] => Items[name];

    /// <summary>The number of names.</summary>
    public int Count => Items.Count;

    /// <summary>Whether <paramref name="name"/> has a tensor.</summary>
    public bool Contains(string name) => Items.Contains(name);

    /// <summary>The tensor for <paramref name="key"/>, if there is one.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Tensor value) => Items.TryGetValue(key, out value);

    /// <inheritdoc />
    public bool Equals(TensorBindings other) => Items.Equals(other.Items);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TensorBindings other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Items.GetHashCode();

    /// <summary>Equality.</summary>
    public static bool operator ==(TensorBindings left, TensorBindings right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(TensorBindings left, TensorBindings right) => !left.Equals(right);

    /// <summary>The entries as <c>name = tensor</c>, separated by commas.</summary>
    public override string ToString() => Items.ToString();

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator() => Items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    IEnumerable<string> IReadOnlyDictionary<string, Tensor>.Keys => Names;

    IEnumerable<Tensor> IReadOnlyDictionary<string, Tensor>.Values => Values;

    bool IReadOnlyDictionary<string, Tensor>.ContainsKey(string key) => Contains(key);

    private sealed class Map : NamedTensors
    {
        public static readonly Map Empty = new([]);

        public Map(IEnumerable<(string Name, Tensor Value)> pairs) : this(Build(pairs)) { }

        private Map((ImmutableArray<string> Names, ImmutableArray<Tensor> Values) sorted) : base(sorted.Names, sorted.Values) { }

        private protected override string Describe => "bindings";
    }
}
