using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace FunctionalAD;

/// <summary>
/// An immutable map from input names to tensors, in ordinal name order; a scalar is a tensor of rank 0. Two maps are
/// equal when they are of the same kind and have the same names and bitwise equal tensors.
/// </summary>
/// <remarks>
/// Stored as two parallel sorted arrays: lookups are binary searches, a gradient is built from a graph's already sorted
/// input names without sorting again, and binding a graph is one merge of two sorted lists. A map built from numbers
/// keeps them as numbers, which is what the scalar engines read and write; its tensors are made on first request.
/// </remarks>
public abstract class NamedValues : IReadOnlyDictionary<string, Tensor>, IEquatable<NamedValues>
{
    private readonly double[]? scalars;
    private Tensor[]? tensors;

    private protected NamedValues(ImmutableArray<string> sortedNames, ImmutableArray<Tensor> values)
    {
        Names = sortedNames;
        tensors = ImmutableCollectionsMarshal.AsArray(values);
        if (values.All(t => t.Shape.IsScalar)) scalars = [.. values.Select(t => t.ToScalar())];
    }

    /// <summary>A map that takes <paramref name="owned"/> as its numbers: the caller must not keep or change the array.</summary>
    private protected NamedValues(ImmutableArray<string> sortedNames, double[] owned)
    {
        Names = sortedNames;
        scalars = owned;
    }

    /// <summary>The names, in ordinal order.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>The tensors, in the order of <see cref="Names"/>.</summary>
    public ImmutableArray<Tensor> Values =>
        // Made once from the numbers; two threads may both make it, with equal results.
        ImmutableCollectionsMarshal.AsImmutableArray(tensors ??= Array.ConvertAll(scalars!, Tensor.Scalar));

    /// <summary>What the map holds, for error messages: "bindings" or "gradient".</summary>
    private protected abstract string Describe { get; }

    /// <summary>Every value as a number, in the order of <see cref="Names"/>, when every value is a scalar; otherwise null.</summary>
    internal ReadOnlySpan<double> Scalars => scalars;

    /// <summary>Whether every value is a scalar, so the scalar engines can read the numbers directly.</summary>
    internal bool AllScalars => scalars is not null;

    /// <summary>The tensor for <paramref name="name"/>; a scalar converts to a <see cref="double"/> implicitly.</summary>
    /// <exception cref="KeyNotFoundException">The map has no such name; the message lists the names it has.</exception>
    public Tensor this[string name]
    {
        get
        {
            var i = Find(name);
            return scalars is not null ? Tensor.Scalar(scalars[i]) : tensors![i];
        }
    }

    /// <summary>The number for a scalar <paramref name="name"/>: <c>g.Scalar("w")</c>, the same as <c>(double)g["w"]</c>.</summary>
    /// <exception cref="KeyNotFoundException">The map has no such name; the message lists the names it has.</exception>
    /// <exception cref="InvalidOperationException">The value for <paramref name="name"/> is not a scalar; the message names its shape.</exception>
    public double Scalar(string name)
    {
        var i = Find(name);
        if (scalars is not null) return scalars[i];
        var value = tensors![i];
        return value.Shape.IsScalar
            ? value.ToScalar()
            : throw new InvalidOperationException(
                $"The {Describe} holds a tensor of shape {value.Shape} for '{name}', not a number; read it as a Tensor.");
    }

    /// <summary>The number of names.</summary>
    public int Count => Names.Length;

    /// <summary>Whether <paramref name="name"/> has a value.</summary>
    public bool Contains(string name) => name is not null && IndexOf(name) >= 0;

    /// <summary>The tensor for <paramref name="key"/>, if there is one.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Tensor value)
    {
        var i = key is null ? -1 : IndexOf(key);
        value = i < 0 ? default : scalars is not null ? Tensor.Scalar(scalars[i]) : tensors![i];
        return i >= 0;
    }

    /// <summary>The tensor for <paramref name="name"/>, or <paramref name="fallback"/> when it has none.</summary>
    public Tensor GetOrDefault(string name, Tensor fallback) => TryGetValue(name, out var value) ? value : fallback;

    /// <inheritdoc />
    public bool Equals(NamedValues? other)
    {
        if (other is null || other.GetType() != GetType() || !Names.SequenceEqual(other.Names, StringComparer.Ordinal)) return false;
        if (scalars is not null && other.scalars is not null)
            return scalars.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(other.scalars.Select(BitConverter.DoubleToInt64Bits));
        return Values.SequenceEqual(other.Values);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NamedValues);

    /// <summary>Equality of kind, names and bits, as <see cref="Equals(NamedValues?)"/>.</summary>
    public static bool operator ==(NamedValues? left, NamedValues? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality, the negation of <c>==</c>.</summary>
    public static bool operator !=(NamedValues? left, NamedValues? right) => !(left == right);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < Names.Length; i++)
        {
            hash.Add(Names[i]);
            hash.Add(scalars is not null ? Tensor.Scalar(scalars[i]) : tensors![i]);
        }
        return hash.ToHashCode();
    }

    /// <summary>The entries as <c>name = value</c>, separated by commas.</summary>
    public override string ToString() => string.Join(", ", Names.Select((name, i) => $"{name} = {this[name]}"));

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator()
    {
        for (var i = 0; i < Names.Length; i++) yield return KeyValuePair.Create(Names[i], scalars is not null ? Tensor.Scalar(scalars[i]) : tensors![i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    IEnumerable<string> IReadOnlyDictionary<string, Tensor>.Keys => Names;

    IEnumerable<Tensor> IReadOnlyDictionary<string, Tensor>.Values => Values;

    bool IReadOnlyDictionary<string, Tensor>.ContainsKey(string key) => Contains(key);

    private int IndexOf(string name) => SortedNames.IndexOf(Names, name);

    private int Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var i = IndexOf(name);
        return i >= 0 ? i : throw new KeyNotFoundException($"No input named '{name}' in the {Describe}; its inputs are: {ListNames(Names)}.");
    }

    internal static string ListNames(IEnumerable<string> names)
    {
        var list = string.Join(", ", names);
        return list.Length == 0 ? "(none)" : list;
    }
}
