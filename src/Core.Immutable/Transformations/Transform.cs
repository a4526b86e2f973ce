using System.Numerics;

namespace FunctionalAD;

/// <summary>
/// Transformations of functions written once for every number type (<see cref="IRealFunction"/>,
/// <see cref="IMultivariateFunction"/>, <see cref="IVectorFunction"/>), as JAX's <c>grad</c>, <c>jvp</c>,
/// <c>vjp</c>, <c>jacfwd</c>/<c>jacrev</c> and <c>hessian</c>. Each transformation picks the number type that
/// implements it — <see cref="Dual{T}"/> for forward mode, <see cref="ReverseNumber{T}"/> for reverse mode, both
/// nested for second order — and those that return functions (<see cref="Derivative(IRealFunction)"/>,
/// <see cref="Grad(IMultivariateFunction)"/>) return generic functions again, so they compose to any order.
/// Because the inner transformation is instantiated at the outer one's number type, an inner perturbation
/// is never confused with an outer one.
/// </summary>
public static partial class Transform
{
    /// <summary>The derivative f′ as a function, itself differentiable: <c>Derivative(Derivative(f))</c> is f″.</summary>
    /// <param name="f">The function.</param>
    public static IRealFunction Derivative(IRealFunction f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new DerivativeFunction(f);
    }

    /// <summary>
    /// The derivative of order <paramref name="n"/> as a function (0 gives f itself), by nesting forward mode
    /// n deep: evaluating it at a double runs f on n-times-nested dual numbers.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="n">How many times to differentiate; at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    public static IRealFunction NthDerivative(IRealFunction f, int n)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        for (var i = 0; i < n; i++) f = new DerivativeFunction(f);
        return f;
    }

    /// <summary>f′(x) in forward mode: one evaluation of f on a dual number.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point; a dual or reverse number when this call is nested in another transformation.</param>
    public static T Derivative<T>(IRealFunction f, T x) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return f.Invoke(new Dual<T>(x, T.One, Dual<T>.NewTag())).Tangent;
    }

    private sealed class DerivativeFunction(IRealFunction f) : IRealFunction
    {
        public T Invoke<T>(T x) where T : IFloatingPointIeee754<T> => Derivative(f, x);
    }
}
