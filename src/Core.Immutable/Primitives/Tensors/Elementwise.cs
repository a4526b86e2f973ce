namespace FunctionalAD;

/// <summary>
/// A scalar <see cref="Primitive"/> applied to tensors element by element, with broadcasting: each element uses the
/// primitive's own value, JVP and VJP rules, so elementwise tensor derivatives are exactly the scalar ones. The
/// strong-zero conventions carry over per element: an element none of whose arguments moves gets tangent 0
/// without asking the JVP, and an element whose cotangent is 0 is not pulled back. The common primitives run
/// vectorised kernels on tensors (<see cref="ElementwiseKernels"/>); the others their scalar rules element by element.
/// </summary>
internal static class Elementwise
{
    /// <summary>The value rule; <paramref name="y"/> is ignored by a unary primitive (pass a scalar).</summary>
    public static Tensor Value(ElementwisePrimitive p, Tensor x, Tensor y, Shape shape)
    {
        if (ElementwiseKernels.Value(p, x, y, shape) is { } fast) return fast;
        var result = new double[shape.Count];
        if (x.Shape == shape && y.Shape == shape)
        {
            for (var k = 0; k < result.Length; k++) result[k] = p.Value(x.At(k), y.At(k));
        }
        else
        {
            int[]? xs = Broadcasting.Map(x.Shape, shape), ys = Broadcasting.Map(y.Shape, shape);
            for (var k = 0; k < result.Length; k++) result[k] = p.Value(x.At(xs?[k] ?? k), y.At(ys?[k] ?? k));
        }
        return new(shape, result);
    }

    /// <summary>The JVP rule, element by element; null tangents are zero.</summary>
    public static Tensor Jvp(ElementwisePrimitive p, Tensor x, Tensor y, Tensor z, Tensor? dx, Tensor? dy)
    {
        if (ElementwiseKernels.Jvp(p, x, y, z, dx, dy) is { } fast) return fast;
        var shape = z.Shape;
        var result = new double[shape.Count];
        int[]? xs = Broadcasting.Map(x.Shape, shape), ys = Broadcasting.Map(y.Shape, shape);
        for (var k = 0; k < result.Length; k++)
        {
            int ix = xs?[k] ?? k, iy = ys?[k] ?? k;
            double tx = dx?.At(ix) ?? 0, ty = dy?.At(iy) ?? 0;
            result[k] = tx == 0 && ty == 0 ? 0 : p.Jvp(x.At(ix), y.At(iy), z.At(k), tx, ty);
        }
        return new(shape, result);
    }

    /// <summary>The VJP rule, element by element, then summed over the dimensions each argument was broadcast along.</summary>
    public static TensorCotangents Vjp(ElementwisePrimitive p, Tensor x, Tensor y, Tensor z, Tensor cotangent, bool first, bool second)
    {
        if (ElementwiseKernels.Vjp(p, x, y, z, cotangent, first, second) is { } fast) return fast;
        var shape = z.Shape;
        var raw = p.Raw;
        var gx = first ? new double[shape.Count] : null;
        var gy = second && p.Arity == 2 ? new double[shape.Count] : null;
        int[]? xs = Broadcasting.Map(x.Shape, shape), ys = Broadcasting.Map(y.Shape, shape);
        for (var k = 0; k < shape.Count; k++)
        {
            var ct = cotangent.At(k);
            if (ct == 0) continue; // a zero cotangent is never multiplied into a pullback
            double a = x.At(xs?[k] ?? k), b = y.At(ys?[k] ?? k);
            // The statements the pullback is built from: no closure per element.
            var (cx, cy) = raw.Derivative is { } derivative ? new Cotangents(Rules.Times(derivative(a, z.At(k)), ct), 0)
                : Both(raw.Partials!(a, b, z.At(k)), ct);
            if (gx is not null) gx[k] = cx;
            if (gy is not null) gy[k] = cy;
        }
        return new(
            gx is null ? null : Broadcasting.Reduce(new Tensor(shape, gx), x.Shape),
            gy is null ? null : Broadcasting.Reduce(new Tensor(shape, gy), y.Shape));
    }

    private static Cotangents Both((double Dx, double Dy) partials, double ct) => new(Rules.Times(partials.Dx, ct), Rules.Times(partials.Dy, ct));
}
