using System.Collections.Immutable;

namespace FunctionalAD;

// Building graphs over the axes of tensors of any rank: permuting axes, reductions over sets of axes with or without
// keeping them, max and min, variance and layer normalisation. The compositions here are of operations that state
// their own derivatives, so they need none of their own.
public abstract partial class Expr
{
    /// <summary>
    /// The axes of <paramref name="x"/> reordered: axis k of the result is axis <c>axes[k]</c> of x (numpy's
    /// <c>transpose(x, axes)</c>). <c>Permute(images, [0, 2, 3, 1])</c> turns N×C×H×W into N×H×W×C.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The axes are not an order of x's axes.</exception>
    public static Expr Permute(Expr x, IReadOnlyList<int> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        return Operate(new PermuteOperation([.. axes.Select(a => a < 0 ? a + ShapeOf(x).Rank : a)]), x);
    }

    /// <summary>The largest element (a scalar); on ties the derivative is shared equally among the largest.</summary>
    public static Expr Max(Expr x) => Operate(new ExtremumOperation(true, null, SelectionRole.Select), x);

    /// <summary>The largest element of each lane along <paramref name="axis"/> (−1 is the last); ties share the derivative equally.</summary>
    public static Expr Max(Expr x, int axis) => Operate(new ExtremumOperation(true, Lanes.Axis("Max", ShapeOf(x), axis), SelectionRole.Select), x);

    /// <summary>The smallest element (a scalar); on ties the derivative is shared equally among the smallest.</summary>
    public static Expr Min(Expr x) => Operate(new ExtremumOperation(false, null, SelectionRole.Select), x);

    /// <summary>The smallest element of each lane along <paramref name="axis"/> (−1 is the last); ties share the derivative equally.</summary>
    public static Expr Min(Expr x, int axis) => Operate(new ExtremumOperation(false, Lanes.Axis("Min", ShapeOf(x), axis), SelectionRole.Select), x);

    /// <summary>
    /// The sums over the given <paramref name="axes"/> (negative counts from the end); with <paramref name="keepDims"/> the
    /// reduced axes stay, of size 1, so the result broadcasts against x (numpy's <c>keepdims</c>).
    /// </summary>
    /// <example><code>Expr.Sum(images, [2, 3], keepDims: true)   // N×C×H×W → N×C×1×1</code></example>
    /// <exception cref="ShapeMismatchException">An axis is out of range or named twice.</exception>
    public static Expr Sum(Expr x, IReadOnlyList<int> axes, bool keepDims = false) => OverAxes("Sum", x, axes, keepDims, Sum);

    /// <summary>The means over the given <paramref name="axes"/>, as <see cref="Sum(Expr, IReadOnlyList{int}, bool)"/>.</summary>
    public static Expr Mean(Expr x, IReadOnlyList<int> axes, bool keepDims = false) => OverAxes("Mean", x, axes, keepDims, Mean);

    /// <summary>The largest elements over the given <paramref name="axes"/>, as <see cref="Sum(Expr, IReadOnlyList{int}, bool)"/>; ties share the derivative equally within each axis in turn.</summary>
    public static Expr Max(Expr x, IReadOnlyList<int> axes, bool keepDims = false) => OverAxes("Max", x, axes, keepDims, Max);

    /// <summary>The smallest elements over the given <paramref name="axes"/>, as <see cref="Sum(Expr, IReadOnlyList{int}, bool)"/>.</summary>
    public static Expr Min(Expr x, IReadOnlyList<int> axes, bool keepDims = false) => OverAxes("Min", x, axes, keepDims, Min);

    /// <summary>log Σ exp over the given <paramref name="axes"/>, as <see cref="Sum(Expr, IReadOnlyList{int}, bool)"/> (one axis after another, each max-shifted).</summary>
    public static Expr LogSumExp(Expr x, IReadOnlyList<int> axes, bool keepDims = false) => OverAxes("LogSumExp", x, axes, keepDims, LogSumExp);

