using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FunctionalAD;

/// <summary>Applies a <see cref="ICustomFunction"/> at any number type.</summary>
public static class CustomFunctions
{
    /// <summary>
    /// <paramref name="function"/> applied to <paramref name="x"/>, at any number type: at <c>double</c> its value; at
    /// <see cref="Dual{T}"/> and <see cref="ReverseNumber{T}"/> (nested too) its value and the derivative its JVP states.
    /// </summary>
    /// <example><code>
    /// // inside Reverse.GradOf or Forward.GradOf, or any generic function over T:
    /// var y = CustomFunctions.Apply(new NewtonSqrt(), [x]);
    /// </code></example>
    /// <exception cref="ArgumentException">The number of arguments is not the function's arity.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is <see cref="Expr"/>: graphs take a <see cref="CustomDerivative"/>.</exception>
    public static T Apply<T, F>(F function, params ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> where F : ICustomFunction
    {
        ArgumentNullException.ThrowIfNull(function);
        if (x.Length != function.Arity)
            throw new ArgumentException($"The custom function {function.GetType().Name} takes {function.Arity} argument{(function.Arity == 1 ? "" : "s")}, not {x.Length}.", nameof(x));
        if (typeof(T) == typeof(double))
            return Generic.FromDouble<T>(function.Value(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(x)), x.Length)));
        if (typeof(T) == typeof(Expr))
            throw new NotSupportedException($"The custom function {function.GetType().Name} is applied to graph nodes: in a graph, state it as a CustomDerivative.");
        return Lift<T, F>.Apply(function, x);
    }

    private static class Lift<T, F> where T : IFloatingPointIeee754<T> where F : ICustomFunction
    {
        // Made once per (number type, function): the constraint is known only at run time. A plain floating-point
        // type (float, Half) goes through double.
        public static readonly ApplyFunction Apply = typeof(ICustomFunctionLift<T>).IsAssignableFrom(typeof(T))
            ? typeof(CustomFunctions).GetMethod(nameof(ApplyLifted), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(typeof(T), typeof(F)).CreateDelegate<ApplyFunction>()
            : (function, x) =>
            {
                var doubles = new double[x.Length];
                for (var i = 0; i < x.Length; i++) doubles[i] = double.CreateTruncating(x[i]);
                return T.CreateTruncating(function.Value(doubles));
            };

        public delegate T ApplyFunction(F function, ReadOnlySpan<T> x);
    }

    private static T ApplyLifted<T, F>(F function, ReadOnlySpan<T> x) where T : ICustomFunctionLift<T> where F : ICustomFunction =>
        T.Apply(function, x);
}
