using System.Numerics.Tensors;

namespace FunctionalAD;

/// <summary>
/// Vectorised value and VJP rules for the catalogue's most common elementwise primitives on tensors (never on
/// scalars, whose rules stay the scalar ones bit for bit). Each restates its primitive's rule over whole spans with
/// <see cref="TensorPrimitives"/>: + − × ÷ and negation round exactly as the scalar rules do; exp comes from the
/// vectorised function, within 2 ulps of <see cref="Math.Exp"/>; relu is the IEEE maximum with 0, exactly as <see cref="Math.Max(double, double)"/>; log and tanh are <see cref="Math.Log(double)"/> and
/// <see cref="Math.Tanh"/> in loops without delegates, since the vectorised ones lose relative accuracy near 1 and 0. Products of partials and cotangents
/// keep the strong zero (<see cref="Kernels.StrongMultiply"/>). A primitive is recognised by identity, so another
/// descriptor of the same name, or any other primitive, returns null and runs the scalar rules element by element.
/// </summary>
internal static class ElementwiseKernels
{
    /// <summary>The value, or null when no kernel covers the primitive with these shapes.</summary>
    public static Tensor? Value(Primitive p, Tensor x, Tensor y, Shape shape)
    {
        if (!Covers(p, x.Shape, y.Shape, shape)) return null;
        var result = new double[shape.Count];
        ValueInto(p, x, y, shape, result);
        return new Tensor(shape, result);
    }

    /// <summary>Whether a value kernel covers <paramref name="p"/> for arguments of shapes <paramref name="x"/>, <paramref name="y"/> and output <paramref name="shape"/>.</summary>
    public static bool Covers(Primitive p, Shape x, Shape y, Shape shape) =>
        !shape.IsScalar && (p.Arity == 1
            ? x == shape && (ReferenceEquals(p, Primitives.Negate) || ReferenceEquals(p, Primitives.Exp)
                || ReferenceEquals(p, Primitives.Log) || ReferenceEquals(p, Primitives.Tanh) || ReferenceEquals(p, Primitives.Relu))
            : Arithmetic(p) is not null);

    /// <summary>
    /// The value written into <paramref name="result"/> (every element is written), for a primitive and shapes that
    /// <see cref="Covers"/>: the allocating <see cref="Value"/> and a compiled plan's buffers run the same calls.
    /// </summary>
    public static void ValueInto(Primitive p, Tensor x, Tensor y, Shape shape, Span<double> result)
    {
        if (p.Arity == 1)
        {
            var input = x.Storage;
            if (ReferenceEquals(p, Primitives.Negate)) TensorPrimitives.Negate(input, result);
            else if (ReferenceEquals(p, Primitives.Exp)) TensorPrimitives.Exp(input, result);
            else if (ReferenceEquals(p, Primitives.Relu)) TensorPrimitives.Max(input, 0.0, result); // IEEE maximum, as Math.Max: NaN stays, −0 gives +0
            else if (ReferenceEquals(p, Primitives.Log))
            {
                // Math.Log in a plain loop: the vectorised log is a few ulps off already near x = 1.4, more closer to 1.
                for (var k = 0; k < result.Length; k++) result[k] = Math.Log(input[k]);
            }
            else
            {
                // Tanh: Math.Tanh in a plain loop: the vectorised tanh loses relative accuracy near 0 (tens of ulps at 0.01).
                for (var k = 0; k < result.Length; k++) result[k] = Math.Tanh(input[k]);
            }
            return;
        }
        Binary(Arithmetic(p)!.Value, BroadcastOf(x.Shape, y.Shape, shape), x, y, shape, result);
    }

