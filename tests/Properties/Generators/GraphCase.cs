using System.Collections.Immutable;

namespace FunctionalAD.Properties.Generators;

/// <summary>A generated scalar graph and the point it is evaluated at; the point is inside every domain of the graph.</summary>
/// <param name="Graph">The graph; its root is the output.</param>
/// <param name="Point">A value for every input of the graph (and possibly names it no longer uses, after shrinking).</param>
public sealed record GraphCase(Expr Graph, Bindings Point)
{
    /// <summary>Printed by FsCheck for a counterexample: the graph in infix, then the point.</summary>
    public override string ToString() => $"{Graph}   at   {Point}";
}

/// <summary>What to generate: which inputs, which primitives, how large.</summary>
public sealed record GraphOptions
{
    /// <summary>Exponents of <see cref="Primitives.PowerOf"/> in the default catalogue.</summary>
    public static readonly ImmutableArray<double> Exponents = [2, 3, 0.5, -1, 1.5];

    /// <summary>Members of the other parameterised families in the default catalogue.</summary>
    public static readonly ImmutableArray<Primitive> FamilyMembers =
        [Primitives.EluOf(1), Primitives.EluOf(0.5), Primitives.LeakyReluOf(0.1), Primitives.ClampOf(-1, 1)];

    /// <summary>
    /// The default catalogue: <see cref="Primitives.All"/> plus <see cref="Primitives.PowerOf"/> with each of
    /// <see cref="Exponents"/> and the <see cref="FamilyMembers"/>.
    /// </summary>
    public static readonly ImmutableArray<Primitive> DefaultCatalogue =
        [.. Primitives.All, .. Exponents.Select(Primitives.PowerOf), .. FamilyMembers];

    /// <summary>Prefix of the generated input names: prefix0, prefix1, …</summary>
    public string Prefix { get; init; } = "x";

    /// <summary>How many prefixed inputs at least (the count is chosen uniformly between this and <see cref="MaxInputs"/>).</summary>
    public int MinInputs { get; init; } = 1;

    /// <summary>How many prefixed inputs at most.</summary>
    public int MaxInputs { get; init; } = 4;

    /// <summary>Inputs with fixed values, added to the prefixed ones (a prefixed name bound here keeps this value).</summary>
    public Bindings Fixed { get; init; } = Bindings.Empty;

    /// <summary>Primitives to choose from, uniformly.</summary>
    public ImmutableArray<Primitive> Catalogue { get; init; } = DefaultCatalogue;

    /// <summary>A primitive that must appear in the graph (on a path to the root), e.g. a mutant under test.</summary>
    public Primitive? Required { get; init; }

    /// <summary>The most primitive applications before the root (chosen uniformly from 1 to this).</summary>
    public int MaxApplications { get; init; } = 15;

    /// <summary>Input values are drawn uniformly from [−InputRange, InputRange].</summary>
    public double InputRange { get; init; } = 3;
}
