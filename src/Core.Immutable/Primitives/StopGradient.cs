using System.Numerics;

namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary>
    /// <c>stop_gradient(x)</c>: the value of x, with derivative exactly 0 — in every mode and transformation, at every
    /// order and at every level of nesting (a dual or reverse number inside another loses its perturbation at each
    /// level). For what a derivative should not see: a target computed from the parameters, a straight-through
    /// estimator <c>x + stop_gradient(round(x) − x)</c>, the fixed part of a moving average. Its derivative is not the
    /// derivative of its value, so it is one of <see cref="Auxiliary"/>, not of <see cref="All"/>.
    /// </summary>
    public static readonly Primitive StopGradient = Rules.Unary("stop_gradient", new StopGradientRule());

    internal readonly struct StopGradientRule : IUnaryRule
    {
        public Primitive Primitive => StopGradient;

        // Below double, the rule applies again one level down, so a nested number stops at every level.
        public T Value<T>(T x) where T : IFloatingPointIeee754<T> => Generic.IsDouble<T>() ? x : Generic.Lift(this, x);

        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> => T.Zero;
    }
}

public abstract partial class Expr
{
    /// <summary><c>stop_gradient(x)</c>: the value of x, derivative 0 (<see cref="Primitives.StopGradient"/>).</summary>
    public static Expr StopGradient(Expr x) => Apply(Primitives.StopGradient, x);
}

public readonly partial struct Dual<T>
{
    /// <summary>The value of x with tangent 0 at every level (<see cref="Primitives.StopGradient"/>).</summary>
    public static Dual<T> StopGradient(Dual<T> x) => Apply(new Primitives.StopGradientRule(), x);
}

public readonly partial struct ReverseNumber<T>
{
    /// <summary>The value of x as a constant at every level: no cotangent flows into x (<see cref="Primitives.StopGradient"/>).</summary>
    public static ReverseNumber<T> StopGradient(ReverseNumber<T> x) => Apply(new Primitives.StopGradientRule(), x);
}

public static partial class Dual
{
    /// <summary>The value of x with tangent 0; see <see cref="Dual{T}.StopGradient(Dual{T})"/>.</summary>
    public static Dual<T> StopGradient<T>(Dual<T> x) where T : IFloatingPointIeee754<T> => Dual<T>.StopGradient(x);
}

public static partial class ReverseNumber
{
    /// <summary>The value of x as a constant; see <see cref="ReverseNumber{T}.StopGradient(ReverseNumber{T})"/>.</summary>
    public static ReverseNumber<T> StopGradient<T>(ReverseNumber<T> x) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.StopGradient(x);
}

public static partial class ScalarMath
{
    /// <summary>
    /// The value of x with derivative 0, for generic code: x itself at <c>double</c>, the value without its
    /// perturbation (at every level) at <see cref="Dual{T}"/> and <see cref="ReverseNumber{T}"/>, and a
    /// <c>stop_gradient</c> node at <see cref="Expr"/> (<see cref="Primitives.StopGradient"/>).
    /// </summary>
    public static T StopGradient<T>(T x) where T : IFloatingPointIeee754<T> => new Primitives.StopGradientRule().Value(x);
}