    /// <summary>The variance of all elements, (1/N) Σ (xᵢ − mean)², a scalar (numpy's default, without Bessel's correction).</summary>
    public static Expr Variance(Expr x)
    {
        var centred = x - Mean(x);
        return Mean(centred * centred);
    }

    /// <summary>The variances over the given <paramref name="axes"/>, as <see cref="Variance(Expr)"/> lane by lane.</summary>
    public static Expr Variance(Expr x, IReadOnlyList<int> axes, bool keepDims = false)
    {
        var centred = x - Mean(x, axes, keepDims: true);
        return Mean(centred * centred, axes, keepDims);
    }

    /// <summary>
    /// Layer normalisation without the learned scale and shift: (x − mean) / √(variance + <paramref name="epsilon"/>)
    /// over the last <paramref name="normalizedAxes"/> axes of each example (Ba, Kiros and Hinton, 2016); a
    /// <c>Layer.LayerNorm</c> of the façade adds the scale and shift.
    /// </summary>
    /// <example><code>Expr.LayerNorm(activations)   // each row of a batch × features matrix to mean 0, variance 1</code></example>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="normalizedAxes"/> is not between 1 and the rank, or <paramref name="epsilon"/> is negative.</exception>
    public static Expr LayerNorm(Expr x, int normalizedAxes = 1, double epsilon = 1e-5)
    {
        var rank = ShapeOf(x).Rank;
        if (normalizedAxes < 1 || normalizedAxes > rank)
            throw new ArgumentOutOfRangeException(nameof(normalizedAxes), normalizedAxes, $"LayerNorm: normalises 1 to {rank} trailing axes of {ShapeOf(x)}.");
        ArgumentOutOfRangeException.ThrowIfNegative(epsilon);
        int[] axes = [.. Enumerable.Range(rank - normalizedAxes, normalizedAxes)];
        var centred = x - Mean(x, axes, keepDims: true);
        return centred / Sqrt(Mean(centred * centred, axes, keepDims: true) + epsilon);
    }

    /// <summary>
    /// Elements <paramref name="start"/>, start + <paramref name="step"/>, … (<paramref name="count"/> of them) along
    /// <paramref name="axis"/> (negative counts from the end), every other axis whole: numpy's
    /// <c>x[..., start:start + count·step:step, ...]</c>. Its derivative puts the cotangent back in place, zeros elsewhere.
    /// </summary>
    /// <example><code>Expr.Slice(images, axis: 3, start: 0, count: 14, step: 2)   // every other column</code></example>
    /// <exception cref="ShapeMismatchException">The axis is out of range, or the elements are outside it.</exception>
    public static Expr Slice(Expr x, int axis, int start, int count, int step = 1) =>
        Operate(new AxisSliceOperation(Lanes.Axis("Slice", ShapeOf(x), axis), start, count, step, null), x);

