namespace FunctionalAD;

// Einstein summation over one or two tensors, built from Sum, Permute, Reshape and the batched MatMul, so that its
// derivatives are theirs.
public abstract partial class Expr
{
    /// <summary>
    /// Einstein summation, as numpy's <c>einsum</c> for one or two operands: <paramref name="spec"/> names each operand's
    /// axes by a letter and the result's after <c>-&gt;</c>; a letter shared by the operands and absent from the result is
    /// summed over (contracted), a letter in the result and in both operands is a batch axis. Without <c>-&gt;</c> the
    /// result has the letters that appear once, in alphabetical order. Built from <see cref="Sum(Expr, IReadOnlyList{int}, bool)"/>,
    /// <see cref="Permute"/>, <see cref="Reshape"/> and a batched <see cref="MatMul"/>, so its derivatives are theirs.
    /// </summary>
    /// <example><code>
    /// Expr.Einsum("ij,jk->ik", a, b)        // matrix product
    /// Expr.Einsum("bij,bjk->bik", a, b)     // batched matrix product
    /// Expr.Einsum("bhqd,bhkd->bhqk", q, k)  // attention scores
    /// Expr.Einsum("ij->ji", a)              // transpose
    /// Expr.Einsum("i,i->", u, v)            // dot product
    /// </code></example>
    /// <exception cref="ArgumentException">The specification is malformed, names an axis twice in one operand (diagonals are not supported), or does not match the number of operands or their ranks.</exception>
    /// <exception cref="ShapeMismatchException">A letter stands for axes of different sizes; the message names both shapes.</exception>
    public static Expr Einsum(string spec, params Expr[] operands)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(operands);
        var text = spec.Replace(" ", "", StringComparison.Ordinal);
        var arrow = text.IndexOf("->", StringComparison.Ordinal);
        var inputs = (arrow < 0 ? text : text[..arrow]).Split(',');
        if (operands.Length is < 1 or > 2 || inputs.Length != operands.Length)
            throw new ArgumentException($"Einsum: '{spec}' names {inputs.Length} operand(s) for {operands.Length} given; one or two are supported.", nameof(spec));
        var sizes = new Dictionary<char, int>();
        for (var k = 0; k < operands.Length; k++)
        {
            ArgumentNullException.ThrowIfNull(operands[k], nameof(operands));
            var (letters, shape) = (inputs[k], operands[k].Shape);
            if (letters.Any(c => !char.IsAsciiLetter(c)))
                throw new ArgumentException($"Einsum: operand {k + 1}'s axes '{letters}' must be letters.", nameof(spec));
            if (letters.Length != shape.Rank)
                throw new ArgumentException($"Einsum: operand {k + 1} has shape {shape} (rank {shape.Rank}), but '{letters}' names {letters.Length} axes.", nameof(spec));
            if (letters.Distinct().Count() != letters.Length)
                throw new ArgumentException($"Einsum: operand {k + 1} names an axis twice in '{letters}'; diagonals are not supported.", nameof(spec));
            for (var axis = 0; axis < letters.Length; axis++)
            {
                if (sizes.TryGetValue(letters[axis], out var size) && size != shape[axis])
                    throw new ShapeMismatchException("Einsum",
                        $"Einsum: '{letters[axis]}' is {size} long in one operand but {shape[axis]} in operand {k + 1} of shape {shape} ({spec}).");
                sizes[letters[axis]] = shape[axis];
            }
        }
        var output = arrow >= 0
            ? text[(arrow + 2)..]
            : new string([.. sizes.Keys.Where(c => inputs.Sum(i => i.Count(x => x == c)) == 1).Order()]);
        if (output.Distinct().Count() != output.Length || output.Any(c => !sizes.ContainsKey(c)))
            throw new ArgumentException($"Einsum: the result's axes '{output}' must be distinct letters of the operands.", nameof(spec));

        // Each operand first sums the letters no one else needs.
        var reduced = new (Expr Graph, string Letters)[operands.Length];
        for (var k = 0; k < operands.Length; k++)
        {
            var others = string.Concat(inputs.Where((_, j) => j != k)) + output;
            int[] alone = [.. inputs[k].Select((c, a) => (c, a)).Where(p => !others.Contains(p.c)).Select(p => p.a)];
            reduced[k] = alone.Length == 0 ? (operands[k], inputs[k]) : (Sum(operands[k], alone), new string([.. inputs[k].Where(c => others.Contains(c))]));
        }
        if (operands.Length == 1) return Arranged(reduced[0].Graph, reduced[0].Letters, output);

        var (a, b) = (reduced[0], reduced[1]);
        string batch = new([.. a.Letters.Where(c => b.Letters.Contains(c) && output.Contains(c))]);
        string contracted = new([.. a.Letters.Where(c => b.Letters.Contains(c) && !output.Contains(c))]);
        string aFree = new([.. a.Letters.Where(c => !b.Letters.Contains(c))]);
        string bFree = new([.. b.Letters.Where(c => !a.Letters.Contains(c))]);
        int Size(string letters) => letters.Aggregate(1, (p, c) => p * sizes[c]);
        var left = Reshape(Arranged(a.Graph, a.Letters, batch + aFree + contracted), Shape.Of(Size(batch), Size(aFree), Size(contracted)));
        var right = Reshape(Arranged(b.Graph, b.Letters, batch + contracted + bFree), Shape.Of(Size(batch), Size(contracted), Size(bFree)));
        var product = Reshape(MatMul(left, right), Shape.Of([.. (batch + aFree + bFree).Select(c => sizes[c])]));
        return Arranged(product, batch + aFree + bFree, output);
    }

    /// <summary>The graph with its axes, named by <paramref name="letters"/>, put in the order of <paramref name="order"/>.</summary>
    private static Expr Arranged(Expr graph, string letters, string order) =>
        letters == order ? graph : Permute(graph, [.. order.Select(c => letters.IndexOf(c))]);
}
