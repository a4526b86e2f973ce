namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary><c>sin x</c>. d/dx = cos x.</summary>
    public static readonly Primitive Sin = Rules.Unary("sin", Math.Sin, (x, _) => Math.Cos(x), (x, _) => Expr.Cos(x));

    /// <summary><c>cos x</c>. d/dx = −sin x.</summary>
    public static readonly Primitive Cos = Rules.Unary("cos", Math.Cos, (x, _) => -Math.Sin(x), (x, _) => -Expr.Sin(x));

    /// <summary><c>tan x</c>. d/dx = 1 + tan² x.</summary>
    public static readonly Primitive Tan = Rules.Unary("tan", Math.Tan, (_, z) => 1 + z * z, (_, z) => 1.0 + z * z);
}
