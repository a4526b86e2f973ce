namespace FunctionalAD;

/// <summary>
/// Steps a scalar loop body: one <c>double[]</c> of node values per step, nothing allocated per step. On the
/// interpreter, a kept step is a copy of the body's node values in one flat array. With the body compiled
/// (<see cref="LoopBody.SeededGradient"/>, for long loops), a kept step is its carry alone, and a step's VJP runs the
/// compiled body forward and backward from it, seeded with the cotangent: the interpreter's numbers, bit for bit, in
/// one call. Either way the parameters' adjoints add up in <see cref="InputAdjoints"/> as the interpreter adds an
/// input's adjoint: each input node's nonzero adjoint, last node first.
/// </summary>
internal struct ScalarStepper : ILoopStepper<double, double>
{
    /// <summary>
    /// The number of steps from which a loop runs its body compiled: compiling costs about a millisecond, and saves
    /// tens of nanoseconds a step.
    /// </summary>
    public const long CompiledFrom = 20_000;

    private readonly Topology topology;
    private readonly int carrySlot;
    private readonly double[] inputs;
    private readonly double[] values;
    private readonly ChunkProgram? program;
    private double[]? adjoints;
    private double[] store;

    /// <param name="body">The body, a scalar graph.</param>
    /// <param name="parameters">The value of each parameter, in <see cref="LoopBody.Parameters"/> order.</param>
    /// <param name="steps">How many steps the loop may take: from <see cref="CompiledFrom"/> on, the body runs compiled where it can.</param>
    public ScalarStepper(LoopBody body, ReadOnlySpan<double> parameters, long steps = 0)
    {
        topology = body.Topology;
        carrySlot = body.CarrySlot;
        inputs = new double[topology.InputNames.Length];
        for (var j = 0; j < parameters.Length; j++) inputs[body.SlotOf(j)] = parameters[j];
        program = steps >= CompiledFrom ? body.SeededGradient : null;
        // Compiled: node values and node adjoints side by side in one buffer.
        values = new double[program is { } p ? 2 * p.Length : topology.Count];
        InputAdjoints = new double[inputs.Length];
        store = [];
    }

    /// <summary>Each body input's adjoint added up over the steps pulled back so far, in input-name order (the carry's is the last step's).</summary>
    public double[] InputAdjoints { get; }

    /// <summary>Whether the body runs compiled.</summary>
    public readonly bool IsCompiled => program is not null;

    public readonly object Kept => store;

    public void Adopt(object kept) => store = (double[])kept;

    /// <summary>The numbers one kept step takes: its carry when compiled, else every node's value.</summary>
    private readonly int SlotLength => program is null ? topology.Count : 1;

    public void Reserve(long slots)
    {
        var length = slots * SlotLength;
        if (length > Array.MaxLength)
            throw new NotSupportedException(
                $"A loop of {slots:N0} steps over a body of {topology.Count:N0} nodes cannot keep every step ({length:N0} numbers); use the default checkpointing (ReverseOptions.Default).");
        if (store.Length < length) store = new double[length];
    }

    public void Grow(long slots)
    {
        if (store.Length >= slots * SlotLength) return;
        var kept = store;
        Reserve(Math.Max(slots, 2 * (long)kept.Length / SlotLength));
        Array.Copy(kept, store, kept.Length);
    }

    public readonly double Step(double carry)
    {
        if (carrySlot >= 0) inputs[carrySlot] = carry;
        if (program is { } p) return Run(p, 0);
        Interpreter.Values(topology, inputs, values);
        return values[^1];
    }

    public readonly double StepAndKeep(double carry, long slot)
    {
        if (program is not null)
        {
            store[slot] = carry;
            return Step(carry);
        }
        var next = Step(carry);
        Array.Copy(values, 0, store, slot * values.Length, values.Length);
        return next;
    }

    public double Pull(long slot, double cotangent)
    {
        if (program is { } p) return PullCompiled(p, slot, cotangent);
        adjoints ??= new double[values.Length];
        Array.Copy(store, slot * values.Length, values, 0, values.Length);
        Array.Clear(adjoints);
        if (carrySlot < 0)
        {
            Interpreter.Adjoints(topology, values, cotangent, adjoints, InputAdjoints);
            return 0;
        }
        InputAdjoints[carrySlot] = 0;
        Interpreter.Adjoints(topology, values, cotangent, adjoints, InputAdjoints);
        return InputAdjoints[carrySlot];
    }

    private double PullCompiled(ChunkProgram p, long slot, double cotangent)
    {
        if (carrySlot >= 0)
        {
            inputs[carrySlot] = store[slot];
            InputAdjoints[carrySlot] = 0;
        }
        Run(p, cotangent);
        // The input nodes' adjoints, last node first, as the interpreter's backward sweep adds them (it skips a zero).
        var nodeAdjoints = values.AsSpan(p.Length);
        for (var k = 0; k < p.InputPositions.Length; k++)
        {
            var adjoint = nodeAdjoints[p.InputPositions[k]];
            if (adjoint != 0) InputAdjoints[p.InputSlots[k]] += adjoint;
        }
        return carrySlot >= 0 ? InputAdjoints[carrySlot] : 0;
    }

    /// <summary>The compiled body forward, then backward from <paramref name="seed"/> (0 for a step alone: its rules that are calls are skipped); the output's value.</summary>
    private readonly unsafe double Run(ChunkProgram p, double seed)
    {
        fixed (double* nodes = values)
        {
            var nodeAdjoints = nodes + p.Length;
            p.Gather(inputs, nodes);
            nodeAdjoints[p.Output] = seed;
            p.Run(nodes, nodeAdjoints);
            return nodes[p.Output];
        }
    }
}
