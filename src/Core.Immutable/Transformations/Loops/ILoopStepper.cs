namespace FunctionalAD;

/// <summary>
/// Runs a loop body one step at a time for a checkpointing schedule (<see cref="LoopSchedule{TState}"/>): a step alone, a step
/// whose body values are kept in a slot, and the body's VJP from a kept slot. The parameters' cotangents add up inside.
/// </summary>
/// <typeparam name="TState">The carry.</typeparam>
/// <typeparam name="TCotangent">The carry's cotangent.</typeparam>
internal interface ILoopStepper<TState, TCotangent>
{
    /// <summary>The next carry; nothing is kept.</summary>
    TState Step(TState carry);

    /// <summary>The next carry, with what the body's VJP needs kept in <paramref name="slot"/>.</summary>
    TState StepAndKeep(TState carry, long slot);

    /// <summary>What <see cref="StepAndKeep"/> has kept, to hand to another stepper of the same body with <see cref="Adopt"/>.</summary>
    object Kept { get; }

    /// <summary>Reads kept steps from <paramref name="kept"/> (from <see cref="Kept"/>), which it never writes.</summary>
    void Adopt(object kept);

    /// <summary>Makes room for <paramref name="slots"/> kept steps (at least), dropping what was kept.</summary>
    void Reserve(long slots);

    /// <summary>Makes room for at least <paramref name="slots"/> kept steps, keeping what was kept (a while loop's count is not known ahead).</summary>
    void Grow(long slots);

    /// <summary>The carry's cotangent before the step kept in <paramref name="slot"/>, from the cotangent after it.</summary>
    TCotangent Pull(long slot, TCotangent cotangent);
}
