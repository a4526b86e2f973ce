using System.Numerics;

namespace FunctionalAD;

/// <summary>A function ℝⁿ → ℝ written once for every number type (see <see cref="IRealFunction"/>).</summary>
public interface IMultivariateFunction
{
    /// <summary>The function at <paramref name="x"/>.</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="x">The arguments; read-only.</param>
    T Invoke<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;
}
