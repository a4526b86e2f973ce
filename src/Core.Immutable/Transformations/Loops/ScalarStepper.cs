namespace FunctionalAD;

/// <summary>
/// Steps a scalar loop body: one <c>double[]</c> of node values per step, nothing allocated per step. On the
/// interpreter, a kept step is a copy of the body's node values in one flat array. With the body compiled
/// (<see cref="LoopBody.CompiledSweeps"/>, for long loops), a step is the compiled forward sweep, a kept step the few
/// values the compiled backward sweep reads, and a step's VJP that backward sweep seeded with the cotangent: the
/// interpreter's numbers, bit for bit. Either way the parameters' adjoints add up in <see cref="InputAdjoints"/> as the
/// interpreter adds an input's adjoint: each input node's nonzero adjoint, last node first.
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
    private readonly ChunkProgram? forward;
    private readonly ChunkProgram? backward;
    private readonly int[] carryPositions = [];
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
        if (steps >= CompiledFrom && body.CompiledSweeps is { } sweeps)
        {
            (forward, backward) = sweeps;
            adjoints = new double[forward.Length]; // the forward sweep zeroes the adjoints that a later chunk adds to
        }
        values = new double[forward?.Length ?? topology.Count];
        if (forward is { } p)
        {
            // The parameters stay where they are gathered once; each step writes only the carry's nodes.
            unsafe
            {
                fixed (double* nodes = values) p.Gather(inputs, nodes);
            }
            var carry = carrySlot;
            carryPositions = [.. p.InputPositions.Where((_, k) => p.InputSlots[k] == carry)];
        }
        InputAdjoints = new double[inputs.Length];
        store = [];
    }

    /// <summary>Each body input's adjoint added up over the steps pulled back so far, in input-name order (the carry's is the last step's).</summary>
    public double[] InputAdjoints { get; }

    /// <summary>Whether the body runs compiled.</summary>
    public readonly bool IsCompiled => forward is not null;

    public readonly object Kept => store;

    public void Adopt(object kept) => store = (double[])kept;

    public void Reserve(long slots)
    {
        var length = slots * values.Length;
        if (length > Array.MaxLength)
            throw new NotSupportedException(
                $"A loop of {slots:N0} steps over a body of {topology.Count:N0} nodes cannot keep every step ({length:N0} numbers); use the default checkpointing (ReverseOptions.Default).");
        if (store.Length < length) store = new double[length];
    }

    public void Grow(long slots)
    {
        if (store.Length >= slots * values.Length) return;
        var kept = store;
        Reserve(Math.Max(slots, 2 * (long)kept.Length / values.Length));
        Array.Copy(kept, store, kept.Length);
    }

    public readonly double Step(double carry)
    {
        if (forward is { } p)
        {
            foreach (var position in carryPositions) values[position] = carry;
            return Run(p);
        }
        if (carrySlot >= 0) inputs[carrySlot] = carry;
        Interpreter.Values(topology, inputs, values);
        return values[^1];
    }

    public readonly double StepAndKeep(double carry, long slot)
    {
        var next = Step(carry);
        Array.Copy(values, 0, store, slot * values.Length, values.Length);
        return next;
    }

    public double Pull(long slot, double cotangent)
    {
        adjoints ??= new double[values.Length];
        Array.Copy(store, slot * values.Length, values, 0, values.Length);
        Array.Clear(adjoints);
        if (backward is { } p) return PullCompiled(p, cotangent);
        if (carrySlot < 0)
        {
            Interpreter.Adjoints(topology, values, cotangent, adjoints, InputAdjoints);
            return 0;
        }
        InputAdjoints[carrySlot] = 0;
        Interpreter.Adjoints(topology, values, cotangent, adjoints, InputAdjoints);
        return InputAdjoints[carrySlot];
    }

    private double PullCompiled(ChunkProgram p, double cotangent)
    {
        if (carrySlot >= 0) InputAdjoints[carrySlot] = 0;
        adjoints![p.Output] = cotangent;
        Run(p);
        // The input nodes' adjoints, last node first, as the interpreter's backward sweep adds them (it skips a zero).
        for (var k = 0; k < p.InputPositions.Length; k++)
        {
            var adjoint = adjoints[p.InputPositions[k]];
            if (adjoint != 0) InputAdjoints[p.InputSlots[k]] += adjoint;
        }
        return carrySlot >= 0 ? InputAdjoints[carrySlot] : 0;
    }

    /// <summary>
    /// A compiled sweep over the node values and adjoints; returns the output's value.
    /// </summary>
    private readonly unsafe double Run(ChunkProgram p)
    {
        fixed (double* nodes = values, nodeAdjoints = adjoints)
        {
            p.Run(nodes, nodeAdjoints);
            return nodes[p.Output];
        }
    }
}
