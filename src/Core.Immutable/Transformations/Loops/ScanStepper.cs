namespace FunctionalAD;

/// <summary>A scan's carry and the index of the step that takes it.</summary>
internal readonly record struct ScanState(Tensor Carry, int Index);

/// <summary>
/// Steps a scan on the tensor sweeps: each step evaluates the new carry and the output slice. While
/// <see cref="Outputs"/> is set, each step writes its output slice there; a kept step is both bodies' node values; a pull
/// sends back the carry's cotangent and the output slice's (row <c>Index</c> of <see cref="OutputCotangent"/>), adding the
/// parameters' cotangents up and keeping each slice's.
/// </summary>
internal struct ScanStepper : ILoopStepper<ScanState, Tensor?>
{
    private readonly ScanBody body;
    private readonly Tensor[] carryInputs;
    private readonly Tensor[] outputInputs;
    private readonly Tensor? sequence;
    private readonly bool[] carryWanted;
    private readonly bool[] outputWanted;
    private readonly ReverseOptions options;
    private KeptStep[] store = [];

    public ScanStepper(ScanBody body, Tensor? sequence, ReadOnlySpan<Tensor> parameters, ReadOnlySpan<bool> wantedParameters, ReverseOptions options)
    {
        this.body = body;
        this.sequence = sequence;
        this.options = options;
        carryInputs = new Tensor[body.CarryTopology.InputNames.Length];
        outputInputs = new Tensor[body.OutputTopology.InputNames.Length];
        carryWanted = new bool[carryInputs.Length];
        outputWanted = new bool[outputInputs.Length];
        for (var j = 0; j < parameters.Length; j++)
        {
            var wanted = wantedParameters.IsEmpty || wantedParameters[j];
            Bind(carryInputs, carryWanted, body.CarrySlots.Parameters[j], parameters[j], wanted);
            Bind(outputInputs, outputWanted, body.OutputSlots.Parameters[j], parameters[j], wanted);
        }
        foreach (var (wantedSlots, slots) in new[] { (carryWanted, body.CarrySlots), (outputWanted, body.OutputSlots) })
        {
            if (slots.Carry >= 0) wantedSlots[slots.Carry] = true;
            if (slots.Slice >= 0) wantedSlots[slots.Slice] = true;
        }
        sums = new CotangentSum[parameters.Length];

        static void Bind(Tensor[] inputs, bool[] wanted, int slot, Tensor value, bool isWanted)
        {
            if (slot < 0) return;
            inputs[slot] = value;
            wanted[slot] = isWanted;
        }
    }

    /// <summary>Where each step writes its output slice; null while recomputing.</summary>
    public Tensor[]? Outputs { get; set; }

    /// <summary>The cotangent of the stacked outputs, during the backward sweep.</summary>
    public Tensor OutputCotangent { get; set; }

    private readonly CotangentSum[] sums;

    /// <summary>Parameter <paramref name="j"/>'s cotangent added up over the steps pulled back so far (null is zero).</summary>
    public readonly Tensor? ParameterCotangent(int j) => sums[j].Total;

    /// <summary>Each slice's cotangent (null is zero), once the backward sweep has pulled back through its step; null until then.</summary>
    public Tensor?[]? SliceCotangents { get; set; }

    public readonly object Kept => store;

    public void Adopt(object kept) => store = (KeptStep[])kept;

    public void Reserve(long slots)
    {
        if (slots > Array.MaxLength)
            throw new NotSupportedException($"A scan of {slots:N0} steps cannot keep every step; use the default checkpointing (ReverseOptions.Default).");
        if (store.Length < slots) store = new KeptStep[slots];
        else Array.Clear(store);
    }

    public void Grow(long slots)
    {
        if (store.Length >= slots) return;
        var kept = store;
        store = new KeptStep[Math.Max(slots, 2L * kept.Length)];
        Array.Copy(kept, store, kept.Length);
    }

