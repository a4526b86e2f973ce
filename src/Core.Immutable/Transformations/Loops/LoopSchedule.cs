namespace FunctionalAD;

/// <summary>
/// What a loop's forward sweep keeps for its backward sweep, and how the backward sweep uses it: checkpoints of the
/// carry every <see cref="Interval"/> steps, each segment between two of them recomputed once and pulled back through.
/// With <see cref="LoopCheckpointing.EveryStep"/> the forward sweep keeps every step itself (one segment, nothing
/// recomputed); with <see cref="LoopCheckpointing.Binomial"/> segments are recomputed by Griewank's schedule.
/// </summary>
internal sealed class LoopSchedule<TState>
{
    private LoopSchedule(long count, long interval, List<TState> checkpoints, object? kept, LoopCheckpointing kind, int budget)
    {
        Count = count;
        Interval = interval;
        Checkpoints = checkpoints;
        Kept = kept;
        Kind = kind;
        Budget = budget;
    }

    public long Count { get; }

    /// <summary>Steps between two checkpoints.</summary>
    public long Interval { get; }

    /// <summary>The carry before steps 0, <see cref="Interval"/>, 2·<see cref="Interval"/>, …</summary>
    public List<TState> Checkpoints { get; }

    /// <summary>With <see cref="LoopCheckpointing.EveryStep"/>: the stepper's store of every step, kept by the forward sweep.</summary>
    public object? Kept { get; }

    public LoopCheckpointing Kind { get; }

    public int Budget { get; }

    /// <summary>⌈√N⌉ steps between checkpoints, at least 1.</summary>
    public static long SquareRootInterval(long count)
    {
        var root = (long)Math.Ceiling(Math.Sqrt(count));
        while (root * root < count) root++;
        return Math.Max(1, root);
    }

    /// <summary>
    /// The forward sweep of <paramref name="count"/> steps from <paramref name="initial"/>, keeping what
    /// <paramref name="options"/> asks; returns the last carry.
    /// </summary>
    /// <remarks>
    /// With <paramref name="proceed"/> (a bounded while loop) the sweep stops early at the first carry it refuses: the
    /// schedule then covers the steps taken, the only ones the backward sweep pulls back through.
    /// </remarks>
    public static TState Forward<TCotangent, TStepper>(
        ref TStepper stepper, TState initial, long count, ReverseOptions options, Func<TState, bool>? proceed, out LoopSchedule<TState> schedule)
        where TStepper : ILoopStepper<TState, TCotangent>
    {
        var x = initial;
        long k;
        if (options.Checkpointing == LoopCheckpointing.EveryStep)
        {
            stepper.Reserve(proceed is null ? count : Math.Min(count, 1024));
            for (k = 0; k < count && (proceed is null || proceed(x)); k++)
            {
                if (proceed is not null) stepper.Grow(k + 1);
                x = stepper.StepAndKeep(x, k);
            }
            schedule = new(k, Math.Max(1, k), [initial], stepper.Kept, LoopCheckpointing.EveryStep, 0);
            return x;
        }
        if (options.Checkpointing == LoopCheckpointing.Binomial)
        {
            for (k = 0; k < count && (proceed is null || proceed(x)); k++) x = stepper.Step(x);
            schedule = new(k, Math.Max(1, k), [initial], null, LoopCheckpointing.Binomial, options.CheckpointBudget);
            return x;
        }
        var interval = SquareRootInterval(count);
        var checkpoints = new List<TState>((int)Math.Min(int.MaxValue, count / interval + 1));
        for (k = 0; k < count && (proceed is null || proceed(x)); k++)
        {
            if (k % interval == 0) checkpoints.Add(x);
            x = stepper.Step(x);
        }
        schedule = new(k, interval, checkpoints, null, LoopCheckpointing.SquareRoot, 0);
        return x;
    }

    /// <summary>The backward sweep: the initial carry's cotangent from the last carry's; the parameters' add up in the stepper.</summary>
    public TCotangent Backward<TCotangent, TStepper>(ref TStepper stepper, TCotangent cotangent)
        where TStepper : ILoopStepper<TState, TCotangent>
    {
        var g = cotangent;
        switch (Kind)
        {
            case LoopCheckpointing.EveryStep:
                stepper.Adopt(Kept!);
                for (var j = Count - 1; j >= 0; j--) g = stepper.Pull(j, g);
                return g;
            case LoopCheckpointing.Binomial:
                return Revolve.Backward<TState, TCotangent, TStepper>(ref stepper, Checkpoints[0], Count, Budget, g);
        }
        stepper.Reserve(Math.Min(Interval, Count));
        for (var segment = Checkpoints.Count - 1; segment >= 0; segment--)
        {
            var start = segment * Interval;
            var length = Math.Min(Interval, Count - start);
            var x = Checkpoints[segment];
            for (long j = 0; j < length; j++) x = stepper.StepAndKeep(x, j);
            for (var j = length - 1; j >= 0; j--) g = stepper.Pull(j, g);
        }
        return g;
    }
}
