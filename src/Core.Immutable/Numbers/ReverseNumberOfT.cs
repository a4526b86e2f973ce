using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FunctionalAD;

/// <summary>
/// A number for reverse mode without a graph, over any IEEE 754 scalar <typeparamref name="T"/>: each result
/// of an operation records its value, the (at most two) numbers it was computed from and the local partial
/// derivatives with respect to them — one object per operation, no closure. <see cref="Reverse.GradOf{T}"/>
/// runs a function on such numbers, then sweeps cotangents back from the output. It is itself an
/// <see cref="IFloatingPointIeee754{TSelf}"/>, so generic functions run on it, and it nests:
/// <c>ReverseNumber&lt;Dual&lt;double&gt;&gt;</c> gives Hessian-vector products (forward over reverse).
/// </summary>
/// <remarks>
/// Immutable: the same numbers can take part in any number of computations and sweeps, from any thread.
/// Derivative conventions, and what comparisons, predicates and conversions do, are those of
/// <see cref="Dual{T}"/>: kinks take the mean of the one-sided derivatives, exact zeros are strong, rounding
/// has derivative zero, and everything that is not arithmetic acts on the value. The operations of a
/// computation are ordered by a creation counter, so the backward sweep is one pass over an array indexed by
/// that order: no recursion, no hashing, no sorting.
/// </remarks>
/// <typeparam name="T">The scalar: <see cref="double"/>, or a dual or reverse number for nesting.</typeparam>
public readonly partial struct ReverseNumber<T> : IFloatingPointIeee754<ReverseNumber<T>>, IExactZero
    where T : IFloatingPointIeee754<T>
{
    // Null for a constant; otherwise the recorded operation (or variable) this number is the result of.
    private readonly ReverseNode<T>? node;

    private ReverseNumber(T value, ReverseNode<T>? node)
    {
        Value = value;
        this.node = node;
    }

    /// <summary>The primal value.</summary>
    public T Value { get; }

    /// <summary>The recorded operation, or null for a constant.</summary>
    internal ReverseNode<T>? Node => node;

    /// <summary>Whether no cotangent can flow through this number: it is a constant, or made from constants only.</summary>
    public bool IsConstant => node is null;

    bool IExactZero.IsExactZero => IsConstant && StrongZero.Is(Value);

    /// <summary>Whether the number is a constant exact zero (in every nested component).</summary>
    internal bool IsExactZero => IsConstant && StrongZero.Is(Value);

    /// <summary>A constant: no cotangent flows into it. Allocates nothing.</summary>
    /// <param name="value">The value.</param>
    public static ReverseNumber<T> Constant(T value) => new(value, null);

    /// <summary>A variable of differentiation: a leaf that receives a cotangent.</summary>
    /// <param name="value">The value.</param>
    public static ReverseNumber<T> Variable(T value) => new(value, new ReverseNode<T>(null, T.Zero, null, T.Zero));

    /// <summary>A constant; lets scalars mix with reverse numbers, as in <c>2.0 * x</c>.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator ReverseNumber<T>(T value) => Constant(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T V(ReverseNumber<T> x) => x.Value;

    // The chain rule in one place: record each argument that can carry a cotangent, with its local partial.
    // An argument that is constant, or whose partial is an exact zero, is not recorded (a strong zero).
    internal static ReverseNumber<T> Unary(ReverseNumber<T> x, T value, T derivative) =>
        x.node is null || StrongZero.Is(derivative)
            ? new(value, null)
            : new(value, new ReverseNode<T>(x.node, derivative, null, derivative));

    internal static ReverseNumber<T> Binary(ReverseNumber<T> x, ReverseNumber<T> y, T value, T px, T py)
    {
        bool useX = x.node is not null && !StrongZero.Is(px), useY = y.node is not null && !StrongZero.Is(py);
        if (useX) return new(value, new ReverseNode<T>(x.node, px, useY ? y.node : null, py));
        return useY ? new(value, new ReverseNode<T>(y.node, py, null, py)) : new(value, null);
    }

    // A function whose derivative is zero (rounding): a constant.
    private static ReverseNumber<T> Flat(T value) => Constant(value);

    private static T Two => T.One + T.One;

    private static T Half => T.One / Two;

    /// <summary><c>x + y</c>. ∂/∂x = 1, ∂/∂y = 1.</summary>
    public static ReverseNumber<T> operator +(ReverseNumber<T> x, ReverseNumber<T> y) => Binary(x, y, V(x) + V(y), T.One, T.One);

    /// <summary><c>x − y</c>. ∂/∂x = 1, ∂/∂y = −1.</summary>
    public static ReverseNumber<T> operator -(ReverseNumber<T> x, ReverseNumber<T> y) => Binary(x, y, V(x) - V(y), T.One, T.NegativeOne);

    /// <summary><c>x · y</c>. ∂/∂x = y, ∂/∂y = x.</summary>
    public static ReverseNumber<T> operator *(ReverseNumber<T> x, ReverseNumber<T> y) => Binary(x, y, V(x) * V(y), y.Value, x.Value);

    /// <summary><c>x / y</c>. ∂/∂x = 1/y, ∂/∂y = −(x/y)/y; division by zero follows IEEE 754.</summary>
    public static ReverseNumber<T> operator /(ReverseNumber<T> x, ReverseNumber<T> y)
    {
        var z = V(x) / V(y);
        return Binary(x, y, z, T.One / y.Value, -z / y.Value);
    }

    /// <summary><c>x mod y</c> = x − y·trunc(x/y) (C# <c>%</c>). ∂/∂x = 1, ∂/∂y = −trunc(x/y).</summary>
    public static ReverseNumber<T> operator %(ReverseNumber<T> x, ReverseNumber<T> y)
    {
        var z = V(x) % V(y);
        return Binary(x, y, z, T.One, -T.Round((x.Value - z) / y.Value));
    }

    /// <summary><c>−x</c>. d/dx = −1.</summary>
    public static ReverseNumber<T> operator -(ReverseNumber<T> x) => Unary(x, -V(x), T.NegativeOne);

    /// <summary><c>+x</c>: x itself.</summary>
    public static ReverseNumber<T> operator +(ReverseNumber<T> x) => x;

    /// <summary><c>x + 1</c>. d/dx = 1.</summary>
    public static ReverseNumber<T> operator ++(ReverseNumber<T> x) => Unary(x, V(x) + T.One, T.One);

    /// <summary><c>x − 1</c>. d/dx = 1.</summary>
    public static ReverseNumber<T> operator --(ReverseNumber<T> x) => Unary(x, V(x) - T.One, T.One);

    /// <summary>Named twin of <c>+</c>.</summary>
    public static ReverseNumber<T> Add(ReverseNumber<T> x, ReverseNumber<T> y) => x + y;

    /// <summary>Named twin of <c>−</c>.</summary>
    public static ReverseNumber<T> Subtract(ReverseNumber<T> x, ReverseNumber<T> y) => x - y;

    /// <summary>Named twin of <c>*</c>.</summary>
    public static ReverseNumber<T> Multiply(ReverseNumber<T> x, ReverseNumber<T> y) => x * y;

    /// <summary>Named twin of <c>/</c>.</summary>
    public static ReverseNumber<T> Divide(ReverseNumber<T> x, ReverseNumber<T> y) => x / y;

    /// <summary>Named twin of unary <c>−</c>.</summary>
    public static ReverseNumber<T> Negate(ReverseNumber<T> x) => -x;

    /// <summary>
    /// The backward sweep: seeds each of <paramref name="outputs"/> with its cotangent, sends cotangents back
    /// in reverse creation order, and returns the cotangent of each of <paramref name="inputs"/>. Numbers made
    /// before the first input cannot depend on the inputs and are treated as constants.
    /// </summary>
    internal static T[] Sweep(ReadOnlySpan<ReverseNumber<T>> inputs, ReadOnlySpan<ReverseNumber<T>> outputs, ReadOnlySpan<T> seeds)
    {
        var result = new T[inputs.Length];
        Array.Fill(result, T.Zero);
        if (inputs.IsEmpty || outputs.IsEmpty) return result;
        long bottom = long.MaxValue, top = 0;
        foreach (var input in inputs) bottom = Math.Min(bottom, input.node?.Order ?? long.MaxValue);
        foreach (var output in outputs) top = Math.Max(top, output.node?.Order ?? 0);
        if (top < bottom) return result;

        var size = checked((int)(top - bottom + 1));
        // Scratch owned by this call alone: rented, cleared and returned before it ends.
        var nodes = ArrayPool<ReverseNode<T>?>.Shared.Rent(size);
        var adjoints = ArrayPool<T>.Shared.Rent(size);
        try
        {
            SweepInto(inputs, outputs, seeds, bottom, size, nodes, adjoints, result);
        }
        finally
        {
            ArrayPool<ReverseNode<T>?>.Shared.Return(nodes, clearArray: true);
            ArrayPool<T>.Shared.Return(adjoints, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
        return result;
    }

    private static void SweepInto(
        ReadOnlySpan<ReverseNumber<T>> inputs, ReadOnlySpan<ReverseNumber<T>> outputs, ReadOnlySpan<T> seeds,
        long bottom, int size, ReverseNode<T>?[] nodes, T[] adjoints, T[] result)
    {
        void Accumulate(ReverseNode<T> node, T cotangent)
        {
            if (node.Order < bottom) return;
            var k = (int)(node.Order - bottom);
            if (nodes[k] is null)
            {
                nodes[k] = node;
                adjoints[k] = cotangent;
            }
            else
            {
                adjoints[k] += cotangent;
            }
        }

        for (var j = 0; j < outputs.Length; j++)
        {
            if (outputs[j].node is { } output) Accumulate(output, seeds[j]);
        }
        for (var k = size - 1; k >= 0; k--)
        {
            if (nodes[k] is not { } node) continue;
            var adjoint = adjoints[k];
            if (StrongZero.Is(adjoint)) continue; // a zero cotangent is never multiplied into a partial
            if (node.First is { } f) Accumulate(f, StrongZero.Times(node.FirstPartial, adjoint));
            if (node.Second is { } s) Accumulate(s, StrongZero.Times(node.SecondPartial, adjoint));
        }
        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputs[i].node is not { } input) continue;
            var k = input.Order - bottom;
            if (k < size && ReferenceEquals(nodes[k], input) && !StrongZero.Is(adjoints[k])) result[i] = adjoints[k];
        }
    }
}

/// <summary>
/// One recorded operation of reverse mode: the (at most two) operations it was computed from, the local
/// partials with respect to them, and its creation order. A variable is a node without parents.
/// </summary>
internal sealed class ReverseNode<T>(ReverseNode<T>? first, T firstPartial, ReverseNode<T>? second, T secondPartial)
{
    public ReverseNode<T>? First { get; } = first;

    public T FirstPartial { get; } = firstPartial;

    public ReverseNode<T>? Second { get; } = second;

    public T SecondPartial { get; } = secondPartial;

    /// <summary>Creation order: greater than the order of every node made before it, on any thread.</summary>
    public long Order { get; } = ReverseOrder.Next();
}

/// <summary>The creation counter that orders the operations of reverse numbers (of every scalar type).</summary>
internal static class ReverseOrder
{
    private static long counter;

    /// <summary>The next order, strictly greater than every order handed out before (on any thread).</summary>
    public static long Next() => Interlocked.Increment(ref counter);
}