    public readonly ScanState Step(ScanState state)
    {
        Load(state);
        var next = TensorSweeps.Values(body.CarryTopology, carryInputs)[^1];
        if (Outputs is not null) Outputs[state.Index] = TensorSweeps.Values(body.OutputTopology, outputInputs)[^1];
        return new(next, state.Index + 1);
    }

    public readonly ScanState StepAndKeep(ScanState state, long slot)
    {
        Load(state);
        var carryValues = TensorSweeps.ValuesForVjp(body.CarryTopology, carryInputs, options, out var carrySaved);
        var outputValues = TensorSweeps.ValuesForVjp(body.OutputTopology, outputInputs, options, out var outputSaved);
        if (Outputs is not null) Outputs[state.Index] = outputValues[^1];
        store[slot] = new(carryValues, carrySaved, outputValues, outputSaved, state.Index);
        return new(carryValues[^1], state.Index + 1);
    }

    public readonly Tensor? Pull(long slot, Tensor? cotangent)
    {
        var kept = store[slot];
        Tensor? carry = null, slice = null;
        if (cotangent is { } g)
        {
            var pulled = TensorSweeps.Sweep(body.CarryTopology, kept.CarryValues, g, carryWanted, kept.CarrySaved);
            Collect(pulled, body.CarrySlots, ref carry, ref slice);
        }
        var outputs = TensorSweeps.Sweep(body.OutputTopology, kept.OutputValues, Row(OutputCotangent, kept.Index), outputWanted, kept.OutputSaved);
        Collect(outputs, body.OutputSlots, ref carry, ref slice);
        if (SliceCotangents is not null) SliceCotangents[kept.Index] = slice;
        return carry;
    }

    private readonly void Collect(Tensor?[] pulled, (int Carry, int Slice, int[] Parameters) slots, ref Tensor? carry, ref Tensor? slice)
    {
        if (slots.Carry >= 0) carry = Kernels.Add(carry, pulled[slots.Carry]);
        if (slots.Slice >= 0) slice = Kernels.Add(slice, pulled[slots.Slice]);
        for (var j = 0; j < slots.Parameters.Length; j++)
            if (slots.Parameters[j] >= 0) sums[j].Add(pulled[slots.Parameters[j]]);
    }

    private readonly void Load(ScanState state)
    {
        var (c, o) = (body.CarrySlots, body.OutputSlots);
        if (c.Carry >= 0) carryInputs[c.Carry] = state.Carry;
        if (o.Carry >= 0) outputInputs[o.Carry] = state.Carry;
        if (sequence is not { } rows) return;
        var slice = Row(rows, state.Index);
        if (c.Slice >= 0) carryInputs[c.Slice] = slice;
        if (o.Slice >= 0) outputInputs[o.Slice] = slice;
    }

    /// <summary>Row <paramref name="index"/> of a stacked tensor: a number of a vector, a vector of a matrix.</summary>
    public static Tensor Row(Tensor stacked, int index)
    {
        if (stacked.Shape.Rank == 1) return stacked[index];
        var columns = stacked.Shape.Dimensions[1];
        var row = new double[columns];
        for (var j = 0; j < columns; j++) row[j] = stacked[index, j];
        return Tensor.Vector(row);
    }

    /// <summary>Rows stacked: a vector of numbers, a matrix of vectors (null rows are zeros of <paramref name="row"/>).</summary>
    public static Tensor Stack(Tensor?[] rows, Shape row)
    {
        if (row.IsScalar)
        {
            var numbers = new double[rows.Length];
            for (var i = 0; i < rows.Length; i++) numbers[i] = rows[i]?.ToScalar() ?? 0;
            return Tensor.Vector(numbers);
        }
        var columns = row.Count;
        return Tensor.Create(Shape.Matrix(rows.Length, columns), (i, j) => rows[i] is { } r ? r[j] : 0);
    }

    /// <summary>One step kept: both bodies' node values and what their own loops saved.</summary>
    private sealed record KeptStep(Tensor[] CarryValues, object?[] CarrySaved, Tensor[] OutputValues, object?[] OutputSaved, int Index);
}
