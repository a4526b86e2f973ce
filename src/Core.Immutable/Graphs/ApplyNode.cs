using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>A scalar primitive applied to one or two earlier nodes; elementwise, with broadcasting, when they are tensors.</summary>
public sealed class ApplyNode : Expr
{
    internal ApplyNode(Primitive primitive, Expr first, Expr? second, Shape shape)
        : base(HashCode.Combine(3, primitive, first.GetHashCode(), second?.GetHashCode() ?? 0), shape)
    {
        Primitive = primitive;
        First = first;
        Second = second;
    }

    /// <summary>The primitive applied.</summary>
    public Primitive Primitive { get; }

    /// <summary>The arguments, one per <see cref="Primitive.Arity"/>.</summary>
    public ImmutableArray<Expr> Arguments => Second is null ? [First] : [First, Second];

    internal Expr First { get; }

    internal Expr? Second { get; }
}