    /// <summary>
    /// The tensors joined along <paramref name="axis"/> (negative counts from the end), every other dimension equal:
    /// numpy's <c>concatenate</c>. Its derivative slices the cotangent back into the parts.
    /// </summary>
    /// <example><code>Expr.Concat([a, b, c], axis: 1)   // N×2×H×W, N×3×H×W, N×1×H×W → N×6×H×W</code></example>
    /// <exception cref="ArgumentException">There are no parts.</exception>
    /// <exception cref="ShapeMismatchException">The ranks differ, or another dimension differs.</exception>
    public static Expr Concat(IReadOnlyList<Expr> parts, int axis)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new ArgumentException("Concat: there is nothing to join.", nameof(parts));
        var joined = parts[0] ?? throw new ArgumentNullException(nameof(parts), "Concat: part 1 is null.");
        for (var k = 1; k < parts.Count; k++)
        {
            var part = parts[k] ?? throw new ArgumentNullException(nameof(parts), $"Concat: part {k + 1} is null.");
            joined = Operate(new ConcatOperation(Lanes.Axis("Concat", ShapeOf(joined), axis)), joined, part);
        }
        return joined;
    }

    /// <summary>
    /// The tensors, all of one shape, stacked along a new axis at <paramref name="axis"/> (numpy's <c>stack</c>): n tensors
    /// of shape H×W stacked along 0 give n×H×W.
    /// </summary>
    /// <exception cref="ArgumentException">There are no parts.</exception>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    public static Expr Stack(IReadOnlyList<Expr> parts, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new ArgumentException("Stack: there is nothing to stack.", nameof(parts));
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
            if (part.Shape != parts[0].Shape)
                throw new ShapeMismatchException("Stack", $"Stack: cannot stack {parts[0].Shape} with {part.Shape}: the shapes must be equal.");
        }
        return Concat([.. parts.Select(p => Unsqueeze(p, axis))], axis);
    }

    /// <summary>x with a new axis of size 1 at <paramref name="axis"/> (0 … rank; negative counts from the end of the result).</summary>
    /// <exception cref="ShapeMismatchException">The axis is out of range.</exception>
    public static Expr Unsqueeze(Expr x, int axis)
    {
        var shape = ShapeOf(x);
        var at = axis < 0 ? axis + shape.Rank + 1 : axis;
        if (at < 0 || at > shape.Rank) throw new ShapeMismatchException("Unsqueeze", $"Unsqueeze: axis {axis} is out of range for shape {shape}.");
        return Reshape(x, Shape.Of(shape.Dimensions.Insert(at, 1).AsSpan()));
    }

    /// <summary>x without its axis <paramref name="axis"/>, which must have size 1 (negative counts from the end).</summary>
    /// <exception cref="ShapeMismatchException">The axis is out of range or its size is not 1.</exception>
    public static Expr Squeeze(Expr x, int axis)
    {
        var shape = ShapeOf(x);
        var at = Lanes.Axis("Squeeze", shape, axis);
        if (shape[at] != 1) throw new ShapeMismatchException("Squeeze", $"Squeeze: axis {axis} of {shape} has size {shape[at]}, not 1.");
        return Reshape(x, Shape.Of(shape.Dimensions.RemoveAt(at).AsSpan()));
    }

    /// <summary>
    /// Softmax cross-entropy along <paramref name="axis"/> of logits of any rank against target probabilities of their
    /// shape, averaged over every other position: −Σ t ⊙ LogSoftmax(z, axis) / (elements / classes). For a batch of
    /// images N×C×H×W with per-pixel class probabilities, axis 1 gives the mean over the N·H·W pixels. Built from
    /// <see cref="LogSoftmax(Expr, int)"/>, so it is as stable as it and its derivative is its.
    /// </summary>
    /// <example><code>Expr.CrossEntropy(pixelLogits, pixelTargets, axis: 1)   // N×C×H×W against N×C×H×W</code></example>
    /// <exception cref="ShapeMismatchException">The targets' shape is not the logits', or the axis is out of range.</exception>
    public static Expr CrossEntropy(Expr logits, Expr targets, int axis)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (logits.Shape != targets.Shape)
            throw new ShapeMismatchException("CrossEntropy",
                $"CrossEntropy: cannot pair logits {logits.Shape} with targets {targets.Shape} along an axis: the shapes must be equal.");
        var classes = logits.Shape[Lanes.Axis("CrossEntropy", logits.Shape, axis)];
        return -Sum(targets * LogSoftmax(logits, axis)) / (logits.Shape.Count / classes);
    }

    /// <summary>A reduction over several axes: one axis after another, from the last, then the reduced axes kept at size 1 if asked.</summary>
    private static Expr OverAxes(string operation, Expr x, IReadOnlyList<int> axes, bool keepDims, Func<Expr, int, Expr> reduce)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var shape = ShapeOf(x);
        var normal = axes.Select(a => Lanes.Axis(operation, shape, a)).ToArray();
        if (normal.Distinct().Count() != normal.Length)
            throw new ShapeMismatchException(operation, $"{operation}: the axes [{string.Join(", ", axes)}] name an axis twice.");
        var result = x;
        foreach (var axis in normal.OrderDescending()) result = reduce(result, axis);
        if (!keepDims) return result;
        var kept = shape.Dimensions.ToArray();
        foreach (var axis in normal) kept[axis] = 1;
        return Reshape(result, Shape.Of(kept));
    }
}
