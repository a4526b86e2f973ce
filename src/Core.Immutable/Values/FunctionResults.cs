namespace FunctionalAD;

/// <summary>The value of a scalar function over any scalar type and its pullback.</summary>
/// <typeparam name="TValue">The scalar: <see cref="double"/>, or a dual or reverse number when nested.</typeparam>
/// <typeparam name="TCotangents">The input cotangents.</typeparam>
/// <param name="Value">The function's value.</param>
/// <param name="Pullback">Maps the output cotangent u to uᵀJ; pure, callable any number of times.</param>
public readonly record struct ValueAndPullback<TValue, TCotangents>(TValue Value, Func<TValue, TCotangents> Pullback);

/// <summary>The value of a scalar function over any scalar type and its gradient.</summary>
/// <typeparam name="TValue">The scalar: <see cref="double"/>, or a dual or reverse number when nested.</typeparam>
/// <typeparam name="TGradient">The gradient.</typeparam>
/// <param name="Value">The function's value.</param>
/// <param name="Gradient">The partial derivatives, one per input.</param>
public readonly record struct ValueAndGradient<TValue, TGradient>(TValue Value, TGradient Gradient);
