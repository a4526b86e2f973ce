namespace FunctionalAD;

/// <summary>The value of a function and its derivative along a direction (a JVP).</summary>
/// <typeparam name="TValue">A scalar, or an array of outputs.</typeparam>
/// <param name="Value">The function's value.</param>
/// <param name="Tangent">The directional derivative J·v, shaped like the value.</param>
public readonly record struct ValueAndTangent<TValue>(TValue Value, TValue Tangent);
