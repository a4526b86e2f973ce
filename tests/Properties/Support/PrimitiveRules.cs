namespace FunctionalAD.Properties;

/// <summary>
/// The scalar rules of an elementwise primitive (<see cref="ElementwisePrimitive"/>) read through its public type, so
/// that tests over <see cref="Primitives.All"/> state what they compare the engines with in one line.
/// </summary>
public static class PrimitiveRules
{
    /// <summary>The value rule.</summary>
    public static double Value(this Primitive p, double x, double y) => Elementwise(p, m => m.Forward).Value(x, y);

    /// <summary>The JVP rule.</summary>
    public static double Jvp(this Primitive p, double x, double y, double z, double dx, double dy) => Elementwise(p, m => m.Forward).Jvp(x, y, z, dx, dy);

    /// <summary>The VJP rule, as a pullback closure.</summary>
    internal static Pullback Vjp(this Primitive p, double x, double y, double z) => Elementwise(p, m => m.Reverse).Vjp(x, y, z);

    /// <summary>The partials as graphs.</summary>
    public static (Expr First, Expr? Second) PartialsGraph(this Primitive p, Expr x, Expr? y, Expr output) =>
        Elementwise(p, m => m.Original).PartialsGraph(x, y, output);

    /// <summary>The statements the scalar engines call.</summary>
    internal static RawRules? Rules(this Primitive p) => p.Raw;

    /// <summary>The elementwise descriptor that states <paramref name="p"/>'s rule (for a mutant, the one <paramref name="part"/> picks).</summary>
    private static ElementwisePrimitive Elementwise(Primitive p, Func<Core.MutantPrimitive, Primitive> part) => p switch
    {
        ElementwisePrimitive e => e,
        Core.MutantPrimitive m => (ElementwisePrimitive)part(m),
        _ => throw new ArgumentException($"'{p}' is not an elementwise primitive.", nameof(p)),
    };
}