    /// <summary>
    /// The tangent Times(∂f/∂x, dx) + Times(∂f/∂y, dy) (null tangents are zero), or null when no kernel covers the
    /// primitive with these shapes: a unary primitive, or a binary one whose arguments and tangents all have the output's shape.
    /// </summary>
    public static Tensor? Jvp(Primitive p, Tensor x, Tensor y, Tensor z, Tensor? dx, Tensor? dy)
    {
        var shape = z.Shape;
        if (shape.IsScalar) return null;
        if (p.Arity == 1)
        {
            if (dx is not { } tx) return Tensor.Zeros(shape);
            // The pullback of the cotangent tx is the tangent: both are Times(f′, ·) element by element.
            return Vjp(p, x, y, z, tx, true, false) is { First: { } tangent } ? tangent : null;
        }
        if (Arithmetic(p) is not { } op || x.Shape != shape || y.Shape != shape
            || (dx is { } a && a.Shape != shape) || (dy is { } b && b.Shape != shape))
            return null;
        // Times(∂f/∂x, dx) + Times(∂f/∂y, dy) with a missing tangent's term +0, summed in that order, as the scalar rule.
        var result = dx is { } first ? Term(op, true, first, x, y, z) : new double[shape.Count];
        if (dy is { } second) TensorPrimitives.Add(result, Term(op, false, second, x, y, z), result);
        else TensorPrimitives.Add(result, 0.0, result);
        return new Tensor(shape, result);
    }

    /// <summary>Times(partial, tangent) for one argument: the partial as the scalar rule states it (1, ±1, the other argument, 1/y, −z/y).</summary>
    private static double[] Term(ArithmeticOp op, bool isFirst, Tensor tangent, Tensor x, Tensor y, Tensor z)
    {
        switch (op)
        {
            case ArithmeticOp.Add: return Kernels.StrongScale(1, tangent.Storage);
            case ArithmeticOp.Subtract: return Kernels.StrongScale(isFirst ? 1 : -1, tangent.Storage);
        }
        var partial = new double[z.Shape.Count];
        if (op == ArithmeticOp.Multiply) (isFirst ? y : x).Storage.AsSpan().CopyTo(partial);
        else if (isFirst) TensorPrimitives.Divide(1.0, y.Storage, partial);
        else
        {
            TensorPrimitives.Negate(z.Storage, partial);
            TensorPrimitives.Divide(partial, y.Storage, partial);
        }
        Kernels.StrongMultiply(partial, tangent.Storage, partial);
        return partial;
    }

    /// <summary>The cotangents, or null when no kernel covers the primitive with these shapes.</summary>
    public static TensorCotangents? Vjp(Primitive p, Tensor x, Tensor y, Tensor z, Tensor cotangent, bool first, bool second)
    {
        var shape = z.Shape;
        if (shape.IsScalar) return null;
        var ct = cotangent.Storage;
        if (p.Arity == 1)
        {
            if (!first) return new TensorCotangents(null, null);
            if (ReferenceEquals(p, Primitives.Negate)) return new(new Tensor(shape, Kernels.StrongScale(-1, ct)), null);
            // The partial goes into the result's array, which the strong product then overwrites in place.
            var gx = new double[shape.Count];
            if (!UnaryPullbackInto(p, x, z, cotangent, gx)) return null;
            return new(new Tensor(shape, gx), null);
        }
        if (Arithmetic(p) is not { } op) return null;
        switch (op)
        {
            case ArithmeticOp.Add or ArithmeticOp.Subtract:
            {
                // Times(1, g) is g itself unless g holds a −0 (which becomes +0): then the cotangent is passed on, unshared
                // storage being read only, without a copy.
                var passed = Kernels.HasNegativeZero(ct) ? new Tensor(shape, Kernels.StrongScale(1, ct)) : cotangent;
                return new(
                    first ? Broadcasting.Reduce(passed, x.Shape) : null,
                    second ? Broadcasting.Reduce(op == ArithmeticOp.Add ? passed : new Tensor(shape, Kernels.StrongScale(-1, ct)), y.Shape) : null);
            }
            case ArithmeticOp.Multiply when x.Shape == shape && y.Shape == shape:
                return new(first ? Strong(y.Storage, ct, shape) : null, second ? Strong(x.Storage, ct, shape) : null);
            case ArithmeticOp.Divide when x.Shape == shape && y.Shape == shape:
            {
                // ∂/∂x = 1/y, ∂/∂y = −z/y.
                Tensor? gx = null, gy = null;
                var partial = new double[shape.Count];
                if (first)
                {
                    TensorPrimitives.Divide(1.0, y.Storage, partial);
                    gx = Strong(partial, ct, shape);
                }
                if (second)
                {
                    TensorPrimitives.Negate(z.Storage, partial);
                    TensorPrimitives.Divide(partial, y.Storage, partial);
                    gy = Strong(partial, ct, shape);
                }
                return new(gx, gy);
            }
            default:
                return null;
        }
    }

