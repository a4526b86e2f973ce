using MathNet.Numerics.LinearAlgebra;

namespace FunctionalAD;

public static partial class Forward
{
    /// <summary>
    /// The m×n Jacobian of a function written on <see cref="Dual{T}"/>s, column by column: one evaluation per
    /// input, each with tangent 1 in that input. Suits functions with few inputs. The matrix is new.
    /// </summary>
    /// <param name="f">The function ℝⁿ → ℝᵐ.</param>
    /// <param name="point">The point.</param>
    public static Matrix<double> JacobianOf(Func<Dual<double>[], Dual<double>[]> f, double[] point)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        return Transform.JacobianByColumns(point.ToArray(), f);
    }
}
