using System.Collections.Immutable;
using System.Numerics;

namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary>
    /// <c>step(x, y)</c>: 1 where x &gt; y, 0 where x &lt; y, ½ at a tie x = y, NaN if either is NaN — the
    /// partial ∂max(x, y)/∂x, so that the kink convention (the mean of the one-sided derivatives) holds in
    /// gradient graphs too: relu′(x) = step(x, 0), |x|′ = step(x, 0) − step(0, x). As a condition of
    /// <see cref="Expr.Where"/> it is "x &gt; y". Its derivative is 0 in both arguments (also at the jump,
    /// by convention).
    /// </summary>
    public static readonly Primitive Step = Rules.Binary("step", new StepRule());

    /// <summary>
    /// <c>x ⊙ y</c>, the product with a strong zero: an exact 0 on either side gives 0, even against ∞ or
    /// NaN — the product the interpreted modes use between a local partial and a (co)tangent. Gradient
    /// graphs multiply adjoints by partials with it, so they give 0 where the interpreted modes do
    /// (d/da [a·√x] at a = 0, x = 0). ∂/∂x = y, ∂/∂y = x.
    /// </summary>
    public static readonly Primitive StrongMultiply = Rules.Binary("smul", new StrongMultiplyRule(), Notation.Infix, "⊙", 2);

    /// <summary>
    /// The primitives outside the modelling catalogue <see cref="All"/>, whose derivatives are those of their values:
    /// the ones that state other primitives' derivatives as graphs (<see cref="Step"/>, <see cref="StrongMultiply"/>),
    /// and <see cref="StopGradient"/>, whose derivative is 0 by definition.
    /// </summary>
    public static ImmutableArray<Primitive> Auxiliary => [Step, StrongMultiply, StopGradient];

    internal readonly struct StepRule : IBinaryRule
    {
        public Primitive Primitive => Step;
        public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => Generic.Step(x, y);
        public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> => (T.Zero, T.Zero);
    }

    internal readonly struct StrongMultiplyRule : IBinaryRule
    {
        public Primitive Primitive => StrongMultiply;
        public T Value<T>(T x, T y) where T : IFloatingPointIeee754<T> => Generic.Times(x, y);
        public (T Dx, T Dy) Partials<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> => (y, x);
    }
}
