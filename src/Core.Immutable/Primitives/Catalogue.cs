using System.Collections.Immutable;
using System.Reflection;

namespace FunctionalAD;

/// <summary>
/// The catalogue of scalar primitives. Each field documents the primitive's derivative and its
/// conventions at kinks and domain edges; the rules themselves sit next to that documentation.
/// </summary>
public static partial class Primitives
{
    /// <summary>
    /// Every primitive of fixed shape: the arithmetic, elementary and activation primitives first, in the order the
    /// documentation lists them, then every other primitive of <see cref="Primitives"/> by name. The parameterised
    /// families (<see cref="PowerOf"/>, …) are in <see cref="Families"/>.
    /// </summary>
    public static ImmutableArray<Primitive> All => Catalogue.Items;

    /// <summary>
    /// The parameterised families of primitives (<see cref="PowerOf"/>, <see cref="EluOf"/>, <see cref="LeakyReluOf"/>,
    /// <see cref="ClampOf"/>), by name: each makes a primitive from its constant parameters.
    /// </summary>
    public static ImmutableArray<PrimitiveFamily> Families => Catalogue.Families;

    /// <summary>
    /// Every fixed primitive a graph document may name: <see cref="All"/>, <see cref="Auxiliary"/> and <see cref="Where"/>.
    /// Their names and the families' are the catalogue's, which a primitive of one's own may not take.
    /// </summary>
    internal static IEnumerable<Primitive> Named => All.Concat(Auxiliary).Append(Where);

    // A nested holder so that the lists are built after every field of the partial class is initialised. The
    // registry is read from the class itself: a public static Primitive field is a primitive, a public static
    // method from doubles to a Primitive is a family, so adding a primitive is adding its file.
    private static class Catalogue
    {
        private static readonly string[] Leading =
        [
            "add", "sub", "mul", "div", "neg", "pow", "exp", "log", "sqrt", "sin", "cos", "tan",
            "tanh", "sigmoid", "softplus", "relu", "abs", "min", "max",
        ];

        internal static readonly ImmutableArray<Primitive> Items =
        [
            .. typeof(Primitives).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(Primitive))
                .Select(f => (Primitive)f.GetValue(null)!)
                .Where(p => !Auxiliary.Contains(p))
                .OrderBy(p => Array.IndexOf(Leading, p.Name) is var i and >= 0 ? i : Leading.Length)
                .ThenBy(p => p.Name, StringComparer.Ordinal),
        ];

        internal static readonly ImmutableArray<PrimitiveFamily> Families =
        [
            .. typeof(Primitives).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.ReturnType == typeof(Primitive) && m.GetParameters() is { Length: > 0 } ps
                            && ps.All(p => p.ParameterType == typeof(double)))
                .Select(PrimitiveFamily.From)
                .OrderBy(f => f.Name, StringComparer.Ordinal),
        ];
    }
}
