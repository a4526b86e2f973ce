using System.Numerics;

namespace FunctionalAD;

/// <summary>
/// The one statement of a unary elementwise primitive: its value and its derivative f′(x, z) (z = f(x)), both
/// over any <see cref="IFloatingPointIeee754{TSelf}"/>. Every engine instantiates it: the interpreter and the
/// compiler at <c>double</c>, <see cref="Dual{T}"/> and <see cref="ReverseNumber{T}"/> at their scalar, and the
/// gradient-as-a-graph builder at <see cref="Expr"/>. So a derivative must be generic arithmetic: a comparison would
/// throw on a traced <see cref="Expr"/>, so a kink goes through a primitive (<see cref="ScalarMath.Relu{T}"/>,
/// <see cref="ScalarMath.Sign{T}"/>, or one of the user's own). The built-in
/// primitives are stated this way, and so is a user's: <see cref="UserPrimitives.Unary{R}"/> makes its descriptor.
/// </summary>
/// <remarks>
/// A value that generic math cannot express (a library call, an iteration) is computed at <c>double</c> and, at any
/// other type, handed back to the number type with <see cref="ScalarMath.Apply{T, R}(R, T)"/>, so that a dual or reverse
/// number applies this rule at every level of nesting:
/// <c>public T Value&lt;T&gt;(T x) =&gt; typeof(T) == typeof(double) ? … : ScalarMath.Apply(this, x);</c>
/// </remarks>
public interface IUnaryRule
{
    /// <summary>The descriptor made from this rule, which a graph applies (<see cref="Expr"/> lifts the rule to it).</summary>
    Primitive Primitive { get; }

    /// <summary>f(x).</summary>
    T Value<T>(T x) where T : IFloatingPointIeee754<T>;

    /// <summary>f′(x), given also z = f(x).</summary>
    T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T>;
}

/// <summary>
/// The one statement of a binary elementwise primitive: its value and its partials (∂f/∂x, ∂f/∂y) at (x, y, z = f(x, y)),
/// generic as for <see cref="IUnaryRule"/>; <see cref="UserPrimitives.Binary{R}"/> makes a user's descriptor.
/// </summary>
public interface IBinaryRule
{
    /// <summary>The descriptor made from this rule.</summary>
    Primitive Primitive { get; }

    /// <summary>f(x, y).</summary>
    T Value<T>(T x, T y) where T : IFloatingPointIeee754<T>;

    /// <summary>(∂f/∂x, ∂f/∂y), given also z = f(x, y).</summary>
    (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T>;
}

/// <summary>
/// A number type that applies an elementwise rule to itself: a dual number chains the derivative into its tangent,
/// a reverse number records it on its tape, a graph applies the rule's primitive. A rule whose value .NET's generic
/// math lacks (erf, sigmoid, …) reaches it through <see cref="Generic.Lift{T, R}(R, T)"/>, so nested numbers work.
/// </summary>
internal interface IRuleLift<TSelf>
{
    /// <summary>The unary rule applied to <paramref name="x"/>.</summary>
    static abstract TSelf Apply<R>(R rule, TSelf x) where R : struct, IUnaryRule;

    /// <summary>The binary rule applied to <paramref name="x"/> and <paramref name="y"/>.</summary>
    static abstract TSelf Apply<R>(R rule, TSelf x, TSelf y) where R : struct, IBinaryRule;
}
