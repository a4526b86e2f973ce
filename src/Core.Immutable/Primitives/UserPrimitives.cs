using System.Collections.Frozen;

namespace FunctionalAD;

/// <summary>
/// Defines elementwise primitives of one's own, as the catalogue's are defined: one generic statement of the value
/// and the derivative (an <see cref="IUnaryRule"/> or <see cref="IBinaryRule"/>) becomes a descriptor that every
/// engine reads — graphs (evaluation, both modes, compilation, gradient graphs and Hessians, printing, DOT, Mermaid,
/// JSON), the number types (<see cref="Dual{T}"/>, <see cref="ReverseNumber{T}"/>, nested) and tracing. Tensor
/// operations of one's own derive from <see cref="TensorPrimitive"/>.
/// </summary>
/// <example><code>
/// readonly struct Log1pExpRule : IUnaryRule
/// {
///     public Primitive Primitive => Log1pExp;
///     public T Value&lt;T&gt;(T x) where T : IFloatingPointIeee754&lt;T&gt; =&gt; T.Max(x, T.Zero) + T.LogP1(T.Exp(-T.Abs(x)));
///     public T Derivative&lt;T&gt;(T x, T z) where T : IFloatingPointIeee754&lt;T&gt; =&gt; T.One / (T.One + T.Exp(-x));
/// }
/// static readonly Primitive Log1pExp = UserPrimitives.Unary("log1pexp", new Log1pExpRule());
/// Expr y = Expr.Apply(Log1pExp, x);                          // in a graph
/// T v = ScalarMath.Apply(new Log1pExpRule(), t);             // in generic code, on any number type
/// </code></example>
public static class UserPrimitives
{
    /// <summary>The descriptor of a unary elementwise primitive stated by <paramref name="rule"/>.</summary>
    /// <param name="name">Its name, printed and saved; not a name of the catalogue.</param>
    /// <param name="rule">The value and the derivative.</param>
    /// <exception cref="ArgumentException">The name is empty, white space or a catalogue primitive's name.</exception>
    public static Primitive Unary<R>(string name, R rule) where R : struct, IUnaryRule =>
        Rules.Unary(CheckName(name), rule, userDefined: true);

    /// <summary>The descriptor of a binary elementwise primitive stated by <paramref name="rule"/>.</summary>
    /// <param name="name">Its name, printed and saved; not a name of the catalogue.</param>
    /// <param name="rule">The value and the partials.</param>
    /// <exception cref="ArgumentException">The name is empty, white space or a catalogue primitive's name.</exception>
    public static Primitive Binary<R>(string name, R rule) where R : struct, IBinaryRule =>
        Rules.Binary(CheckName(name), rule, userDefined: true);

    // Made on first use, after the catalogue's fields: the writer asks for every node of a user's primitive.
    private static class Reserved
    {
        public static readonly FrozenSet<string> Names =
            Primitives.Named.Select(p => p.Name).Concat(Primitives.Families.Select(f => f.Name)).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="name"/> is the catalogue's or a family's, which a primitive of one's own may not take (a saved graph names each once).</summary>
    internal static bool IsReserved(string name) => Reserved.Names.Contains(name);

    internal static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (IsReserved(name))
            throw new ArgumentException($"'{name}' is the name of a built-in primitive; give a primitive of one's own another name, so that a saved graph names one primitive.", nameof(name));
        return name;
    }
}
