using System.Buffers;
using System.Numerics.Tensors;

namespace FunctionalAD;

// The batched JVP of an elementwise primitive: its partials, of the output's shape, are computed once and multiply
// every slab (broadcast arguments read through their index maps), with the strong zero of the scalar rule.
internal sealed partial class ElementwisePrimitive
{
    /// <summary>Times(∂f/∂x, dxⱼ) + Times(∂f/∂y, dyⱼ) per direction j, summed in that order, as the scalar rule sums it.</summary>
    internal override TangentBatch? JvpBatch(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<TangentBatch?> tangents)
    {
        var (x, y) = (arguments[0], Arity == 1 ? 0 : arguments[1]);
        var (dx, dy) = (tangents[0], Arity == 1 ? null : tangents[1]);
        var shape = output.Shape;
        var (size, count) = (shape.Count, TangentBatch.CountOf(tangents));
        int[]? xs = Broadcasting.Map(x.Shape, shape), ys = Broadcasting.Map(y.Shape, shape);
        var result = TangentBatch.Rent(shape, count, clear: false);
        if (PassedOn(dx, dy, xs, ys) is var (passed, sign))
        {
            // x ± c or c ± y with c still: Times(±1, t) + 0 is t + 0 (or 0 − t), one pass over every slab at once.
            if (sign > 0) TensorPrimitives.Add(passed.All, 0.0, result.Storage.AsSpan(0, size * count));
            else TensorPrimitives.Subtract(0.0, passed.All, result.Storage.AsSpan(0, size * count));
            return result;
        }
        var (px, py) = BatchPartials(x, y, output, xs, ys, dx is not null, dy is not null);
        var expanded = ArrayPool<double>.Shared.Rent(size);
        var term = dx is not null && dy is not null ? ArrayPool<double>.Shared.Rent(size) : null;
        for (var j = 0; j < count; j++)
        {
            var slab = result.Storage.AsSpan(j * size, size);
            if (dx is not null) Kernels.StrongMultiply(px.AsSpan(0, size), Expanded(dx, j, xs, expanded), slab);
            if (dy is not null)
            {
                var into = term is null ? slab : term.AsSpan(0, size);
                Kernels.StrongMultiply(py.AsSpan(0, size), Expanded(dy, j, ys, expanded), into);
                if (term is not null) TensorPrimitives.Add(slab, into, slab);
            }
            // A missing tangent's term is +0, which turns −0 into +0, as in the scalar rule's sum.
            if (Arity == 2 && (dx is null || dy is null)) TensorPrimitives.Add(slab, 0.0, slab);
        }
        foreach (var scratch in (ReadOnlySpan<double[]?>)[px, py, expanded, term])
            if (scratch is not null) ArrayPool<double>.Shared.Return(scratch);
        return result;
    }

    /// <summary>
    /// For add or subtract with one argument still and the other of the output's shape, its batch and the sign it
    /// passes on with (−1 for the subtrahend); null otherwise.
    /// </summary>
    private (TangentBatch Batch, int Sign)? PassedOn(TangentBatch? dx, TangentBatch? dy, int[]? xs, int[]? ys)
    {
        var add = ReferenceEquals(this, Primitives.Add);
        if (!add && !ReferenceEquals(this, Primitives.Subtract)) return null;
        if (dx is not null && dy is null && xs is null) return (dx, 1);
        if (dy is not null && dx is null && ys is null) return (dy, add ? 1 : -1);
        return null;
    }

    /// <summary>Slab <paramref name="j"/> broadcast to the output's shape through <paramref name="map"/> (null: it has that shape).</summary>
    private static ReadOnlySpan<double> Expanded(TangentBatch tangent, int j, int[]? map, double[] scratch)
    {
        var slab = tangent.Slab(j);
        if (map is null) return slab;
        for (var k = 0; k < map.Length; k++) scratch[k] = slab[map[k]];
        return scratch.AsSpan(0, map.Length);
    }

    /// <summary>
    /// ∂f/∂x and ∂f/∂y at every output element (each only when <paramref name="first"/>, <paramref name="second"/>):
    /// from the scalar statements, with the common primitives' partials taken whole (1, ±1, the other argument, the
    /// output for exp, 1 − z² for tanh, z(1 − z) for the sigmoid), rounded as their rules round them. The arrays
    /// are the shared pool's, at least as long as the output.
    /// </summary>
    private (double[]? X, double[]? Y) BatchPartials(Tensor x, Tensor y, Tensor z, int[]? xs, int[]? ys, bool first, bool second)
    {
        var size = z.Shape.Count;
        double[]? px = first ? ArrayPool<double>.Shared.Rent(size) : null, py = second ? ArrayPool<double>.Shared.Rent(size) : null;
        if (Arity == 1)
        {
            var input = x.Storage;
            var output = z.Storage;
            ReadOnlySpan<double> zs = output.AsSpan(0, size);
            var partial = px.AsSpan(0, size);
            if (ReferenceEquals(this, Primitives.Exp)) zs.CopyTo(partial);
            else if (ReferenceEquals(this, Primitives.Tanh))
            {
                TensorPrimitives.Multiply(zs, zs, partial);
                TensorPrimitives.Subtract(1.0, partial, partial);
            }
            else if (ReferenceEquals(this, Primitives.Sigmoid))
            {
                TensorPrimitives.Subtract(1.0, zs, partial);
                TensorPrimitives.Multiply(zs, partial, partial);
            }
            else if (ReferenceEquals(this, Primitives.Negate)) partial.Fill(-1);
            else
            {
                var derivative = Raw.Derivative!;
                for (var k = 0; k < size; k++) px![k] = derivative(input[k], output[k]);
            }
            return (px, null);
        }
        if (ReferenceEquals(this, Primitives.Add) || ReferenceEquals(this, Primitives.Subtract))
        {
            px?.AsSpan(0, size).Fill(1);
            py?.AsSpan(0, size).Fill(ReferenceEquals(this, Primitives.Add) ? 1 : -1);
            return (px, py);
        }
        if (ReferenceEquals(this, Primitives.Multiply))
        {
            if (px is not null) Gather(y, ys, px.AsSpan(0, size));
            if (py is not null) Gather(x, xs, py.AsSpan(0, size));
            return (px, py);
        }
        var partials = Raw.Partials!;
        for (var k = 0; k < size; k++)
        {
            var (a, b) = partials(x.At(xs?[k] ?? k), y.At(ys?[k] ?? k), z.At(k));
            if (px is not null) px[k] = a;
            if (py is not null) py[k] = b;
        }
        return (px, py);
    }

    /// <summary>The elements of <paramref name="t"/> broadcast to the output through <paramref name="map"/>.</summary>
    private static void Gather(Tensor t, int[]? map, Span<double> into)
    {
        if (map is null)
        {
            t.Storage.AsSpan(0, into.Length).CopyTo(into);
            return;
        }
        for (var k = 0; k < into.Length; k++) into[k] = t.At(map[k]);
    }
}
