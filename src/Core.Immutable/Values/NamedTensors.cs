using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace FunctionalAD;

/// <summary>
/// An immutable map from input names to tensors, in ordinal name order; the tensor counterpart of
/// <see cref="NamedValues"/>. Two maps are equal when they have the same names and bitwise equal tensors.
/// </summary>
public abstract class NamedTensors : IReadOnlyDictionary<string, Tensor>, IEquatable<NamedTensors>
{
    private protected NamedTensors(ImmutableArray<string> sortedNames, ImmutableArray<Tensor> values)
    {
        Names = sortedNames;
        Values = values;
    }

    /// <summary>The names, in ordinal order.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>The tensors, in the order of <see cref="Names"/>.</summary>
    public ImmutableArray<Tensor> Values { get; }

    /// <summary>What the map holds, for error messages.</summary>
    private protected abstract string Describe { get; }

    /// <summary>The tensor for <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The map has no such name; the message lists the names it has.</exception>
    public Tensor this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var i = IndexOf(name);
            return i >= 0
                ? Values[i]
                : throw new KeyNotFoundException($"No input named '{name}' in the {Describe}; its inputs are: {NamedValues.ListNames(Names)}.");
        }
    }

    /// <summary>The number of names.</summary>
    public int Count => Names.Length;

    /// <summary>Whether <paramref name="name"/> has a tensor.</summary>
    public bool Contains(string name) => name is not null && IndexOf(name) >= 0;

    /// <summary>The tensor for <paramref name="key"/>, if there is one.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Tensor value)
    {
        var i = key is null ? -1 : IndexOf(key);
        value = i >= 0 ? Values[i] : default;
        return i >= 0;
    }

    /// <inheritdoc />
    public bool Equals(NamedTensors? other) =>
        other is not null && other.GetType() == GetType()
        && Names.SequenceEqual(other.Names, StringComparer.Ordinal) && Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NamedTensors);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < Names.Length; i++)
        {
            hash.Add(Names[i]);
            hash.Add(Values[i]);
        }
        return hash.ToHashCode();
    }

    /// <summary>The entries as <c>name = tensor</c>, separated by commas.</summary>
    public override string ToString() => string.Join(", ", Names.Select((name, i) => $"{name} = {Values[i]}"));

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator()
    {
        for (var i = 0; i < Names.Length; i++) yield return KeyValuePair.Create(Names[i], Values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    IEnumerable<string> IReadOnlyDictionary<string, Tensor>.Keys => Names;

    IEnumerable<Tensor> IReadOnlyDictionary<string, Tensor>.Values => Values;

    bool IReadOnlyDictionary<string, Tensor>.ContainsKey(string key) => Contains(key);

    private protected int IndexOf(string name) => SortedNames.IndexOf(Names, name);

    /// <summary>Sorts name–tensor pairs by name, rejecting empty and repeated names.</summary>
    private protected static (ImmutableArray<string> Names, ImmutableArray<Tensor> Values) Build(IEnumerable<(string Name, Tensor Value)> pairs) =>
        SortedNames.Sort(pairs);
}
