using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// The primitives of one's own that a graph document may name, besides the catalogue's: user primitives
/// (<see cref="UserPrimitives"/>, <see cref="TensorPrimitive"/>) and custom derivatives (<see cref="CustomDerivative"/>).
/// A graph that applies them is written by their names; reading it back needs them registered here, since a document
/// holds a name, not code. Immutable: <see cref="With(Primitive)"/> returns a new registry.
/// </summary>
/// <example><code>var graph = GraphJson.Deserialize(json, PrimitiveRegistry.Of(Log1pExp).With(sqrtNewton));</code></example>
public sealed class PrimitiveRegistry
{
    private readonly ImmutableSortedDictionary<string, object> entries;

    private PrimitiveRegistry(ImmutableSortedDictionary<string, object> entries) => this.entries = entries;

    /// <summary>No primitive of one's own: documents may name the catalogue's only.</summary>
    public static PrimitiveRegistry Empty { get; } = new(ImmutableSortedDictionary.Create<string, object>(StringComparer.Ordinal));

    /// <summary>A registry of <paramref name="primitives"/>.</summary>
    /// <exception cref="ArgumentException">A name is the catalogue's, or two different primitives share one.</exception>
    public static PrimitiveRegistry Of(params Primitive[] primitives)
    {
        ArgumentNullException.ThrowIfNull(primitives);
        return primitives.Aggregate(Empty, (registry, primitive) => registry.With(primitive));
    }

    /// <summary>The registered names, in ordinal order.</summary>
    public ImmutableArray<string> Names => [.. entries.Keys];

    /// <summary>This registry and <paramref name="primitive"/>.</summary>
    /// <exception cref="ArgumentException">Its name is the catalogue's, or another primitive has it.</exception>
    public PrimitiveRegistry With(Primitive primitive)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        return Add(primitive.Name, primitive, other => other is Primitive p && p.Equals(primitive));
    }

    /// <summary>This registry and <paramref name="derivative"/>.</summary>
    /// <exception cref="ArgumentException">Its name is the catalogue's, or another primitive has it.</exception>
    public PrimitiveRegistry With(CustomDerivative derivative)
    {
        ArgumentNullException.ThrowIfNull(derivative);
        return Add(derivative.Name, derivative, other => ReferenceEquals(other, derivative));
    }

    private PrimitiveRegistry Add(string name, object entry, Func<object, bool> same)
    {
        if (UserPrimitives.IsReserved(name))
            throw new ArgumentException($"'{name}' is a catalogue primitive, which every document may name already; only primitives of one's own are registered.", nameof(entry));
        if (entries.TryGetValue(name, out var existing))
            return same(existing) ? this : throw new ArgumentException($"Another primitive named '{name}' is registered already: a document names each primitive once.", nameof(entry));
        return new(entries.Add(name, entry));
    }

    /// <summary>The primitive a document's node names, given its parameters and number of arguments, or the reason there is none.</summary>
    internal (Primitive? Primitive, string? Problem) Resolve(string name, ImmutableArray<double> parameters, int arguments)
    {
        switch (entries.GetValueOrDefault(name))
        {
            case Primitive primitive:
                return primitive.Parameters.SequenceEqual(parameters)
                    ? (primitive, null)
                    : (null, $"primitive '{name}' is registered with the parameters [{string.Join(", ", primitive.Parameters)}], not [{string.Join(", ", parameters)}]");
            case CustomDerivative derivative:
                var residuals = arguments - 1 - derivative.Arity;
                return residuals >= 0 && parameters.IsEmpty
                    ? (new CustomCall(derivative, derivative.Arity, residuals), null)
                    : (null, $"the custom derivative '{name}' takes its value, {derivative.Arity} argument(s) and its residuals, found {arguments} argument(s)");
            default:
                return (null, null);
        }
    }

    /// <summary>Whether a graph document can name <paramref name="primitive"/> once it is registered: a user's primitive or a custom derivative.</summary>
    internal static bool CanRegister(Primitive primitive) =>
        primitive is TensorPrimitive or CustomCall or ElementwisePrimitive { IsUserDefined: true } && !UserPrimitives.IsReserved(primitive.Name);
}
