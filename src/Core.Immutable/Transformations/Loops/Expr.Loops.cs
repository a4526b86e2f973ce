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

    /// <summary>
    /// A bounded while loop as one node: while <paramref name="condition"/> holds (is not 0) at the carry, and at most
    /// <paramref name="maxCount"/> times, <paramref name="step"/> makes the next carry from it, starting from
    /// <paramref name="initial"/>. Differentiable in both modes up to that bound: the derivatives are those of the steps
    /// taken (the condition is treated as constant, as <see cref="Where"/> treats it). Like
    /// <see cref="Fold(Expr, int, Func{Expr, Expr})"/>, the body's other inputs are the outer graph's inputs of the same names.
    /// </summary>
    /// <example><code>Expr.While(x0, 100, x => Expr.Step(10.0, x), x => 2 * x)   // doubles x until it reaches 10</code></example>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is negative.</exception>
    /// <exception cref="ShapeMismatchException">The step changes the carry's shape, or the condition is not a number.</exception>
    public static Expr While(Expr initial, int maxCount, Func<Expr, Expr> condition, Func<Expr, Expr> step)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(step);
        if (maxCount < 0) throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, "While: the most steps cannot be negative.");
        var (body, carry) = LoopTracing.Body(initial.Shape, c =>
        {
            var test = condition(c) ?? throw new ArgumentException("While: the condition returned null.", nameof(condition));
            return Where(test, step(c) ?? throw new ArgumentException("While: the step returned null instead of the new carry.", nameof(step)), c);
        }, "While");
        var test = ((ApplyNode)body).Argument(0);
        var primitive = new FoldPrimitive(body, carry, maxCount, test);
        return Apply(primitive, [initial, .. LoopTracing.Parameters(primitive.Body)]);
    }

    /// <summary>
    /// A scan over the rows of <paramref name="sequence"/> as one node: for each row t (a number of a vector, a vector of a
    /// matrix), <paramref name="step"/> makes the new carry and an output slice from the carry and that row, starting
    /// from <paramref name="initial"/>; the result is the output slices stacked (a vector of numbers, or a matrix of vector
    /// rows). The step is called once, on inputs that stand for the carry and the row; its other inputs are the outer
    /// graph's inputs of the same names. Reverse mode keeps √N checkpoints of the carry by default (<see cref="ReverseOptions"/>).
    /// </summary>
    /// <example><code>Expr.Scan(h0, xs, (h, x) => (Expr.Tanh(w * h + x), h))   // a recurrence over the rows of xs</code></example>
    /// <exception cref="ShapeMismatchException">The sequence is not a vector or a matrix, the step changes the carry's shape, or an output slice is not a number or a vector.</exception>
    public static Expr Scan(Expr initial, Expr sequence, Func<Expr, Expr, (Expr Carry, Expr Output)> step)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(step);
        var rows = sequence.Shape;
        if (rows.Rank is not (1 or 2))
            throw new ShapeMismatchException("Scan", $"Scan: the sequence must be a vector (of number slices) or a matrix (of vector rows), not shape {rows}.");
        var count = rows.Dimensions[0];
        var slice = rows.Rank == 1 ? Shape.Scalar : Shape.Vector(rows.Dimensions[1]);
        var (carryGraph, outputGraph, carry, sliceName) = LoopTracing.ScanBodies(initial.Shape, slice, (c, x) => step(c, x!));
        var primitive = new ScanPrimitive(carryGraph, outputGraph, carry, sliceName, count);
        return Apply(primitive, [initial, sequence, .. LoopTracing.Parameters(primitive.Body)]);
    }

    /// <summary>
    /// A scan of <paramref name="count"/> steps with no sequence, as one node: <paramref name="step"/> makes the new
    /// carry and an output slice from the carry, starting from <paramref name="initial"/>; the result is the output slices
    /// stacked (a vector of numbers, or a matrix of vector rows) — a trajectory, say, when the output is the carry.
    /// </summary>
    /// <example><code>Expr.Scan(y0, 100, y => (Rk4(y), y))   // the states before each of 100 steps</code></example>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    /// <exception cref="ShapeMismatchException">The step changes the carry's shape, or an output slice is not a number or a vector.</exception>
    public static Expr Scan(Expr initial, int count, Func<Expr, (Expr Carry, Expr Output)> step)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(step);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "Scan: a scan takes at least one step.");
        var (carryGraph, outputGraph, carry, _) = LoopTracing.ScanBodies(initial.Shape, null, (c, _) => step(c));
        var primitive = new ScanPrimitive(carryGraph, outputGraph, carry, null, count);
        return Apply(primitive, [initial, .. LoopTracing.Parameters(primitive.Body)]);
    }
}
