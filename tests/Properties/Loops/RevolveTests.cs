namespace FunctionalAD.Properties.Loops;

/// <summary>
/// Griewank's binomial schedule, on a stepper that records what it is asked: every step is pulled back exactly once, last
/// step first, each from the right carry; and the steps run after the forward sweep (recomputed, and each taped once
/// before its pullback) stay within (t + 1)·N, where t is the fewest repetitions with β(budget − 1, t) ≥ N — the bound
/// of revolve.
/// </summary>
public class RevolveTests
{
    /// <summary>A carry is the index of the step it enters; a live carry is counted until the schedule lets it go.</summary>
    private struct Recorder : ILoopStepper<long, double>
    {
        public List<long> Pulled;
        public long Steps;
        public long Kept;

        readonly object ILoopStepper<long, double>.Kept => Kept;
        public void Adopt(object kept) { }
        public void Reserve(long slots) { }
        public void Grow(long slots) { }
        public long Step(long carry) { Steps++; return carry + 1; }
        public long StepAndKeep(long carry, long slot) { Steps++; Kept = carry; return carry + 1; }
        public readonly double Pull(long slot, double cotangent) { Pulled.Add(Kept); return cotangent + 1; }
    }

    [Fact]
    public void EveryStepIsPulledBackOnceInReverseWithinTheRecomputationBound()
    {
        foreach (var budget in new[] { 1, 2, 3, 5, 8 })
        foreach (var count in new long[] { 0, 1, 2, 7, 20, 63, 200 })
        {
            var recorder = new Recorder { Pulled = [] };
            var cotangent = Revolve.Backward<long, double, Recorder>(ref recorder, 0, count, budget, 0.0);
            Assert.Equal(count, (long)cotangent);
            Assert.Equal(Enumerable.Range(0, (int)count).Reverse().Select(k => (long)k), recorder.Pulled);
            // One carry (the initial one) and nothing else: every step is recomputed from the start, N(N + 1)/2 steps.
            var repetitions = 1;
            while (budget > 1 && Revolve.Beta(budget - 1, repetitions) < count) repetitions++;
            var bound = budget == 1 ? count * (count + 1) / 2 : (repetitions + 1) * count;
            Assert.True(recorder.Steps <= bound, $"budget {budget}, {count} steps: {recorder.Steps} steps run, bound {bound}");
        }
    }

    [Fact]
    public void BetaIsTheBinomialCoefficient()
    {
        Assert.Equal(1, Revolve.Beta(0, 5));
        Assert.Equal(10, Revolve.Beta(2, 3));
        Assert.Equal(184_756, Revolve.Beta(10, 10));
        Assert.Equal(long.MaxValue, Revolve.Beta(60, 60));
    }
}
