namespace FunctionalAD;

public abstract partial class Expr
{
    /// <summary>
    /// A loop as one node: <paramref name="step"/> applied <paramref name="count"/> times to a carry, starting from
    /// <paramref name="initial"/>. The step is called once, on an input that stands for the carry, and its result is the
    /// loop's body graph; the body's other inputs are the outer graph's inputs of the same names (the parameters it closes
    /// over), so derivatives reach them. Reverse mode keeps √<paramref name="count"/> checkpoints by default
    /// (<see cref="ReverseOptions"/>).
    /// </summary>
    /// <example><code>Expr.Fold(x0, 1_000_000, x => x + 1e-7 * Expr.Sin(x))   // x ← x + 1e-7·sin x, a million times</code></example>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ShapeMismatchException">The step returns a carry of another shape than <paramref name="initial"/>'s.</exception>
    public static Expr Fold(Expr initial, int count, Func<Expr, Expr> step)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(step);
        var (body, carry) = LoopTracing.Body(initial.Shape, step, "Fold");
        return Fold(body, carry, initial, count);
    }

    /// <summary>
    /// A loop as one node: the body graph <paramref name="body"/>, a new carry from its input named
    /// <paramref name="carry"/>, applied <paramref name="count"/> times starting from <paramref name="initial"/>; the body's
    /// other inputs are the outer graph's inputs of the same names.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ShapeMismatchException">The body's carry, its result and <paramref name="initial"/> differ in shape.</exception>
    public static Expr Fold(Expr body, string carry, Expr initial, int count)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrWhiteSpace(carry);
        ArgumentNullException.ThrowIfNull(initial);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "Fold: the number of steps cannot be negative.");
        var primitive = new FoldPrimitive(body, carry, count);
        return Apply(primitive, [initial, .. LoopTracing.Parameters(primitive.Body)]);
    }
}
