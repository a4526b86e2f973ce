namespace FunctionalAD;

/// <summary>
/// The function a <see cref="Layer"/> applies to each element of its output: one of the core's elementwise
/// primitives, so its derivative comes from the core. An immutable value; compare with <c>==</c>.
/// </summary>
/// <example><code>Layer.Dense(2, 16, Activation.Tanh)</code></example>
public sealed class Activation
{
    private readonly Func<Expr, Expr> apply;

    private Activation(string name, Func<Expr, Expr> apply, bool rectifier)
    {
        Name = name;
        this.apply = apply;
        IsRectifier = rectifier;
    }

    /// <summary>No activation: the layer is affine, x·W + b.</summary>
    public static Activation Identity { get; } = new("identity", x => x, false);

    /// <summary>The hyperbolic tangent, with outputs in (−1, 1).</summary>
    public static Activation Tanh { get; } = new("tanh", Expr.Tanh, false);

    /// <summary>The rectifier max(0, x); its derivative at 0 is the core's convention for <see cref="Expr.Relu"/>.</summary>
    public static Activation Relu { get; } = new("relu", Expr.Relu, true);

    /// <summary>The logistic function 1 / (1 + e⁻ˣ), with outputs in (0, 1).</summary>
    public static Activation Sigmoid { get; } = new("sigmoid", Expr.Sigmoid, false);

    /// <summary>The activation's name: identity, tanh, relu or sigmoid.</summary>
    public string Name { get; }

    /// <summary>Whether weights feeding this activation start with He's scale (rectifiers) rather than Glorot's.</summary>
    public bool IsRectifier { get; }

    /// <summary>The activation applied to each element of <paramref name="x"/>, as a graph.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public Expr Apply(Expr x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return apply(x);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
