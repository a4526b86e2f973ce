using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// Builders that turn one statement of a derivative into both modes (as ChainRules' <c>@scalar_rule</c>):
/// the JVP multiplies the local partials by the tangents, the pullback multiplies them by the cotangent.
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

    /// <summary>A unary primitive from its value, its derivative f′(x, f(x)), and the same derivative as a graph.</summary>
    public static Primitive Unary(
        string name, Func<double, double> value, Func<double, double, double> derivative, Func<Expr, Expr, Expr> symbolic,
        Notation notation = Notation.Function, string? symbol = null, int precedence = 10,
        ImmutableArray<double> parameters = default) =>
        new(name, 1, notation, symbol ?? name, precedence, parameters.IsDefault ? [] : parameters,
            value: (x, _) => value(x),
            jvp: (x, _, z, dx, _) => Times(derivative(x, z), dx),
            vjp: (x, _, z) =>
            {
                var d = derivative(x, z);
                return ct => new Cotangents(Times(d, ct), 0);
            },
            symbolic: (x, _, z) => (symbolic(x, z), null),
            raw: new RawRules(value, derivative, null, null));

    /// <summary>A binary primitive from its value, its two partials (∂f/∂x, ∂f/∂y) at (x, y, f(x, y)), and the same partials as graphs.</summary>
    public static Primitive Binary(
        string name, Func<double, double, double> value, Func<double, double, double, (double Dx, double Dy)> partials,
        Func<Expr, Expr, Expr, (Expr Dx, Expr Dy)> symbolic,
        Notation notation = Notation.Function, string? symbol = null, int precedence = 10) =>
        new(name, 2, notation, symbol ?? name, precedence, [],
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
