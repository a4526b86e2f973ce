using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace FunctionalAD;

/// <summary>
/// An immutable map from input names to numbers, in ordinal name order. Two maps are equal when they
/// have the same names and bit-identical numbers.
/// </summary>
/// <remarks>
/// Stored as two parallel sorted arrays: lookups are binary searches, a gradient is built from a graph's
/// already sorted input names without sorting again, and binding a graph is one merge of two sorted lists.
/// </remarks>
public abstract class NamedValues : IReadOnlyDictionary<string, double>, IEquatable<NamedValues>
{
    private protected NamedValues(ImmutableArray<string> sortedNames, ImmutableArray<double> values)
    {
        Names = sortedNames;
        Values = values;
    }

    /// <summary>The names, in ordinal order.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>The values, in the order of <see cref="Names"/>.</summary>
    public ImmutableArray<double> Values { get; }

    /// <summary>What the map holds, for error messages: "bindings" or "gradient".</summary>
    private protected abstract string Describe { get; }

    /// <summary>The value for <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The map has no such name; the message lists the names it has.</exception>
    public double this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var i = IndexOf(name);
            return i >= 0
                ? Values[i]
                : throw new KeyNotFoundException(
                    $"No input named '{name}' in the {Describe}; its inputs are: {ListNames(Names)}.");
        }
    }

    /// <summary>The number of names.</summary>
    public int Count => Names.Length;

    /// <summary>Whether <paramref name="name"/> has a value.</summary>
    public bool Contains(string name) => name is not null && IndexOf(name) >= 0;

    /// <summary>The value for <paramref name="name"/>, or <paramref name="fallback"/> when it has none.</summary>
    public double GetOrDefault(string name, double fallback)
    {
        var i = name is null ? -1 : IndexOf(name);
        return i >= 0 ? Values[i] : fallback;
    }

    /// <inheritdoc />
    public bool Equals(NamedValues? other) =>
        other is not null && other.GetType() == GetType()
        && Names.SequenceEqual(other.Names, StringComparer.Ordinal)
        && Values.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(other.Values.Select(BitConverter.DoubleToInt64Bits));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NamedValues);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < Names.Length; i++)
        {
            hash.Add(Names[i]);
            hash.Add(BitConverter.DoubleToInt64Bits(Values[i]));
        }
        return hash.ToHashCode();
    }

    /// <summary>The entries as <c>name = value</c>, separated by commas.</summary>
    public override string ToString() =>
        string.Join(", ", Names.Select((name, i) => $"{name} = {ExprPrinter.FormatNumber(Values[i])}"));

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (var i = 0; i < Names.Length; i++) yield return KeyValuePair.Create(Names[i], Values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    IEnumerable<string> IReadOnlyDictionary<string, double>.Keys => Names;

    IEnumerable<double> IReadOnlyDictionary<string, double>.Values => Values;

    bool IReadOnlyDictionary<string, double>.ContainsKey(string key) => Contains(key);

    bool IReadOnlyDictionary<string, double>.TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        value = GetOrDefault(key, 0);
        return Contains(key);
    }

    private int IndexOf(string name) => SortedNames.IndexOf(Names, name);

    /// <summary>Sorts name–value pairs by name, rejecting empty and repeated names.</summary>
    private protected static (ImmutableArray<string> Names, ImmutableArray<double> Values) Build(IEnumerable<(string Name, double Value)> pairs) =>
        SortedNames.Sort(pairs);

    internal static string ListNames(IEnumerable<string> names)
    {
        var list = string.Join(", ", names);
        return list.Length == 0 ? "(none)" : list;
    }
}
