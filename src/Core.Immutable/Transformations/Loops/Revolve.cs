namespace FunctionalAD;

/// <summary>
/// Griewank's binomial checkpointing (revolve): the backward sweep of a loop with at most a given number of carries
/// kept at once, recomputing as few steps as that memory allows. With s free checkpoints and t recomputations of a
/// step at most, β(s, t) = C(s + t, s) steps can be reversed; a range of n steps is split where the part after the
/// new checkpoint needs one checkpoint fewer and the part before it one recomputation fewer.
/// </summary>
internal static class Revolve
{
    /// <summary>
    /// The initial carry's cotangent for <paramref name="count"/> steps from <paramref name="initial"/>, keeping at most
    /// <paramref name="budget"/> carries (the initial one included) and one step's body values.
    /// </summary>
    public static TCotangent Backward<TState, TCotangent, TStepper>(ref TStepper stepper, TState initial, long count, int budget, TCotangent cotangent)
        where TStepper : ILoopStepper<TState, TCotangent>
    {
        stepper.Reserve(1);
        return Reverse<TState, TCotangent, TStepper>(ref stepper, initial, count, budget - 1, cotangent);
    }

    /// <summary>Reverses <paramref name="count"/> steps from the carry <paramref name="start"/> with <paramref name="free"/> more carries to keep.</summary>
    private static TCotangent Reverse<TState, TCotangent, TStepper>(ref TStepper stepper, TState start, long count, int free, TCotangent g)
        where TStepper : ILoopStepper<TState, TCotangent>
    {
        while (count > 0)
        {
            if (count == 1 || free == 0)
            {
                // No checkpoint left: recompute up to the last step of the range, pull back through it, and repeat.
                var x = start;
                for (long k = 0; k < count - 1; k++) x = stepper.Step(x);
                stepper.StepAndKeep(x, 0);
                g = stepper.Pull(0, g);
                count--;
                continue;
            }
            var repetitions = Repetitions(count, free);
            var after = Math.Min(Beta(free - 1, repetitions), count - 1);
            var before = count - after;
            var middle = start;
            for (long k = 0; k < before; k++) middle = stepper.Step(middle);
            g = Reverse<TState, TCotangent, TStepper>(ref stepper, middle, after, free - 1, g);
            count = before; // then the part before the checkpoint, with the same checkpoints free again
        }
        return g;
    }

    /// <summary>The fewest recomputations t with β(<paramref name="free"/>, t) ≥ <paramref name="count"/>.</summary>
    private static int Repetitions(long count, int free)
    {
        var t = 1;
        while (Beta(free, t) < count) t++;
        return t;
    }

    /// <summary>β(s, t) = C(s + t, s), saturating at <see cref="long.MaxValue"/>.</summary>
    internal static long Beta(int s, int t)
    {
        if (s < 0 || t < 0) return 0;
        long result = 1;
        var k = Math.Min(s, t);
        for (var i = 1; i <= k; i++)
        {
            var n = (long)(s + t - k + i);
            if (result > long.MaxValue / n) return long.MaxValue;
            result = result * n / i;
        }
        return result;
    }
}