    /// <summary>
    /// Times(f′, g) for exp, tanh and log written into <paramref name="result"/> (of the output's size); false, with
    /// nothing written, for any other primitive. The allocating <see cref="Vjp"/> and a compiled plan's buffers share it.
    /// </summary>
    public static bool UnaryPullbackInto(Primitive p, Tensor x, Tensor z, Tensor g, Span<double> result)
    {
        if (ReferenceEquals(p, Primitives.Exp)) z.Storage.AsSpan().CopyTo(result); // d/dx eˣ = eˣ, the output
        else if (ReferenceEquals(p, Primitives.Tanh))
        {
            TensorPrimitives.Multiply(z.Storage, z.Storage, result);
            TensorPrimitives.Subtract(1.0, result, result); // 1 − z², rounded as the scalar rule rounds it
        }
        else if (ReferenceEquals(p, Primitives.Log))
        {
            TensorPrimitives.Add(x.Storage, 0.0, result); // x + 0 turns −0 into +0, so 1/x is +∞ at both zeros, as the rule says
            TensorPrimitives.Divide(1.0, result, result);
        }
        else if (ReferenceEquals(p, Primitives.Relu))
        {
            // The step: 1 above 0, 0 below, ½ at 0 and NaN at NaN, as the scalar rule states it.
            var input = x.Storage;
            for (var k = 0; k < result.Length; k++)
            {
                var v = input[k];
                result[k] = v > 0 ? 1 : v < 0 ? 0 : v == 0 ? 0.5 : double.NaN;
            }
        }
        else return false;
        Kernels.StrongMultiply(result, g.Storage, result);
        return true;
    }

    private static Tensor Strong(ReadOnlySpan<double> partial, ReadOnlySpan<double> cotangent, Shape shape)
    {
        var result = new double[shape.Count];
        Kernels.StrongMultiply(partial, cotangent, result);
        return new(shape, result);
    }

    /// <summary>How the second argument meets the first in the arithmetic kernels (the shapes broadcast: the shape rule checked it).</summary>
    private static Broadcast BroadcastOf(Shape x, Shape y, Shape shape) =>
        x == shape && y == shape ? Broadcast.None
        : x == shape && y.IsScalar ? Broadcast.RightScalar
        : y == shape && x.IsScalar ? Broadcast.LeftScalar
        : x == shape && shape.Rank == 2 && (y == Shape.Vector(shape[1]) || y == Shape.Matrix(1, shape[1])) ? Broadcast.Row
        : x == shape && shape.Rank == 2 && y == Shape.Matrix(shape[0], 1) ? Broadcast.Column
        : Broadcast.Mapped;

    /// <summary>x op y with broadcasting of a scalar, a row vector over a matrix's rows, or a column over its columns.</summary>
    private static void Binary(ArithmeticOp op, Broadcast broadcast, Tensor x, Tensor y, Shape shape, Span<double> result)
    {
        var (xs, ys) = (x.Storage, y.Storage);
        if (broadcast == Broadcast.Mapped)
        {
            // A full-shape x and a block-broadcast y (a per-channel bias) need no index maps.
            if (x.Shape == shape && BroadcastRule.Block(y.Shape, shape) is var (inner, count))
                Blocked(op, xs, ys, inner, count, result);
            else
                Mapped(op, xs, Broadcasting.Map(x.Shape, shape), ys, Broadcasting.Map(y.Shape, shape), result);
            return;
        }
        // Row and Column come with a matrix only (BroadcastOf).
        int rows = shape.Rank == 2 ? shape[0] : 0, columns = shape.Rank == 2 ? shape[1] : 0;
        switch (broadcast)
        {
            case Broadcast.None: Spans(op, xs, ys, result); break;
            case Broadcast.RightScalar: Right(op, xs, y.ToScalar(), result); break;
            case Broadcast.LeftScalar: Left(op, x.ToScalar(), ys, result); break;
            case Broadcast.Row:
                // A row added to every row (X W + b): column j of the column-major storage meets the one number y[j].
                for (var j = 0; j < columns; j++) Right(op, xs.AsSpan(j * rows, rows), ys[j], result.Slice(j * rows, rows));
                break;
            default:
                for (var j = 0; j < columns; j++) Spans(op, xs.AsSpan(j * rows, rows), ys, result.Slice(j * rows, rows));
                break;
        }
    }

