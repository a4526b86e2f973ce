using System.Collections.Immutable;
using System.Numerics;

namespace FunctionalAD;

// Gradients, JVPs and VJPs of functions ℝⁿ → ℝ.
public static partial class Transform
{
    /// <summary>The gradient ∇f as a function ℝⁿ → ℝⁿ (reverse mode), itself differentiable: its Jacobian is the Hessian.</summary>
    /// <param name="f">The function.</param>
    public static IVectorFunction Grad(IMultivariateFunction f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new GradientFunction(f);
    }

    /// <summary>∇f at <paramref name="point"/>: one recorded evaluation and one backward sweep.</summary>
    /// <param name="f">The function.</param>
    /// <param name="point">The point.</param>
    public static ImmutableArray<T> Grad<T>(IMultivariateFunction f, ReadOnlySpan<T> point) where T : IFloatingPointIeee754<T> =>
        ValueAndGrad(f, point).Gradient;

    /// <summary>f and ∇f at <paramref name="point"/>, from one recorded evaluation and one backward sweep.</summary>
    /// <param name="f">The function.</param>
    /// <param name="point">The point.</param>
    public static ValueAndGradient<T, ImmutableArray<T>> ValueAndGrad<T>(IMultivariateFunction f, ReadOnlySpan<T> point)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        var inputs = Reverse.Variables(point);
        var output = f.Invoke<ReverseNumber<T>>(inputs);
        return new(output.Value, [.. ReverseNumber<T>.SweepOnce(inputs, [output], [T.One])]);
    }

    /// <summary>f at <paramref name="point"/> and its pullback u ↦ u·∇f (pure: each call is a fresh backward sweep).</summary>
    /// <param name="f">The function.</param>
    /// <param name="point">The point.</param>
    public static ValueAndPullback<T, ImmutableArray<T>> Vjp<T>(IMultivariateFunction f, ReadOnlySpan<T> point)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        var inputs = Reverse.Variables(point);
        var output = f.Invoke<ReverseNumber<T>>(inputs);
        ReverseNumber<T>.EndRecording(inputs);
        return new(output.Value, u => [.. ReverseNumber<T>.Sweep(inputs, [output], [u])]);
    }

    /// <summary>f at <paramref name="point"/> and its derivative along <paramref name="direction"/>: one evaluation on dual numbers.</summary>
    /// <param name="f">The function.</param>
    /// <param name="point">The point.</param>
    /// <param name="direction">The direction v, as long as the point.</param>
    /// <exception cref="ArgumentException">The point and the direction differ in length.</exception>
    public static ValueAndTangent<T> Jvp<T>(IMultivariateFunction f, ReadOnlySpan<T> point, ReadOnlySpan<T> direction)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Shapes.RequireSameLength(point.Length, direction.Length, nameof(Jvp), "point", "direction");
        var result = f.Invoke<Dual<T>>(Forward.Seed(point.ToArray(), direction.ToArray()));
        return new(result.Value, result.Tangent);
    }

    private sealed class GradientFunction(IMultivariateFunction f) : IVectorFunction
    {
        public T[] Invoke<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            var inputs = Reverse.Variables(x);
            var output = f.Invoke<ReverseNumber<T>>(inputs);
            return ReverseNumber<T>.SweepOnce(inputs, [output], [T.One]);
        }
    }
}
