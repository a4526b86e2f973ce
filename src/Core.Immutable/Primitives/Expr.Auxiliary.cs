namespace FunctionalAD;

// Builders for the auxiliary primitives that gradient graphs and traced branches use.
public abstract partial class Expr
{
    /// <summary><c>step(x, y)</c>: 1 where x &gt; y, 0 where x &lt; y, ½ at a tie (<see cref="Primitives.Step"/>).</summary>
    public static Expr Step(Expr x, Expr y) => Apply(Primitives.Step, x, y);

    /// <summary><c>x ⊙ y</c>, the product in which an exact 0 wins even against ∞ or NaN (<see cref="Primitives.StrongMultiply"/>).</summary>
    public static Expr StrongMultiply(Expr x, Expr y) => Apply(Primitives.StrongMultiply, x, y);

    /// <summary>
    /// <c>where(c, a, b)</c>: <paramref name="whenTrue"/> where the condition is not 0 and <paramref name="whenFalse"/>
    /// where it is 0, element by element with broadcasting of all three (<see cref="Primitives.Where"/>). The branch not
    /// taken contributes an exact 0 to every derivative, even where it is ∞ or NaN (√x for x &lt; 0); the condition has
    /// derivative 0. <c>Expr.Step(x, y)</c> is the condition "x ≥ y" (its ½ at a tie is not 0), and
    /// <c>Expr.Step(y, x)</c> with the branches swapped is "x &gt; y".
    /// </summary>
    /// <param name="condition">Picks <paramref name="whenTrue"/> where it is not 0.</param>
    /// <param name="whenTrue">The branch where the condition is not 0.</param>
    /// <param name="whenFalse">The branch where the condition is 0.</param>
    /// <exception cref="ShapeMismatchException">The three shapes do not broadcast together.</exception>
    public static Expr Where(Expr condition, Expr whenTrue, Expr whenFalse) => Apply(Primitives.Where, condition, whenTrue, whenFalse);
}