    /// <summary>x op y where y[(k / inner) % count] meets x[k]: runs of <paramref name="inner"/> elements share one y.</summary>
    private static void Blocked(ArithmeticOp op, double[] x, double[] y, int inner, int count, Span<double> result)
    {
        for (int start = 0, j = 0; start < result.Length; start += inner, j = j + 1 == count ? 0 : j + 1)
            Right(op, x.AsSpan(start, inner), y[j], result.Slice(start, inner));
    }

    /// <summary>Any other broadcast, element by element through the index maps (null: the element itself).</summary>
    private static void Mapped(ArithmeticOp op, double[] x, int[]? xMap, double[] y, int[]? yMap, Span<double> result)
    {
        for (var k = 0; k < result.Length; k++)
        {
            double a = x[xMap?[k] ?? k], b = y[yMap?[k] ?? k];
            result[k] = op switch
            {
                ArithmeticOp.Add => a + b,
                ArithmeticOp.Subtract => a - b,
                ArithmeticOp.Multiply => a * b,
                _ => a / b,
            };
        }
    }

    private static void Spans(ArithmeticOp op, ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> result)
    {
        switch (op)
        {
            case ArithmeticOp.Add: TensorPrimitives.Add(x, y, result); break;
            case ArithmeticOp.Subtract: TensorPrimitives.Subtract(x, y, result); break;
            case ArithmeticOp.Multiply: TensorPrimitives.Multiply(x, y, result); break;
            default: TensorPrimitives.Divide(x, y, result); break;
        }
    }

    private static void Right(ArithmeticOp op, ReadOnlySpan<double> x, double y, Span<double> result)
    {
        switch (op)
        {
            case ArithmeticOp.Add: TensorPrimitives.Add(x, y, result); break;
            case ArithmeticOp.Subtract: TensorPrimitives.Subtract(x, y, result); break;
            case ArithmeticOp.Multiply: TensorPrimitives.Multiply(x, y, result); break;
            default: TensorPrimitives.Divide(x, y, result); break;
        }
    }

    private static void Left(ArithmeticOp op, double x, ReadOnlySpan<double> y, Span<double> result)
    {
        switch (op)
        {
            case ArithmeticOp.Add: TensorPrimitives.Add(y, x, result); break; // x + y = y + x exactly
            case ArithmeticOp.Subtract: TensorPrimitives.Subtract(x, y, result); break;
            case ArithmeticOp.Multiply: TensorPrimitives.Multiply(y, x, result); break;
            default: TensorPrimitives.Divide(x, y, result); break;
        }
    }

    private static ArithmeticOp? Arithmetic(Primitive p) =>
        ReferenceEquals(p, Primitives.Add) ? ArithmeticOp.Add
        : ReferenceEquals(p, Primitives.Subtract) ? ArithmeticOp.Subtract
        : ReferenceEquals(p, Primitives.Multiply) ? ArithmeticOp.Multiply
        : ReferenceEquals(p, Primitives.Divide) ? ArithmeticOp.Divide
        : null;

    private enum Broadcast
    {
        None,
        RightScalar,
        LeftScalar,
        Row,
        Column,
        Mapped,
    }

    private enum ArithmeticOp
    {
        Add,
        Subtract,
        Multiply,
        Divide,
    }
}
