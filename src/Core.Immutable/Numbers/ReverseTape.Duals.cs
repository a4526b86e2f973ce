using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FunctionalAD;

// The sweep of forward over reverse (ReverseNumber<Dual<double>>, Hessian-vector products) with each cotangent's
// value and tangent side by side in one array of doubles (one cache line holds both, so a parent's update touches one
// line, not two): the arithmetic of Dual<double>, written out, without a dual per step.
internal sealed partial class ReverseTape<T>
{
    /// <summary>
    /// The backward sweep for a tape of <c>Dual&lt;double&gt;</c> partials, or null when perturbations of two
    /// derivative calls move in it (then the general sweep runs, and reports or resolves them as dual arithmetic
    /// does). Each product and sum is <see cref="Dual{T}"/>'s own: strong zeros in value and tangent, a zero
    /// tangent when neither side moves.
    /// </summary>
    public Dual<double>[]? SweepDuals(ReadOnlySpan<int> inputs, ReadOnlySpan<int> outputs, ReadOnlySpan<Dual<double>> seeds, int bottom, int top)
    {
        if (typeof(T) != typeof(Dual<double>)) throw new InvalidOperationException("SweepDuals needs a tape of duals.");
        var all = Unsafe.As<ReverseTape<Dual<double>>.Entry[][]>(chunks);
        // The one perturbation that moves, checked as the sweep meets each partial.
        var tag = 0;
        foreach (var seed in seeds)
        {
            if (!Moves(seed, ref tag)) return null;
        }

        var size = top + 1;
        if (size > Array.MaxLength / 2) return null; // too long for one array of pairs: the general sweep
        // Cotangent k: value at 2k, tangent at 2k + 1.
        var cotangents = ArrayPool<double>.Shared.Rent(2 * size);
        try
        {
            Array.Clear(cotangents, 0, 2 * size);
            for (var j = 0; j < outputs.Length; j++)
            {
                if (outputs[j] < 0) continue;
                cotangents[2 * outputs[j]] += seeds[j].Value;
                cotangents[2 * outputs[j] + 1] += seeds[j].Tangent;
            }
            for (var c = top >> Shift; c >= bottom >> Shift; c--)
            {
                var chunk = all[c];
                var first = c << Shift;
                var from = Math.Min(top - first, chunk.Length - 1);
                var to = Math.Max(bottom - first, 0);
                for (var o = from; o >= to; o--)
                {
                    double av = cotangents[2 * (first + o)], at = cotangents[2 * (first + o) + 1];
                    if (StrongZero.Is(av) && StrongZero.Is(at)) continue; // a zero cotangent is never multiplied into a partial
                    ref readonly var entry = ref chunk[o];
                    if (!Moves(entry.FirstPartial, ref tag) || !Moves(entry.SecondPartial, ref tag)) return null;
                    if (entry.First >= 0) Add(cotangents, entry.First, entry.FirstPartial, av, at);
                    if (entry.Second >= 0) Add(cotangents, entry.Second, entry.SecondPartial, av, at);
                }
            }
            var result = new Dual<double>[inputs.Length];
            for (var i = 0; i < inputs.Length; i++)
            {
                var k = inputs[i];
                if (k < 0 || k >= size) continue;
                double value = cotangents[2 * k], tangent = cotangents[2 * k + 1];
                if (StrongZero.Is(value) && StrongZero.Is(tangent)) continue;
                result[i] = new Dual<double>(value, tangent, StrongZero.Is(tangent) ? 0 : tag);
            }
            return result;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(cotangents);
        }
    }

    // Whether d's perturbation is compatible with the one seen so far (recording it): false for a second one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Moves(Dual<double> d, ref int tag)
    {
        if (StrongZero.Is(d.Tangent) || d.PerturbationTag == 0 || d.PerturbationTag == tag) return true;
        if (tag != 0) return false;
        tag = d.PerturbationTag;
        return true;
    }

    // cotangent[k] += partial · (av + at·ε), as Dual<double> computes it: the strong-zero product of two duals
    // (p·a, p.t·a.v + p.v·a.t, tangent exactly 0 when neither moves), then the sum (likewise).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(double[] cotangents, int k, Dual<double> partial, double av, double at)
    {
        double pv = partial.Value, pt = partial.Tangent;
        if ((StrongZero.Is(pv) && StrongZero.Is(pt)) || (StrongZero.Is(av) && StrongZero.Is(at))) return;
        var value = pv * av;
        var tangent = StrongZero.Is(pt) && StrongZero.Is(at) ? 0.0 : StrongZero.Times(av, pt) + StrongZero.Times(pv, at);
        ref var slot = ref cotangents[2 * k];
        ref var slotTangent = ref Unsafe.Add(ref slot, 1); // k < size and the array holds 2·size doubles
        slot += value;
        if (!(StrongZero.Is(slotTangent) && StrongZero.Is(tangent))) slotTangent += tangent;
    }
}
