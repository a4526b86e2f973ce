using System.Numerics.Tensors;

namespace FunctionalAD;

/// <summary>
/// Vectorised value and VJP rules for the catalogue's most common elementwise primitives on tensors (never on
/// scalars, whose rules stay the scalar ones bit for bit). Each restates its primitive's rule over whole spans with
/// <see cref="TensorPrimitives"/>: + − × ÷ and negation round exactly as the scalar rules do; exp comes from the
/// vectorised function, within 2 ulps of <see cref="Math.Exp"/>; log and tanh are <see cref="Math.Log(double)"/> and
/// <see cref="Math.Tanh"/> in loops without delegates, since the vectorised ones lose relative accuracy near 1 and 0. Products of partials and cotangents
/// keep the strong zero (<see cref="Kernels.StrongMultiply"/>). A primitive is recognised by identity, so a copy with
/// a replaced rule, or any other primitive, returns null and runs the scalar rules element by element.
/// </summary>
internal static class ElementwiseKernels
{
    /// <summary>The value, or null when no kernel covers the primitive with these shapes.</summary>
    public static Tensor? Value(Primitive p, Tensor x, Tensor y, Shape shape)
    {
        if (shape.IsScalar) return null;
        if (p.Arity == 1)
        {
            if (x.Shape != shape) return null;
            var result = new double[shape.Count];
            var input = x.Storage;
            if (ReferenceEquals(p, Primitives.Negate)) TensorPrimitives.Negate(input, result);
            else if (ReferenceEquals(p, Primitives.Exp)) TensorPrimitives.Exp(input, result);
            else if (ReferenceEquals(p, Primitives.Log))
            {
                // Math.Log in a plain loop: the vectorised log is a few ulps off already near x = 1.4, more closer to 1.
                for (var k = 0; k < result.Length; k++) result[k] = Math.Log(input[k]);
            }
            else if (ReferenceEquals(p, Primitives.Tanh))
            {
                // Math.Tanh in a plain loop: the vectorised tanh loses relative accuracy near 0 (tens of ulps at 0.01).
                for (var k = 0; k < result.Length; k++) result[k] = Math.Tanh(input[k]);
            }
            else return null;
            return new Tensor(shape, result);
        }
        var op = Arithmetic(p);
        if (op is null) return null;
        return Binary(op.Value, x, y, shape);
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
            if (ReferenceEquals(p, Primitives.Exp)) z.Storage.AsSpan().CopyTo(gx); // d/dx eˣ = eˣ, the output
            else if (ReferenceEquals(p, Primitives.Tanh))
            {
                TensorPrimitives.Multiply(z.Storage, z.Storage, gx);
                TensorPrimitives.Subtract(1.0, gx, gx); // 1 − z², rounded as the scalar rule rounds it
            }
            else if (ReferenceEquals(p, Primitives.Log))
            {
                TensorPrimitives.Add(x.Storage, 0.0, gx); // x + 0 turns −0 into +0, so 1/x is +∞ at both zeros, as the rule says
                TensorPrimitives.Divide(1.0, gx, gx);
            }
            else return null;
            Kernels.StrongMultiply(gx, ct, gx);
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

    private static Tensor Strong(ReadOnlySpan<double> partial, ReadOnlySpan<double> cotangent, Shape shape)
    {
        var result = new double[shape.Count];
        Kernels.StrongMultiply(partial, cotangent, result);
        return new(shape, result);
    }

    /// <summary>x op y with broadcasting of a scalar, a row vector over a matrix's rows, or a column over its columns.</summary>
    private static Tensor? Binary(ArithmeticOp op, Tensor x, Tensor y, Shape shape)
    {
        var result = new double[shape.Count];
        if (x.Shape == shape && y.Shape == shape) Spans(op, x.Storage, y.Storage, result);
        else if (x.Shape == shape && y.Shape.IsScalar) Right(op, x.Storage, y.ToScalar(), result);
        else if (y.Shape == shape && x.Shape.IsScalar) Left(op, x.ToScalar(), y.Storage, result);
        else if (x.Shape == shape && shape.Rank == 2 && (y.Shape == Shape.Vector(shape[1]) || y.Shape == Shape.Matrix(1, shape[1])))
        {
            // A row added to every row (X W + b): column j of the column-major storage meets the one number y[j].
            int rows = shape[0];
            var (xs, ys) = (x.Storage, y.Storage);
            for (var j = 0; j < shape[1]; j++) Right(op, xs.AsSpan(j * rows, rows), ys[j], result.AsSpan(j * rows, rows));
        }
        else if (x.Shape == shape && shape.Rank == 2 && y.Shape == Shape.Matrix(shape[0], 1))
        {
            int rows = shape[0];
            var (xs, ys) = (x.Storage, y.Storage);
            for (var j = 0; j < shape[1]; j++) Spans(op, xs.AsSpan(j * rows, rows), ys, result.AsSpan(j * rows, rows));
        }
        else return null;
        return new Tensor(shape, result);
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

    private enum ArithmeticOp
    {
        Add,
        Subtract,
        Multiply,
        Divide,
    }
}
