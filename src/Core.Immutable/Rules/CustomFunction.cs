using System.Numerics;

namespace FunctionalAD;

/// <summary>
/// A function of numbers with a derivative of the user's choosing, for generic code over the number types (the
/// counterpart of <see cref="CustomDerivative"/> for graphs, as JAX's <c>custom_jvp</c>): its value at <c>double</c>,
/// computed any way at all (an iteration, a library call), and its JVP as generic arithmetic. Applied through
/// <see cref="CustomFunctions.Apply{T, F}(F, ReadOnlySpan{T})"/>, a dual number takes the JVP as its tangent and a reverse
/// number records the partials the JVP gives for unit tangents; the value is never differentiated. The JVP is itself
/// generic, so a nested derivative differentiates the rule: second derivatives are the rule's, never a silent zero.
/// </summary>
public interface ICustomFunction
{
    /// <summary>The number of arguments.</summary>
    int Arity { get; }

    /// <summary>The value at <paramref name="x"/>, one number per argument.</summary>
    double Value(ReadOnlySpan<double> x);

    /// <summary>The output tangent at <paramref name="x"/> (with value <paramref name="y"/>) for the argument tangents <paramref name="dx"/>, linear in them.</summary>
    T Jvp<T>(ReadOnlySpan<T> x, T y, ReadOnlySpan<T> dx) where T : IFloatingPointIeee754<T>;
}

/// <summary>A number type that applies a <see cref="ICustomFunction"/> to itself (a dual or a reverse number).</summary>
internal interface ICustomFunctionLift<TSelf>
{
    /// <summary><paramref name="function"/> applied to <paramref name="x"/>.</summary>
    static abstract TSelf Apply<F>(F function, ReadOnlySpan<TSelf> x) where F : ICustomFunction;
}
