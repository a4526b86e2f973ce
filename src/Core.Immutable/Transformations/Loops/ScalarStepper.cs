namespace FunctionalAD;

/// <summary>
/// Steps a scalar loop body on the interpreter: one <c>double[]</c> of node values per step, nothing allocated per step.
/// A kept step is a copy of the body's node values in one flat array; the parameters' adjoints add up in
/// <see cref="InputAdjoints"/>, each step's added at once, as a shared input's adjoint adds up in an unrolled graph.
/// </summary>
internal struct ScalarStepper : ILoopStepper<double, double>
{
    private readonly Topology topology;
    private readonly int carrySlot;
    private readonly double[] inputs;
    private readonly double[] values;
    private double[]? adjoints;
    private double[] store;

    /// <param name="body">The body, a scalar graph.</param>
    /// <param name="parameters">The value of each parameter, in <see cref="LoopBody.Parameters"/> order.</param>
    public ScalarStepper(LoopBody body, ReadOnlySpan<double> parameters)
    {
        topology = body.Topology;
        carrySlot = body.CarrySlot;
        inputs = new double[topology.InputNames.Length];
        for (var j = 0; j < parameters.Length; j++) inputs[body.SlotOf(j)] = parameters[j];
        values = new double[topology.Count];
        InputAdjoints = new double[inputs.Length];
        store = [];
    }

    /// <summary>Each body input's adjoint added up over the steps pulled back so far, in input-name order (the carry's is the last step's).</summary>
    public double[] InputAdjoints { get; }

    public readonly object Kept => store;

    public void Adopt(object kept) => store = (double[])kept;

    public void Reserve(long slots)
    {
        var length = slots * topology.Count;
        if (length > Array.MaxLength)
            throw new NotSupportedException(
                $"A loop of {slots:N0} steps over a body of {topology.Count:N0} nodes cannot keep every step ({length:N0} numbers); use the default checkpointing (ReverseOptions.Default).");
        if (store.Length < length) store = new double[length];
    }

    public void Grow(long slots)
    {
        if (store.Length >= slots * topology.Count) return;
        var kept = store;
        Reserve(Math.Max(slots, 2 * (long)kept.Length / Math.Max(1, topology.Count)));
        Array.Copy(kept, store, kept.Length);
    }

    public readonly double Step(double carry)
    {
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
        if (carrySlot < 0)
        {
            Interpreter.Adjoints(topology, values, cotangent, adjoints, InputAdjoints);
            return 0;
        }
        InputAdjoints[carrySlot] = 0;
        Interpreter.Adjoints(topology, values, cotangent, adjoints, InputAdjoints);
        return InputAdjoints[carrySlot];
    }
}
