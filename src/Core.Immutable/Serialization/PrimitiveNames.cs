using System.Collections.Frozen;
using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// The primitives a document may name: each fixed primitive of <see cref="Primitives.All"/> and of
/// <see cref="Primitives.Auxiliary"/> (<c>step</c> and <c>smul</c>, which gradient graphs hold) by its name, and
/// each parameterised family by its name and parameter count (<c>powc</c> with one exponent). Only these
/// can be made, so a document can never instantiate anything but a catalogue primitive.
/// </summary>
internal static class PrimitiveNames
{
    private static readonly FrozenDictionary<string, Primitive> Fixed =
        Primitives.All.Concat(Primitives.Auxiliary).ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, (int Count, Func<ImmutableArray<double>, Primitive> Make)> Families =
        new Dictionary<string, (int, Func<ImmutableArray<double>, Primitive>)>
        {
            ["powc"] = (1, p => Primitives.PowerOf(p[0])),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string Known => string.Join(", ", Fixed.Keys.Order(StringComparer.Ordinal).Concat(Families.Keys));

    /// <summary>Whether a document can name <paramref name="primitive"/>: it is a catalogue primitive or a family member.</summary>
    public static bool CanName(Primitive primitive) =>
        (Fixed.TryGetValue(primitive.Name, out var known) && known.Equals(primitive))
        || (Families.TryGetValue(primitive.Name, out var family) && family.Count == primitive.Parameters.Length);

    /// <summary>The primitive a document names, or the reason it names none.</summary>
    public static (Primitive? Primitive, string? Problem) Resolve(string name, ImmutableArray<double> parameters)
    {
        if (Fixed.TryGetValue(name, out var primitive))
            return parameters.IsEmpty ? (primitive, null) : (null, $"primitive '{name}' takes no parameters, found {parameters.Length}");
        if (Families.TryGetValue(name, out var family))
            return parameters.Length == family.Count
                ? (family.Make(parameters), null)
                : (null, $"primitive '{name}' takes {family.Count} parameter(s), found {parameters.Length}");
        return (null, $"unknown primitive '{name}'; the known primitives are {Known}");
    }
}
