using System.Collections.Frozen;
using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// The primitives a document may name: each fixed primitive of <see cref="Primitives.All"/> and of
/// <see cref="Primitives.Auxiliary"/> (<c>step</c> and <c>smul</c>, which gradient graphs hold) and <see cref="Primitives.Where"/> by its name, and
/// each family of <see cref="Primitives.Families"/> by its name and parameters (<c>powc</c> with one exponent).
/// Only these can be made, so a document can never instantiate anything but a catalogue primitive.
/// </summary>
internal static class PrimitiveNames
{
    private static readonly FrozenDictionary<string, Primitive> Fixed =
        Primitives.Named.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, PrimitiveFamily> Families =
        Primitives.Families.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static string Known => string.Join(", ", Fixed.Keys.Order(StringComparer.Ordinal).Concat(Families.Keys.Order(StringComparer.Ordinal)));

    /// <summary>Whether a document can name <paramref name="primitive"/>: it is a catalogue primitive or a family member.</summary>
    public static bool CanName(Primitive primitive) =>
        (Fixed.TryGetValue(primitive.Name, out var known) && known.Equals(primitive))
        || (Families.TryGetValue(primitive.Name, out var family) && family.ParameterNames.Length == primitive.Parameters.Length);

    /// <summary>The primitive a document names, or the reason it names none.</summary>
    public static (Primitive? Primitive, string? Problem) Resolve(string name, ImmutableArray<double> parameters)
    {
        if (Fixed.TryGetValue(name, out var primitive))
            return parameters.IsEmpty ? (primitive, null) : (null, $"primitive '{name}' takes no parameters, found {parameters.Length}");
        if (Families.TryGetValue(name, out var family))
        {
            if (parameters.Length != family.ParameterNames.Length)
                return (null, $"primitive '{name}' takes {family.ParameterNames.Length} parameter(s), found {parameters.Length}");
            try
            {
                return (family.Make(parameters.AsSpan()), null);
            }
            catch (ArgumentException e)
            {
                return (null, $"primitive '{name}': {e.Message}");
            }
        }
        return (null, $"unknown primitive '{name}'; the known primitives are {Known}");
    }
}
