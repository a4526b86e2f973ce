using System.Collections.Immutable;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace FunctionalAD;

// Second order: Hessians and Hessian-vector products, forward over reverse.
public static partial class Transform
{
    /// <summary>
    /// The n×n Hessian of <paramref name="f"/> at <paramref name="point"/>, reverse over reverse with the
    /// recording reused: one evaluation on <c>ReverseNumber&lt;ReverseNumber&lt;double&gt;&gt;</c> and its backward
    /// sweep record the gradient's own computation, and row i is one backward sweep over that record from ∂f/∂xᵢ.
    /// So f runs once, not n times as in n Hessian-vector products. The matrix is new and the caller's own.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="point">The point.</param>
    public static Matrix<double> Hessian(IMultivariateFunction f, ReadOnlySpan<double> point)
    {
        ArgumentNullException.ThrowIfNull(f);
        var hessian = Matrix<double>.Build.Dense(point.Length, point.Length);
        if (point.IsEmpty) return hessian;
        var outer = Reverse.Variables(point);
        var inner = Reverse.Variables<ReverseNumber<double>>(outer);
        var output = f.Invoke<ReverseNumber<ReverseNumber<double>>>(inner);
        // The inner sweep's arithmetic is recorded on the outer tape: the gradient as a function of the point.
        var gradient = ReverseNumber<ReverseNumber<double>>.SweepOnce(inner, [output], [ReverseNumber<double>.One]);
        ReverseNumber<double>.EndRecording(outer);
        ReverseNumber<double>.SweepRows(outer, gradient, (i, row) => { for (var j = 0; j < row.Length; j++) hessian[i, j] = row[j]; });
        ReverseNumber<double>.Release(outer);
        return hessian;
    }

    /// <summary>
    /// H·v, the Hessian of <paramref name="f"/> at <paramref name="point"/> times <paramref name="direction"/>,
    /// forward over reverse: one evaluation and one backward sweep on <c>ReverseNumber&lt;Dual&lt;T&gt;&gt;</c>,
    /// without forming H.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="point">The point.</param>
    /// <param name="direction">The vector v, as long as the point.</param>
    /// <exception cref="ArgumentException">The point and the direction differ in length.</exception>
    public static ImmutableArray<T> HessianVectorProduct<T>(IMultivariateFunction f, ReadOnlySpan<T> point, ReadOnlySpan<T> direction)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Shapes.RequireSameLength(point.Length, direction.Length, nameof(HessianVectorProduct), "point", "direction");
        return HessianVectorProductOf(inputs => f.Invoke<ReverseNumber<Dual<T>>>(inputs), point.ToArray(), direction.ToArray());
    }

    /// <summary>
    /// The Hessian of a function written on <c>ReverseNumber&lt;Dual&lt;double&gt;&gt;</c>, forward over reverse
    /// (see <see cref="Hessian(IMultivariateFunction, ReadOnlySpan{double})"/>).
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="point">The point.</param>
    public static Matrix<double> HessianOf(Func<ReverseNumber<Dual<double>>[], ReverseNumber<Dual<double>>> f, double[] point)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        var x = point.ToArray();
        var hessian = Matrix<double>.Build.Dense(x.Length, x.Length);
        var unit = new double[x.Length];
        for (var j = 0; j < x.Length; j++)
        {
            unit[j] = 1;
            var column = HessianVectorProductOf(f, x, unit);
            unit[j] = 0;
            for (var i = 0; i < x.Length; i++) hessian[i, j] = column[i];
        }
        return hessian;
    }

    /// <summary>
    /// H·v for a function written on <c>ReverseNumber&lt;Dual&lt;T&gt;&gt;</c>: the inputs carry v as their
    /// tangents, one backward sweep gives ∇f + ε·H·v, and the tangents of the gradient are returned.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="point">The point.</param>
    /// <param name="direction">The vector v, as long as the point.</param>
    /// <exception cref="ArgumentException">The point and the direction differ in length.</exception>
    public static ImmutableArray<T> HessianVectorProductOf<T>(
        Func<ReverseNumber<Dual<T>>[], ReverseNumber<Dual<T>>> f, T[] point, T[] direction)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(direction);
        Shapes.RequireSameLength(point.Length, direction.Length, nameof(HessianVectorProduct), "point", "direction");
        if (!SingleLevel.Applies<T>()) return [.. GradientTangents(f, point, direction)];
        var nested = SingleLevel.Enter();
        try
        {
            // Nested in another derivative call at the tag-free single level: a zero direction must give zero tangents.
            if (nested)
            {
                foreach (var t in GradientTangents(f, point, new T[point.Length])) SingleLevel.RequireStill(t);
            }
            return [.. GradientTangents(f, point, direction)];
        }
        finally
        {
            SingleLevel.Exit();
        }
    }

    // One recording with the direction as the inputs' tangents, one backward sweep: the tangents of ∇f + ε·H·v.
    private static IEnumerable<T> GradientTangents<T>(Func<ReverseNumber<Dual<T>>[], ReverseNumber<Dual<T>>> f, T[] point, T[] direction)
        where T : IFloatingPointIeee754<T>
    {
        var inputs = Reverse.Variables<Dual<T>>(Forward.Seed(point, direction));
        var output = f([.. inputs]);
        var gradient = ReverseNumber<Dual<T>>.SweepOnce(inputs, [output], [Dual<T>.One]);
        return gradient.Select(g => g.Tangent);
    }
}
