using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// The storage both <see cref="NamedValues"/> and <see cref="NamedValues"/> use: names in ordinal order, with the
/// values in a parallel array, so a lookup is a binary search.
/// </summary>
internal static class SortedNames
{
    /// <summary>Sorts name–value pairs by name, rejecting empty and repeated names (reported as <paramref name="pairs"/>).</summary>
    internal static (ImmutableArray<string> Names, ImmutableArray<T> Values) Sort<T>(IEnumerable<(string Name, T Value)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var sorted = pairs.ToArray();
        foreach (var (name, _) in sorted) ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(pairs));
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Name == sorted[i - 1].Name)
                throw new ArgumentException($"The name '{sorted[i].Name}' is given twice.", nameof(pairs));
        }
        return ([.. sorted.Select(p => p.Name)], [.. sorted.Select(p => p.Value)]);
    }

    /// <summary>The position of <paramref name="name"/> in <paramref name="names"/>, or a negative number when absent.</summary>
    internal static int IndexOf(ImmutableArray<string> names, string name) => ImmutableArray.BinarySearch(names, name, StringComparer.Ordinal);
}
