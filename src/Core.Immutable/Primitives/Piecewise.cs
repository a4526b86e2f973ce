namespace FunctionalAD;

public static partial class Primitives
{
    // Kink convention, shared by every piecewise primitive: at a kink the derivative is the mean of the
    // one-sided derivatives. So |x|′(0) = 0, relu′(0) = ½, and max/min split a tie ½ and ½ — which keeps
    // relu(x) and max(x, 0) consistent, and gives max(x, x) the true derivative 1.

    /// <summary><c>|x|</c>. d/dx = sign x; at the kink x = 0 the derivative is 0.</summary>
    public static readonly Primitive Abs = Rules.Unary(
        "abs", Math.Abs, (x, _) => x > 0 ? 1 : x < 0 ? -1 : x == 0 ? 0 : double.NaN,
        (x, _) => Expr.Step(x, 0.0) - Expr.Step(0.0, x));

    /// <summary>
    /// <c>max(x, y)</c>. The derivative goes to the larger argument; at a tie x = y each argument gets ½.
    /// If either argument is NaN the value is NaN and so are both partials.
    /// </summary>
    public static readonly Primitive Max = Rules.Binary(
        "max", Math.Max, (x, y, _) => Select(x, y), (x, y, _) => (Expr.Step(x, y), Expr.Step(y, x)));

    /// <summary>
    /// <c>min(x, y)</c>. The derivative goes to the smaller argument; at a tie x = y each argument gets ½.
    /// If either argument is NaN the value is NaN and so are both partials.
    /// </summary>
    public static readonly Primitive Min = Rules.Binary(
        "min", Math.Min, (x, y, _) => Select(y, x), (x, y, _) => (Expr.Step(y, x), Expr.Step(x, y)));

    /// <summary>Partials of max(x, y): (1, 0) when x wins, (0, 1) when y wins, (½, ½) at a tie.</summary>
    private static (double, double) Select(double x, double y) =>
        x > y ? (1, 0) : x < y ? (0, 1) : x == y ? (0.5, 0.5) : (double.NaN, double.NaN);
}
