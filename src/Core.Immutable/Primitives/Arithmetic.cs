namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary><c>x + y</c>. ∂/∂x = 1, ∂/∂y = 1.</summary>
    public static readonly Primitive Add = Rules.Binary(
        "add", (x, y) => x + y, (_, _, _) => (1, 1), (_, _, _) => (1.0, 1.0), Notation.Infix, "+", 1);

    /// <summary><c>x − y</c>. ∂/∂x = 1, ∂/∂y = −1.</summary>
    public static readonly Primitive Subtract = Rules.Binary(
        "sub", (x, y) => x - y, (_, _, _) => (1, -1), (_, _, _) => (1.0, -1.0), Notation.Infix, "-", 1);

    /// <summary><c>x · y</c>. ∂/∂x = y, ∂/∂y = x.</summary>
    public static readonly Primitive Multiply = Rules.Binary(
        "mul", (x, y) => x * y, (x, y, _) => (y, x), (x, y, _) => (y, x), Notation.Infix, "*", 2);

    /// <summary><c>x / y</c>. ∂/∂x = 1/y, ∂/∂y = −x/y². Division by zero follows IEEE 754 (±∞ or NaN).</summary>
    public static readonly Primitive Divide = Rules.Binary(
        "div", (x, y) => x / y, (_, y, z) => (1 / y, -z / y), (_, y, z) => (1.0 / y, -z / y), Notation.Infix, "/", 2);

    /// <summary><c>−x</c>. d/dx = −1.</summary>
    public static readonly Primitive Negate = Rules.Unary(
        "neg", x => -x, (_, _) => -1, (_, _) => -1.0, Notation.Prefix, "-", 3);
}
