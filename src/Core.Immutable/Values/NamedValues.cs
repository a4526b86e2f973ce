using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace FunctionalAD;

/// <summary>
/// An immutable map from input names to numbers, in ordinal name order. Two maps are equal when they
/// have the same names and bit-identical numbers.
/// </summary>
public abstract class NamedValues : IReadOnlyDictionary<string, double>, IEquatable<NamedValues>
{
    private protected NamedValues(ImmutableSortedDictionary<string, double> entries) => Entries = entries;

    private protected ImmutableSortedDictionary<string, double> Entries { get; }

    /// <summary>What the map holds, for error messages: "binding" or "gradient".</summary>
    private protected abstract string Describe { get; }

    /// <summary>The value for <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The map has no such name; the message lists the names it has.</exception>
    public double this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            return Entries.TryGetValue(name, out var value)
                ? value
                : throw new KeyNotFoundException(
                    $"No input named '{name}' in the {Describe}; its inputs are: {ListNames(Names)}.");
        }
    }

    /// <summary>The names, in ordinal order.</summary>
    public ImmutableArray<string> Names => [.. Entries.Keys];

    /// <summary>The number of names.</summary>
    public int Count => Entries.Count;

    /// <summary>Whether <paramref name="name"/> has a value.</summary>
    public bool Contains(string name) => name is not null && Entries.ContainsKey(name);

    /// <summary>The value for <paramref name="name"/>, or <paramref name="fallback"/> when it has none.</summary>
    public double GetOrDefault(string name, double fallback) =>
        name is not null && Entries.TryGetValue(name, out var value) ? value : fallback;

    /// <inheritdoc />
    public bool Equals(NamedValues? other) =>
        other is not null && other.GetType() == GetType() && Entries.Count == other.Entries.Count
        && Entries.All(e => other.Entries.TryGetValue(e.Key, out var v)
                            && BitConverter.DoubleToInt64Bits(v) == BitConverter.DoubleToInt64Bits(e.Value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NamedValues);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (name, value) in Entries)
        {
            hash.Add(name);
            hash.Add(BitConverter.DoubleToInt64Bits(value));
        }
        return hash.ToHashCode();
    }

    /// <summary>The entries as <c>name = value</c>, separated by commas.</summary>
    public override string ToString() =>
        string.Join(", ", Entries.Select(e => $"{e.Key} = {ExprPrinter.FormatNumber(e.Value)}"));

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator() => Entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    IEnumerable<string> IReadOnlyDictionary<string, double>.Keys => Entries.Keys;

    IEnumerable<double> IReadOnlyDictionary<string, double>.Values => Entries.Values;

    bool IReadOnlyDictionary<string, double>.ContainsKey(string key) => Contains(key);

    bool IReadOnlyDictionary<string, double>.TryGetValue(string key, [MaybeNullWhen(false)] out double value) =>
        Entries.TryGetValue(key, out value);

    private protected static ImmutableSortedDictionary<string, double> Build(IEnumerable<(string Name, double Value)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var builder = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in pairs)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            if (!builder.TryAdd(name, value))
                throw new ArgumentException($"The name '{name}' is given twice.", nameof(pairs));
        }
        return builder.ToImmutable();
    }

    internal static string ListNames(IEnumerable<string> names)
    {
        var list = string.Join(", ", names);
        return list.Length == 0 ? "(none)" : list;
    }
}
