using System.Numerics;

namespace FunctionalAD;

/// <summary>
/// A function ℝ → ℝ written once for every number type, so that it can be evaluated on doubles and
/// differentiated in forward mode, reverse mode and nested (see <see cref="Transform"/>). Implement
/// <see cref="Invoke{T}"/> with <c>T</c>'s own arithmetic and math (<c>T.Sin</c>, <c>T.Exp</c>, …); branches on
/// values act on the value, so loops and conditions work as in ordinary code.
/// </summary>
public interface IRealFunction
{
    /// <summary>The function at <paramref name="x"/>.</summary>
    /// <typeparam name="T">The number type: <see cref="double"/>, <see cref="Dual{T}"/>, <see cref="ReverseNumber{T}"/>, …</typeparam>
    /// <param name="x">The argument.</param>
    T Invoke<T>(T x) where T : IFloatingPointIeee754<T>;
}
