using System.Diagnostics.CodeAnalysis;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FunctionalAD;

/// <summary>
/// A number for reverse mode without a graph, over any IEEE 754 scalar <typeparamref name="T"/>: each result
/// of an operation is recorded on the tape of the derivative call that runs the function — the positions of
/// the (at most two) numbers it was computed from and the local partial derivatives, one struct entry in a
/// pooled array, no object and no closure per operation. <see cref="Reverse.GradOf{T}"/> runs a function on
/// such numbers, then sweeps cotangents back from the output. It is itself an
/// <see cref="IFloatingPointIeee754{TSelf}"/>, so generic functions run on it, and it nests:
/// <c>ReverseNumber&lt;Dual&lt;double&gt;&gt;</c> gives Hessian-vector products (forward over reverse).
/// </summary>
/// <remarks>
/// Immutable: a number is its value and its place on the tape; the same numbers can take part in any number
/// of computations, and a recorded computation can be swept any number of times, from any thread.
/// Derivative conventions, and what comparisons, predicates and conversions do, are those of
/// <see cref="Dual{T}"/>: kinks take the mean of the one-sided derivatives, exact zeros are strong, rounding
/// has derivative zero, and everything that is not arithmetic acts on the value. Each derivative call owns
/// its tape: operations are recorded while its function runs, on the thread that called it (another thread
/// operating on those numbers meanwhile gets an <see cref="InvalidOperationException"/>); afterwards, in new
/// computations and in other calls, its numbers act as constants. Where numbers of two calls of the same type
/// meet while both calls run, an inner call runs at the outer call's level, which would silently drop the outer
/// variable's derivative: that is perturbation confusion and throws <see cref="InvalidOperationException"/>, as in
/// forward mode (nest one level up, or pass the outer number's <see cref="Value"/> to mean a constant).
/// </remarks>
/// <typeparam name="T">The scalar: <see cref="double"/>, or a dual or reverse number for nesting.</typeparam>
public readonly partial struct ReverseNumber<T> : IFloatingPointIeee754<ReverseNumber<T>>, IExactZero, IRuleLift<ReverseNumber<T>>
    where T : IFloatingPointIeee754<T>
{
    // Null for a constant; otherwise the tape this number was recorded on, at position index.
    private readonly ReverseTape<T>? tape;
    private readonly int index;

    private ReverseNumber(T value, ReverseTape<T>? tape, int index)
    {
        Value = value;
        this.tape = tape;
        this.index = index;
    }

    /// <summary>The primal value.</summary>
    public T Value { get; }

    /// <summary>The tape this number was recorded on, or null for a constant.</summary>
    internal ReverseTape<T>? Tape => tape;

    /// <summary>The position on <see cref="Tape"/>.</summary>
    internal int Index => index;

    /// <summary>Whether no cotangent can flow through this number: it is a constant, or made from constants only.</summary>
    public bool IsConstant => tape is null;

    bool IExactZero.IsExactZero => IsConstant && StrongZero.Is(Value);

    /// <summary>Whether the number is a constant exact zero (in every nested component).</summary>
    internal bool IsExactZero => IsConstant && StrongZero.Is(Value);

    /// <summary>A constant: no cotangent flows into it. Allocates nothing.</summary>
    /// <param name="value">The value.</param>
    public static ReverseNumber<T> Constant(T value) => new(value, null, 0);

    /// <summary>
    /// A variable of differentiation made outside a derivative call: a leaf, not a constant, but no call sweeps
    /// to it, so in a computation it contributes like a constant. The derivative calls make their own variables.
    /// </summary>
    /// <param name="value">The value.</param>
    public static ReverseNumber<T> Variable(T value) => new(value, ReverseTape<T>.Detached, 0);

    /// <summary>A fresh variable of the call that owns <paramref name="tape"/>.</summary>
    internal static ReverseNumber<T> Variable(ReverseTape<T> tape, T value) => new(value, tape, tape.Push(-1, T.Zero, -1, T.Zero));

    /// <summary>A constant; lets scalars mix with reverse numbers, as in <c>2.0 * x</c>.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator ReverseNumber<T>(T value) => Constant(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T V(ReverseNumber<T> x) => x.Value;

    // The chain rule in one place: record each argument that can carry a cotangent, with its local partial.
    // An argument that is constant, or whose partial is an exact zero, is not recorded (a strong zero).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ReverseNumber<T> Unary(ReverseNumber<T> x, T value, T derivative)
    {
        var t = x.tape;
        if (t is null || StrongZero.Is(derivative)) return new(value, null, 0);
        if (!t.RecordsHere) return NotRecording(t, value);
        return new(value, t, t.Push(x.index, derivative, -1, derivative));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ReverseNumber<T> Binary(ReverseNumber<T> x, ReverseNumber<T> y, T value, T px, T py)
    {
        var t = x.tape ?? y.tape;
        if (t is null) return new(value, null, 0);
        if (x.tape != y.tape && x.tape is not null && y.tape is not null) return Mixed(x, y, value, px, py);
        if (!t.RecordsHere) return NotRecording(t, value);
        bool useX = x.tape is not null && !StrongZero.Is(px), useY = y.tape is not null && !StrongZero.Is(py);
        if (useX) return new(value, t, t.Push(x.index, px, useY ? y.index : -1, py));
        return useY ? new(value, t, t.Push(y.index, py, -1, py)) : new(value, null, 0);
    }

    // Arguments from two different tapes. If both calls are still running, numbers of two derivative calls meet at
    // one level: an inner call at the outer call's level, which would take the outer variable for a constant and
    // silently drop its derivative — perturbation confusion, reported as forward mode reports it. Otherwise one
    // tape is closed or detached, its number is a constant, and the tape that records here takes the operation.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ReverseNumber<T> Mixed(ReverseNumber<T> x, ReverseNumber<T> y, T value, T px, T py)
    {
        if (!x.tape!.IsClosed && !y.tape!.IsClosed) ThrowConfusion();
        if (x.tape.RecordsHere) return Unary(x, value, px);
        if (y.tape!.RecordsHere) return Unary(y, value, py);
        Check(x.tape);
        Check(y.tape);
        return new(value, null, 0);
    }

    [DoesNotReturn]
    private static void ThrowConfusion() =>
        throw new InvalidOperationException(
            $"Perturbation confusion: numbers of two reverse-mode derivative calls met at the same level (ReverseNumber<{typeof(T).Name}>). " +
            "An inner derivative of a function that uses an outer variable must run one level up, e.g. " +
            "Reverse.GradOf<ReverseNumber<double>>(y => x[0] + y[0], [1.0]) inside Reverse.GradOf(x => …, [1.0]); " +
            "to use an outer number as a constant, pass its Value.");

    // A tape that does not record here: closed (its call has ended, so its numbers are constants now), or
    // recording on another thread, which is a misuse reported as such instead of a corrupted tape.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ReverseNumber<T> NotRecording(ReverseTape<T> t, T value)
    {
        Check(t);
        return new(value, null, 0);
    }

    private static void Check(ReverseTape<T> t)
    {
        if (!t.IsClosed && !t.RecordsHere)
            throw new InvalidOperationException(
                $"ReverseNumber<{typeof(T).Name}>: an operation on another thread used numbers of a derivative call while its function runs. " +
                "Each call records on the thread that made it: run a separate derivative call (e.g. Reverse.GradOf) on each thread.");
    }

    // The catalogue's rules, applied: the value and the partials come from the primitive's one statement,
    // instantiated at T, and are recorded as above.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ReverseNumber<T> Apply<R>(R rule, ReverseNumber<T> x) where R : struct, IUnaryRule
    {
        var z = rule.Value(V(x));
        return Unary(x, z, rule.Derivative(V(x), z));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ReverseNumber<T> Apply<R>(R rule, ReverseNumber<T> x, ReverseNumber<T> y) where R : struct, IBinaryRule
    {
        var z = rule.Value(V(x), V(y));
        var (px, py) = rule.Partials(V(x), V(y), z);
        return Binary(x, y, z, px, py);
    }

    static ReverseNumber<T> IRuleLift<ReverseNumber<T>>.Apply<R>(R rule, ReverseNumber<T> x) => Apply(rule, x);

    static ReverseNumber<T> IRuleLift<ReverseNumber<T>>.Apply<R>(R rule, ReverseNumber<T> x, ReverseNumber<T> y) => Apply(rule, x, y);

    // A function whose derivative is zero (rounding): a constant.
    private static ReverseNumber<T> Flat(T value) => Constant(value);

    private static T Two => T.One + T.One;

    private static T Half => T.One / Two;

    /// <summary><c>x mod y</c> = x − y·trunc(x/y) (C# <c>%</c>). ∂/∂x = 1, ∂/∂y = −trunc(x/y).</summary>
    public static ReverseNumber<T> operator %(ReverseNumber<T> x, ReverseNumber<T> y)
    {
        var z = V(x) % V(y);
        return Binary(x, y, z, T.One, -T.Round((x.Value - z) / y.Value));
    }

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
    /// in reverse recording order over the tape of <paramref name="inputs"/>, and returns the cotangent of each
    /// input. Outputs recorded on another tape (or constants) do not depend on the inputs.
    /// </summary>
    internal static T[] Sweep(ReadOnlySpan<ReverseNumber<T>> inputs, ReadOnlySpan<ReverseNumber<T>> outputs, ReadOnlySpan<T> seeds)
    {
        var tape = inputs.IsEmpty ? null : inputs[0].tape;
        if (tape is null || tape == ReverseTape<T>.Detached)
        {
            var zeros = new T[inputs.Length];
            Array.Fill(zeros, T.Zero);
            return zeros;
        }
        var at = new int[inputs.Length];
        for (var i = 0; i < at.Length; i++) at[i] = inputs[i].tape == tape ? inputs[i].index : -1;
        var from = new int[outputs.Length];
        for (var j = 0; j < from.Length; j++) from[j] = outputs[j].tape == tape ? outputs[j].index : -1;
        return tape.Sweep(at, from, seeds);
    }

    /// <summary>Ends recording on the tape of <paramref name="inputs"/> (the call's function has returned); sweeps may follow.</summary>
    internal static void EndRecording(ReadOnlySpan<ReverseNumber<T>> inputs)
    {
        if (!inputs.IsEmpty) inputs[0].tape?.Close();
    }

    /// <summary><see cref="Sweep"/> for a call that sweeps once: the tape is closed first and released after.</summary>
    internal static T[] SweepOnce(ReadOnlySpan<ReverseNumber<T>> inputs, ReadOnlySpan<ReverseNumber<T>> outputs, ReadOnlySpan<T> seeds)
    {
        EndRecording(inputs);
        var result = Sweep(inputs, outputs, seeds);
        Release(inputs);
        return result;
    }

    /// <summary>
    /// The backward sweep from each of <paramref name="outputs"/> alone (the rows of their Jacobian), handed to
    /// <paramref name="row"/> as (output index, cotangents of the inputs). Tapes of doubles sweep eight rows at once.
    /// </summary>
    internal static void SweepRows(ReadOnlySpan<ReverseNumber<T>> inputs, ReadOnlySpan<ReverseNumber<T>> outputs, Action<int, T[]> row)
    {
        var tape = inputs.IsEmpty ? null : inputs[0].tape;
        if (typeof(T) != typeof(double) || tape is null || tape == ReverseTape<T>.Detached)
        {
            for (var i = 0; i < outputs.Length; i++) row(i, Sweep(inputs, [outputs[i]], [T.One]));
            return;
        }
        var at = new int[inputs.Length];
        for (var i = 0; i < at.Length; i++) at[i] = inputs[i].tape == tape ? inputs[i].index : -1;
        var lanes = new int[ReverseTape<T>.Lanes];
        var block = new double[lanes.Length * at.Length];
        for (var start = 0; start < outputs.Length; start += lanes.Length)
        {
            var count = Math.Min(lanes.Length, outputs.Length - start);
            for (var l = 0; l < count; l++) lanes[l] = outputs[start + l].tape == tape ? outputs[start + l].index : -1;
            tape.SweepLanes(at, lanes.AsSpan(0, count), block);
            for (var l = 0; l < count; l++)
            {
                var cotangents = block.AsSpan(l * at.Length, at.Length).ToArray();
                row(start + l, Unsafe.As<double[], T[]>(ref cotangents));
            }
        }
    }

    /// <summary>Gives the chunks of the tape of <paramref name="inputs"/> back to the pool: the last sweep is done.</summary>
    internal static void Release(ReadOnlySpan<ReverseNumber<T>> inputs)
    {
        if (!inputs.IsEmpty && inputs[0].tape is { } t && t != ReverseTape<T>.Detached) t.Release();
    }
}
