using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace FunctionalAD.Properties.Support;

/// <summary>
/// Hessians built in the ways <see cref="Transform"/> does not build them, to compare against its
/// forward-over-reverse <see cref="Transform.Hessian"/>: forward over forward on
/// <c>Dual&lt;Dual&lt;double&gt;&gt;</c>, reverse over reverse and reverse over forward as Jacobians of
/// gradient functions, and central finite differences of the reverse gradient.
/// </summary>
public static class SecondOrder
{
    /// <summary>Hᵢⱼ from one evaluation on <c>Dual&lt;Dual&lt;double&gt;&gt;</c> per pair: inner tangent eᵢ, outer tangent eⱼ.</summary>
    public static Matrix<double> ForwardOverForward(IMultivariateFunction f, double[] x)
    {
        var h = Matrix<double>.Build.Dense(x.Length, x.Length);
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = 0; j < x.Length; j++)
            {
                var point = new Dual<Dual<double>>[x.Length];
                for (var k = 0; k < x.Length; k++)
                    point[k] = new(new Dual<double>(x[k], k == i ? 1 : 0), new Dual<double>(k == j ? 1 : 0, 0));
                h[i, j] = f.Invoke<Dual<Dual<double>>>(point).Tangent.Tangent;
            }
        }
        return h;
    }

    /// <summary>The Jacobian, by reverse rows, of the reverse-mode gradient: reverse over reverse.</summary>
    public static Matrix<double> ReverseOverReverse(IMultivariateFunction f, double[] x) =>
        Transform.Jacobian(Transform.Grad(f), x, JacobianMode.Reverse);

    /// <summary>The Jacobian, by reverse rows, of a gradient computed by forward mode: reverse over forward.</summary>
    public static Matrix<double> ReverseOverForward(IMultivariateFunction f, double[] x) =>
        Transform.Jacobian(new ForwardGradient(f), x, JacobianMode.Reverse);

    /// <summary>Column j is the central finite difference (with a Richardson step) of the reverse gradient along eⱼ.</summary>
    public static Matrix<double> FiniteDifferencesOfGradient(IMultivariateFunction f, double[] x)
    {
        var h = Matrix<double>.Build.Dense(x.Length, x.Length);
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = 0; j < x.Length; j++)
                h[i, j] = FiniteDifferences.Partial(v => Transform.Grad<double>(f, v)[i], x, j);
        }
        return h;
    }

    /// <summary>∇f by one forward-mode JVP per component, as a generic function.</summary>
    private sealed class ForwardGradient(IMultivariateFunction f) : IVectorFunction
    {
        public T[] Invoke<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            var gradient = new T[x.Length];
            for (var i = 0; i < x.Length; i++)
            {
                var seeds = new Dual<T>[x.Length];
                for (var k = 0; k < x.Length; k++) seeds[k] = new Dual<T>(x[k], k == i ? T.One : T.Zero);
                gradient[i] = f.Invoke<Dual<T>>(seeds).Tangent;
            }
            return gradient;
        }
    }
}
