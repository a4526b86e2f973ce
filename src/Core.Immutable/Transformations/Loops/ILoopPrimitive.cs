using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>A primitive that holds body graphs (a loop): what printing, pictures and JSON show of it beside its arguments.</summary>
internal interface ILoopPrimitive
{
    /// <summary>The body graphs, each with what it computes: <c>new carry</c>, <c>output slice</c>.</summary>
    ImmutableArray<(string Label, Expr Graph)> Bodies { get; }
}
