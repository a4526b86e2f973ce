using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// The JVP a <see cref="CustomDerivative"/> states (as JAX's <c>custom_jvp</c>): the output tangent, as a graph over
/// the arguments, the output and the arguments' tangents, linear in the tangents.
/// </summary>
/// <param name="arguments">The function's arguments.</param>
/// <param name="output">The function's value: the custom node itself, so that a rule stated with it is differentiated
/// by the same rule at higher order.</param>
/// <param name="tangents">One tangent per argument, of the argument's shape.</param>
/// <returns>The output tangent, of the output's shape.</returns>
public delegate Expr CustomJvp(ImmutableArray<Expr> arguments, Expr output, ImmutableArray<Expr> tangents);

/// <summary>
/// The VJP a <see cref="CustomDerivative"/> states (as JAX's <c>custom_vjp</c> backward function): the cotangent of
/// each argument, as graphs over the residuals the forward function saved, the output and the output's cotangent.
/// </summary>
/// <param name="residuals">The values the forward function saved for the backward pass.</param>
/// <param name="output">The function's value: the custom node itself.</param>
/// <param name="cotangent">The output's cotangent, of the output's shape.</param>
/// <returns>One cotangent per argument, of the argument's shape.</returns>
public delegate ImmutableArray<Expr> CustomVjp(ImmutableArray<Expr> residuals, Expr output, Expr cotangent);

/// <summary>What the forward function of a <see cref="CustomDerivative"/> stated by its VJP returns.</summary>
/// <param name="Output">The function's value.</param>
/// <param name="Residuals">The values saved for the backward function (computed once, in the forward pass).</param>
public readonly record struct ForwardWithResiduals(Expr Output, ImmutableArray<Expr> Residuals);
