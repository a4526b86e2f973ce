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
    public static Expr Max(Expr x) => Operate(new ExtremumOperation(true, null, ExtremumRole.Reduce), x);

    /// <summary>The largest element of each lane along <paramref name="axis"/> (−1 is the last); ties share the derivative equally.</summary>
    public static Expr Max(Expr x, int axis) => Operate(new ExtremumOperation(true, Lanes.Axis("Max", ShapeOf(x), axis), ExtremumRole.Reduce), x);

    /// <summary>The smallest element (a scalar); on ties the derivative is shared equally among the smallest.</summary>
    public static Expr Min(Expr x) => Operate(new ExtremumOperation(false, null, ExtremumRole.Reduce), x);

    /// <summary>The smallest element of each lane along <paramref name="axis"/> (−1 is the last); ties share the derivative equally.</summary>
    public static Expr Min(Expr x, int axis) => Operate(new ExtremumOperation(false, Lanes.Axis("Min", ShapeOf(x), axis), ExtremumRole.Reduce), x);

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
