using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FunctionalAD;

// Eight backward sweeps at once over a tape of doubles, one per lane of a Vector512: the rows of a Jacobian (of the
// gradient, for a Hessian) from one recording, at about the cost of one sweep for eight rows (a cotangent vector is one cache line).
internal sealed partial class ReverseTape<T>
{
    /// <summary>The number of sweeps <see cref="SweepLanes"/> makes at once.</summary>
    public const int Lanes = 8;

    /// <summary>
    /// The backward sweeps from up to eight <paramref name="outputs"/> (lane l seeded with 1 at outputs[l], −1 for
    /// none), for a tape of doubles: <paramref name="result"/>[l·n + i] receives the cotangent of input i in lane l.
    /// Each lane gives the bits of <see cref="Sweep"/> from its output alone: the same products in the same order,
    /// where a zero cotangent, skipped there, adds only a zero here.
    /// </summary>
    public void SweepLanes(ReadOnlySpan<int> inputs, ReadOnlySpan<int> outputs, Span<double> result)
    {
        if (typeof(T) != typeof(double)) throw new InvalidOperationException("SweepLanes needs a tape of doubles.");
        result.Clear();
        var top = -1;
        foreach (var o in outputs) top = Math.Max(top, o);
        var bottom = int.MaxValue;
        foreach (var i in inputs) bottom = i >= 0 ? Math.Min(bottom, i) : bottom;
        if (top < 0 || bottom > top) return;

        var size = top + 1;
        var adjoints = ArrayPool<Vector512<double>>.Shared.Rent(size);
        try
        {
            Array.Clear(adjoints, 0, size);
            for (var l = 0; l < outputs.Length; l++)
            {
                if (outputs[l] >= 0) adjoints[outputs[l]] = adjoints[outputs[l]].WithElement(l, adjoints[outputs[l]].GetElement(l) + 1.0);
            }
            var all = Unsafe.As<ReverseTape<double>.Entry[][]>(chunks);
            for (var c = top >> Shift; c >= bottom >> Shift; c--)
            {
                var chunk = all[c];
                var first = c << Shift;
                var from = Math.Min(top - first, chunk.Length - 1);
                var to = Math.Max(bottom - first, 0);
                for (var o = from; o >= to; o--)
                {
                    var adjoint = adjoints[first + o];
                    if (adjoint == Vector512<double>.Zero) continue;
                    ref readonly var entry = ref chunk[o];
                    if (entry.First >= 0 && !StrongZero.Is(entry.FirstPartial)) adjoints[entry.First] += Times(entry.FirstPartial, adjoint);
                    if (entry.Second >= 0 && !StrongZero.Is(entry.SecondPartial)) adjoints[entry.Second] += Times(entry.SecondPartial, adjoint);
                }
            }
            for (var i = 0; i < inputs.Length; i++)
            {
                var k = inputs[i];
                if (k < 0 || k >= size) continue;
                for (var l = 0; l < outputs.Length; l++)
                {
                    var v = adjoints[k].GetElement(l);
                    if (!StrongZero.Is(v)) result[l * inputs.Length + i] = v;
                }
            }
        }
        finally
        {
            ArrayPool<Vector512<double>>.Shared.Return(adjoints);
        }
    }

    // The strong-zero product of a non-zero partial and eight cotangents: a zero cotangent gives 0 even against ∞ or NaN.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Times(double partial, Vector512<double> adjoint)
    {
        var r = Vector512.Create(partial) * adjoint + Vector512<double>.Zero;
        return double.IsFinite(partial) ? r : Vector512.ConditionalSelect(Vector512.Equals(adjoint, Vector512<double>.Zero), Vector512<double>.Zero, r);
    }
}
