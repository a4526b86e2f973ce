using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// Builders that turn one statement of a derivative (an <see cref="IUnaryRule"/> or <see cref="IBinaryRule"/>) into
/// the descriptor every engine reads, as ChainRules' <c>@scalar_rule</c> and JAX's <c>defjvp</c>: the value, JVP, VJP
/// and the statements the interpreter and compiler call are the rule at <c>double</c>; the partials as graphs, from
/// which <see cref="Reverse.GradGraph"/> builds gradients, are the same rule at <see cref="Expr"/>.
/// </summary>
internal static class Rules
{
    /// <summary>
    /// <paramref name="partial"/> × <paramref name="direction"/>, where an exact zero on either side is a
    /// strong zero: it gives 0 even against ∞ or NaN. A branch that receives no tangent or cotangent, or
    /// that the output does not depend on locally, therefore contributes zero, never <c>0 · ∞ = NaN</c>,
    /// and forward and reverse mode make the same choice (d/dx [0 · √x] = d/dx √(0 · x) = 0 at x = 0).
    /// </summary>
    public static double Times(double partial, double direction) =>
        partial == 0 || direction == 0 ? 0 : partial * direction;

    /// <summary>The descriptor of a unary primitive stated by <paramref name="rule"/>.</summary>
    public static Primitive Unary<R>(
        string name, R rule, Notation notation = Notation.Function, string? symbol = null, int precedence = 10,
        ImmutableArray<double> parameters = default, Opcode? inline = null, bool userDefined = false) where R : struct, IUnaryRule
    {
        // Lambdas, not method groups: the compiler calls a delegate's method directly on its target, which must be
        // an object (a method group over the struct would bind to a boxed copy).
        Func<double, double> value = x => rule.Value(x);
        Func<double, double, double> derivative = (x, z) => rule.Derivative(x, z);
        return new ElementwisePrimitive(name, 1, notation, symbol ?? name, precedence, parameters.IsDefault ? [] : parameters,
            value: (x, _) => rule.Value(x),
            jvp: (x, _, z, dx, _) => Times(rule.Derivative(x, z), dx),
            vjp: (x, _, z) =>
            {
                var d = rule.Derivative(x, z);
                return ct => new Cotangents(Times(d, ct), 0);
            },
            symbolic: (x, _, z) => (rule.Derivative(x, z), null),
            raw: new RawRules(value, derivative, null, null, inline),
            userDefined: userDefined);
    }

    /// <summary>The descriptor of a binary primitive stated by <paramref name="rule"/>.</summary>
    public static Primitive Binary<R>(
        string name, R rule, Notation notation = Notation.Function, string? symbol = null, int precedence = 10,
        ImmutableArray<double> parameters = default, Opcode? inline = null, bool userDefined = false) where R : struct, IBinaryRule
    {
        Func<double, double, double> value = (x, y) => rule.Value(x, y);
        Func<double, double, double, (double, double)> partials = (x, y, z) => rule.Partials(x, y, z);
        return new ElementwisePrimitive(name, 2, notation, symbol ?? name, precedence, parameters.IsDefault ? [] : parameters,
            value: value,
            jvp: (x, y, z, dx, dy) =>
            {
                if (dx == 0 && dy == 0) return 0;
                var (px, py) = rule.Partials(x, y, z);
                return Times(px, dx) + Times(py, dy);
            },
            vjp: (x, y, z) =>
            {
                var (px, py) = rule.Partials(x, y, z);
                return ct => new Cotangents(Times(px, ct), Times(py, ct));
            },
            symbolic: (x, y, z) => rule.Partials(x, y!, z),
            raw: new RawRules(null, null, value, partials, inline),
            userDefined: userDefined);
    }

    /// <summary>
    /// A unary primitive stated by delegates: its value, its derivative f′(x, f(x)), and the same derivative as a
    /// graph. For primitives made outside the catalogue (tests that count rule calls, replacement rules); the
    /// catalogue states each rule once, generically, with the overload above.
    /// </summary>
    public static Primitive Unary(
        string name, Func<double, double> value, Func<double, double, double> derivative, Func<Expr, Expr, Expr> symbolic,
        Notation notation = Notation.Function, string? symbol = null, int precedence = 10,
        ImmutableArray<double> parameters = default) =>
        new ElementwisePrimitive(name, 1, notation, symbol ?? name, precedence, parameters.IsDefault ? [] : parameters,
            value: (x, _) => value(x),
            jvp: (x, _, z, dx, _) => Times(derivative(x, z), dx),
            vjp: (x, _, z) =>
            {
                var d = derivative(x, z);
                return ct => new Cotangents(Times(d, ct), 0);
            },
            symbolic: (x, _, z) => (symbolic(x, z), null),
            raw: new RawRules(value, derivative, null, null));

    /// <summary>A binary primitive stated by delegates (see the unary overload).</summary>
    public static Primitive Binary(
        string name, Func<double, double, double> value, Func<double, double, double, (double Dx, double Dy)> partials,
        Func<Expr, Expr, Expr, (Expr Dx, Expr Dy)> symbolic,
        Notation notation = Notation.Function, string? symbol = null, int precedence = 10) =>
        new ElementwisePrimitive(name, 2, notation, symbol ?? name, precedence, [],
            value: value,
            jvp: (x, y, z, dx, dy) =>
            {
                if (dx == 0 && dy == 0) return 0;
                var (px, py) = partials(x, y, z);
                return Times(px, dx) + Times(py, dy);
            },
            vjp: (x, y, z) =>
            {
                var (px, py) = partials(x, y, z);
                return ct => new Cotangents(Times(px, ct), Times(py, ct));
            },
            symbolic: (x, y, z) => symbolic(x, y!, z),
            raw: new RawRules(null, null, value, partials));
}
