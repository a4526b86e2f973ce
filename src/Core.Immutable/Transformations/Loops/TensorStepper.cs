namespace FunctionalAD;

/// <summary>
/// Steps a loop body on the tensor sweeps: one <see cref="Tensor"/> per body node. A kept step is the body's node
/// values and what its own loops saved for their VJPs; the parameters' cotangents add up in <see cref="InputCotangent"/>.
/// A null cotangent is an exact zero.
/// </summary>
internal struct TensorStepper : ILoopStepper<Tensor, Tensor?>
{
    private readonly Topology topology;
    private readonly int carrySlot;
    private readonly Tensor[] inputs;
    private readonly bool[] wanted;
    private readonly ReverseOptions options;
    private (Tensor[] Values, object?[] Saved)[] store;

    /// <param name="body">The body.</param>
    /// <param name="parameters">The value of each parameter, in <see cref="LoopBody.Parameters"/> order.</param>
    /// <param name="wantedParameters">Which parameters' cotangents are wanted (null: all).</param>
    /// <param name="options">What the body's own loops keep.</param>
    public TensorStepper(LoopBody body, ReadOnlySpan<Tensor> parameters, ReadOnlySpan<bool> wantedParameters, ReverseOptions options)
    {
        topology = body.Topology;
        carrySlot = body.CarrySlot;
        this.options = options;
        inputs = new Tensor[topology.InputNames.Length];
        wanted = new bool[inputs.Length];
        for (var j = 0; j < parameters.Length; j++)
        {
            inputs[body.SlotOf(j)] = parameters[j];
            wanted[body.SlotOf(j)] = wantedParameters.IsEmpty || wantedParameters[j];
        }
        if (carrySlot >= 0) wanted[carrySlot] = true;
        sums = new CotangentSum[inputs.Length];
        summed = SummedInPlace(topology, carrySlot, wanted);
        store = [];
    }

    private readonly CotangentSum[] sums;
    private readonly bool[] summed;

    /// <summary>The parameters' input nodes used once: their cotangents may go straight into their sums (<see cref="TensorSweeps.Sweep"/>).</summary>
    private static bool[] SummedInPlace(Topology topology, int carrySlot, bool[] wanted)
    {
        var uses = new int[topology.Count];
        for (var i = 0; i < topology.Count; i++)
            foreach (var argument in topology.ArgumentsOf(i)) uses[argument]++;
        var summed = new bool[topology.Count];
        for (var i = 0; i < topology.Count; i++)
        {
            var slot = topology.InputSlot[i];
            summed[i] = slot >= 0 && slot != carrySlot && wanted[slot] && uses[i] == 1;
        }
        return summed;
    }

    /// <summary>Body input <paramref name="slot"/>'s cotangent added up over the steps pulled back so far (null is zero).</summary>
    public readonly Tensor? InputCotangent(int slot) => sums[slot].Total;

    public readonly object Kept => store;

    public void Adopt(object kept) => store = ((Tensor[], object?[])[])kept;

    public void Reserve(long slots)
    {
        if (slots > Array.MaxLength)
            throw new NotSupportedException($"A loop of {slots:N0} steps cannot keep every step; use the default checkpointing (ReverseOptions.Default).");
        if (store.Length < slots) store = new (Tensor[], object?[])[slots];
        else Array.Clear(store);
    }

    public void Grow(long slots)
    {
        if (store.Length >= slots) return;
        var kept = store;
        store = new (Tensor[], object?[])[Math.Min(Array.MaxLength, Math.Max(slots, 2L * kept.Length))];
        Array.Copy(kept, store, kept.Length);
    }

    public readonly Tensor Step(Tensor carry)
    {
        if (carrySlot >= 0) inputs[carrySlot] = carry;
        return TensorSweeps.Values(topology, inputs)[^1];
    }

    public readonly Tensor StepAndKeep(Tensor carry, long slot)
    {
        if (carrySlot >= 0) inputs[carrySlot] = carry;
        var values = TensorSweeps.ValuesForVjp(topology, inputs, options, out var saved);
        store[slot] = (values, saved);
        return values[^1];
    }

    public readonly Tensor? Pull(long slot, Tensor? cotangent)
    {
        if (cotangent is not { } seed) return null; // nothing flows back through this step, nor through the ones before it
        var (values, saved) = store[slot];
        var pulled = TensorSweeps.Sweep(topology, values, seed, wanted, saved, sums, summed);
        for (var s = 0; s < pulled.Length; s++)
            if (s != carrySlot) sums[s].Add(pulled[s]);
        return carrySlot >= 0 ? pulled[carrySlot] : null;
    }
}
