using System.Numerics;

namespace FunctionalAD;

/// <summary>A function ℝⁿ → ℝᵐ written once for every number type (see <see cref="IRealFunction"/>).</summary>
public interface IVectorFunction
{
    /// <summary>The function at <paramref name="x"/>: a new array of m components, the same m at every point.</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="x">The arguments; read-only.</param>
    T[] Invoke<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;
}
