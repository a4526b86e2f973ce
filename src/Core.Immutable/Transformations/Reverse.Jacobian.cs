using MathNet.Numerics.LinearAlgebra;

namespace FunctionalAD;

public static partial class Reverse
{
    /// <summary>
    /// The m×n Jacobian of a function written on <see cref="ReverseNumber{T}"/>s, row by row: one recorded
    /// evaluation and one backward sweep per output. Suits functions with few outputs. The matrix is new.
    /// </summary>
    /// <param name="f">The function ℝⁿ → ℝᵐ.</param>
    /// <param name="point">The point.</param>
    public static Matrix<double> JacobianOf(Func<ReverseNumber<double>[], ReverseNumber<double>[]> f, double[] point)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        return Transform.JacobianByRows(point.ToArray(), f);
    }
}
