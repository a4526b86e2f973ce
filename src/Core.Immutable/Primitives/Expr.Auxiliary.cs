namespace FunctionalAD;

// Builders for the auxiliary primitives that gradient graphs and traced branches use.
public abstract partial class Expr
{
    /// <summary><c>step(x, y)</c>: 1 where x &gt; y, 0 where x &lt; y, ½ at a tie (<see cref="Primitives.Step"/>).</summary>
    public static Expr Step(Expr x, Expr y) => Apply(Primitives.Step, x, y);

    /// <summary><c>x ⊙ y</c>, the product in which an exact 0 wins even against ∞ or NaN (<see cref="Primitives.StrongMultiply"/>).</summary>
    public static Expr StrongMultiply(Expr x, Expr y) => Apply(Primitives.StrongMultiply, x, y);

    /// <summary>
    /// <c>where(c, a, b) = c ⊙ a + (1 − c) ⊙ b</c>: <paramref name="a"/> where the condition is 1 and
    /// <paramref name="b"/> where it is 0, the branch not taken contributing an exact 0 even if it is ∞ or
    /// NaN. A condition such as <c>Expr.Step(x, y)</c> ("x &gt; y") gives ½ at a tie, where the result is the
    /// mean of the branches — the kink convention of <see cref="Primitives.Max"/>.
    /// </summary>
    /// <param name="condition">A graph whose value is 1 (take <paramref name="a"/>), 0 (take <paramref name="b"/>) or in between (a blend).</param>
    /// <param name="a">The branch for condition 1.</param>
    /// <param name="b">The branch for condition 0.</param>
    public static Expr Where(Expr condition, Expr a, Expr b) =>
        StrongMultiply(condition, a) + StrongMultiply(1.0 - condition, b);
}
