using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A <see cref="Primitive"/> applied to earlier nodes, one per <see cref="Primitive.Arity"/>: an elementwise primitive
/// (with broadcasting when the arguments are tensors), a tensor operation, or <see cref="Expr.Where"/>.
/// </summary>
public sealed class ApplyNode : Expr
{
    // The first two arguments are fields, as most primitives take one or two: a node stays as small as it can be.
    // Only a primitive of three or more arguments keeps them all in an array.
    private readonly Expr[]? all;

    internal ApplyNode(Primitive primitive, Expr first, Expr? second, Shape shape)
        : base(HashCode.Combine(3, primitive, first.GetHashCode(), second?.GetHashCode() ?? 0), shape)
    {
        Primitive = primitive;
        First = first;
        Second = second;
    }

    internal ApplyNode(Primitive primitive, Expr[] arguments, Shape shape)
        : base(Hash(primitive, arguments), shape)
    {
        Primitive = primitive;
        First = arguments[0];
        Second = arguments.Length > 1 ? arguments[1] : null;
        if (arguments.Length > 2) all = arguments;
    }

    /// <summary>The primitive applied.</summary>
    public Primitive Primitive { get; }

    /// <summary>The arguments, one per <see cref="Primitive.Arity"/>.</summary>
    public ImmutableArray<Expr> Arguments => all is not null ? [.. all] : Second is null ? [First] : [First, Second];

    /// <summary>The number of arguments.</summary>
    internal int Arity => all?.Length ?? (Second is null ? 1 : 2);

    /// <summary>The argument at <paramref name="k"/> (less than <see cref="Arity"/>).</summary>
    internal Expr Argument(int k) => all is not null ? all[k] : k == 0 ? First : Second!;

    internal Expr First { get; }

    internal Expr? Second { get; }

    private static int Hash(Primitive primitive, Expr[] arguments)
    {
        if (arguments.Length <= 2) return HashCode.Combine(3, primitive, arguments[0].GetHashCode(), arguments.Length > 1 ? arguments[1].GetHashCode() : 0);
        var hash = HashCode.Combine(3, primitive, arguments[0].GetHashCode(), arguments[1].GetHashCode());
        for (var k = 2; k < arguments.Length; k++) hash = HashCode.Combine(hash, arguments[k].GetHashCode());
        return hash;
    }
}
