using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// The catalogue of scalar primitives. Each field documents the primitive's derivative and its
/// conventions at kinks and domain edges; the rules themselves sit next to that documentation.
/// </summary>
public static partial class Primitives
{
    /// <summary>
    /// Every primitive of fixed shape, in catalogue order. <see cref="PowerOf"/> is a family, represented
    /// here by no member; property generators add it with random exponents.
    /// </summary>
    public static ImmutableArray<Primitive> All => Catalogue.Items;

    // A nested holder so that the list is built after every field of the partial class is initialised.
    private static class Catalogue
    {
        internal static readonly ImmutableArray<Primitive> Items =
        [
            Add, Subtract, Multiply, Divide, Negate,
            Pow, Exp, Log, Sqrt,
            Sin, Cos, Tan,
            Tanh, Sigmoid, Softplus, Relu,
            Abs, Min, Max,
        ];
    }
}
