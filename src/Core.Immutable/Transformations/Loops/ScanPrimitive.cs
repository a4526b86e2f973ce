using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// <c>scan</c>: a carry threaded through <see cref="Count"/> steps, each making the new carry and an output slice from
/// the carry, the step's slice of the sequence (row t of the second argument, when there is one) and the parameters (the
/// last arguments, one per <see cref="ScanBody.Parameters"/>); the output is the slices stacked, a vector of numbers or a
/// matrix of vector rows. Reverse mode keeps checkpoints of the carry as <see cref="ReverseOptions"/> asks, like
/// <see cref="FoldPrimitive"/>, and hands each slice of the sequence its cotangent.
/// </summary>
internal sealed class ScanPrimitive : Primitive, ILoopPrimitive
{
    public ScanPrimitive(Expr carryGraph, Expr outputGraph, string carry, string? slice, int count)
    {
        Body = new ScanBody(carryGraph, outputGraph, carry, slice);
        Count = count;
        if (Body.CarryShape != carryGraph.Shape)
            throw new ShapeMismatchException("Scan", $"Scan: the step must return a new carry of the carry's shape {Body.CarryShape}, but it returns shape {carryGraph.Shape}.");
        if (outputGraph.Shape.Rank > 1)
            throw new ShapeMismatchException("Scan", $"Scan: an output slice must be a number or a vector, to stack into a vector or a matrix; this one has shape {outputGraph.Shape}.");
        OutputSlice = outputGraph.Shape;
        bodyVjp = new(() =>
        {
            var inputs = new List<(string, Shape)> { (Body.Carry, Body.CarryShape) };
            if (Body.SliceShape is { } slice) inputs.Add((Body.Slice!, slice));
            inputs.AddRange(Body.Parameters.Select((n, j) => (n, Body.ParameterShapes[j])));
            return new BodyVjp([Body.CarryGraph, Body.OutputGraph], inputs);
        });
    }

    public ScanBody Body { get; }

    /// <summary>The scan over bodies sized as the graph: a carry, slice or parameter of the free batch dimension N gets its size.</summary>
    internal override Primitive WithBatchSize(int size) =>
        Body.CarryGraph.Topology.HasFreeBatch || Body.OutputGraph.Topology.HasFreeBatch
            ? new ScanPrimitive(Graph.WithBatchSize(Body.CarryGraph, size), Graph.WithBatchSize(Body.OutputGraph, size), Body.Carry, Body.Slice, Count)
            : this;

    public int Count { get; }

    public Shape OutputSlice { get; }

    /// <summary>Whether the scan runs over a sequence (its second argument).</summary>
    internal bool HasSequence => Body.Slice is not null;

    public override string Name => "scan";

    public override int Arity => (HasSequence ? 2 : 1) + Body.Parameters.Length;

    public override ImmutableArray<double> Parameters => [Count];

    public ImmutableArray<(string Label, Expr Graph)> Bodies => [("new " + Body.Carry, Body.CarryGraph), ("output slice", Body.OutputGraph)];

    /// <summary>After the arguments: the count and the step, <c>scan(h0, xs, 4 steps, (carry, slice) => (tanh(carry + slice), carry))</c>.</summary>
    internal override string PrintedParameters =>
        $", {Count} steps, {(Body.Slice is null ? Body.Carry : $"({Body.Carry}, {Body.Slice})")} => " +
        $"({ExprPrinter.Print(Body.CarryGraph, ExprPrinter.DefaultMaxLength)}, {ExprPrinter.Print(Body.OutputGraph, ExprPrinter.DefaultMaxLength)})";

    private protected override bool SameDefinition(Primitive other) =>
        other is ScanPrimitive s && s.Body.Carry == Body.Carry && s.Body.Slice == Body.Slice
        && s.Body.CarryGraph.Equals(Body.CarryGraph) && s.Body.OutputGraph.Equals(Body.OutputGraph);

    private protected override int DefinitionHash =>
        HashCode.Combine(Body.Carry, Body.Slice, Body.CarryGraph.GetHashCode(), Body.OutputGraph.GetHashCode());

    /// <summary>The stacked shape of <see cref="Count"/> slices of <paramref name="slice"/>.</summary>
    public static Shape Stacked(int count, Shape slice) => slice.IsScalar ? Shape.Vector(count) : Shape.Matrix(count, slice.Count);

    internal override Shape OutputShape(ReadOnlySpan<Shape> arguments)
    {
        if (arguments[0] != Body.CarryShape)
            throw new ShapeMismatchException("Scan", $"Scan: the initial carry has shape {arguments[0]}, but the step's carry has shape {Body.CarryShape}.");
        var first = 1;
        if (HasSequence)
        {
            var sequence = arguments[1];
            if (Body.SliceShape is { } slice && sequence != Stacked(Count, slice))
                throw new ShapeMismatchException("Scan", $"Scan: the sequence has shape {sequence}, but {Count} slices of shape {slice} stack to {Stacked(Count, slice)}.");
            first = 2;
        }
        for (var j = 0; j < Body.Parameters.Length; j++)
            if (arguments[first + j] != Body.ParameterShapes[j])
                throw new ShapeMismatchException("Scan",
                    $"Scan: the step's input '{Body.Parameters[j]}' has shape {Body.ParameterShapes[j]}, but it is bound to a node of shape {arguments[first + j]}.");
        return Stacked(Count, OutputSlice);
    }

    /// <summary>The argument of the first parameter: after the initial carry and the sequence, when there is one.</summary>
    internal int FirstParameter => HasSequence ? 2 : 1;

    private ScanStepper Stepper(ReadOnlySpan<Tensor> arguments, ReadOnlySpan<bool> wanted, ReverseOptions options) =>
        new(Body, HasSequence ? arguments[1] : null, arguments[FirstParameter..], wanted.IsEmpty ? [] : wanted[FirstParameter..], options);

    internal override Tensor Value(ReadOnlySpan<Tensor> arguments, Shape shape)
    {
        var stepper = Stepper(arguments, [], ReverseOptions.Default);
        var outputs = new Tensor[Count];
        stepper.Outputs = outputs;
        var state = new ScanState(arguments[0], 0);
        for (var k = 0; k < Count; k++) state = stepper.Step(state);
        return Stack(outputs);
    }

    private Tensor Stack(Tensor[] outputs) => ScanStepper.Stack([.. outputs.Select(t => (Tensor?)t)], OutputSlice);

    /// <summary>The carry's tangent pushed through the new carry step by step; each output slice's tangent from it.</summary>
    internal override Tensor? Jvp(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<Tensor?> tangents)
    {
        var (carryTopology, outputTopology) = (Body.CarryTopology, Body.OutputTopology);
        var (c, o) = (Body.CarrySlots, Body.OutputSlots);
        Tensor[] carryInputs = new Tensor[carryTopology.InputNames.Length], outputInputs = new Tensor[outputTopology.InputNames.Length];
        Tensor?[] carryTangents = new Tensor?[carryInputs.Length], outputTangents = new Tensor?[outputInputs.Length];
        for (var j = 0; j < Body.Parameters.Length; j++)
        {
            Set(carryInputs, carryTangents, c.Parameters[j], arguments[FirstParameter + j], tangents[FirstParameter + j]);
            Set(outputInputs, outputTangents, o.Parameters[j], arguments[FirstParameter + j], tangents[FirstParameter + j]);
        }
        var rows = new Tensor?[Count];
        var (carry, tangent) = (arguments[0], tangents[0]);
        var moves = false;
        for (var k = 0; k < Count; k++)
        {
            Set(carryInputs, carryTangents, c.Carry, carry, tangent);
            Set(outputInputs, outputTangents, o.Carry, carry, tangent);
            if (HasSequence)
            {
                var slice = ScanStepper.Row(arguments[1], k);
                var sliceTangent = tangents[1] is { } t ? ScanStepper.Row(t, k) : (Tensor?)null;
                Set(carryInputs, carryTangents, c.Slice, slice, sliceTangent);
                Set(outputInputs, outputTangents, o.Slice, slice, sliceTangent);
            }
            var outputValues = TensorSweeps.Values(outputTopology, outputInputs);
            rows[k] = TensorSweeps.Tangents(outputTopology, outputValues, outputTangents);
            moves |= rows[k] is not null;
            var carryValues = TensorSweeps.Values(carryTopology, carryInputs);
            tangent = TensorSweeps.Tangents(carryTopology, carryValues, carryTangents);
            carry = carryValues[^1];
        }
        return moves ? ScanStepper.Stack(rows, OutputSlice) : null;

        static void Set(Tensor[] inputs, Tensor?[] inputTangents, int slot, Tensor value, Tensor? tangent)
        {
            if (slot < 0) return;
            inputs[slot] = value;
            inputTangents[slot] = tangent;
        }
    }

    internal override Tensor ValueForVjp(ReadOnlySpan<Tensor> arguments, Shape shape, ReverseOptions options, out object? saved)
    {
        var stepper = Stepper(arguments, [], options);
        var outputs = new Tensor[Count];
        stepper.Outputs = outputs;
        LoopSchedule<ScanState>.Forward<Tensor?, ScanStepper>(ref stepper, new(arguments[0], 0), Count, options, null, out var schedule);
        saved = (options, schedule);
        return Stack(outputs);
    }

    internal override void Vjp(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, ReadOnlySpan<bool> wanted, Span<Tensor?> cotangents) =>
        VjpFromSaved(arguments, output, cotangent, wanted, cotangents, null);

    internal override void VjpFromSaved(
        ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, ReadOnlySpan<bool> wanted, Span<Tensor?> cotangents, object? saved)
    {
        var (options, schedule) = saved is (ReverseOptions o, LoopSchedule<ScanState> s) ? (o, s) : (ReverseOptions.Default, null);
        var stepper = Stepper(arguments, wanted, options);
        if (schedule is null)
            LoopSchedule<ScanState>.Forward<Tensor?, ScanStepper>(ref stepper, new(arguments[0], 0), Count, options, null, out schedule);
        stepper.OutputCotangent = cotangent;
        if (HasSequence && wanted[1]) stepper.SliceCotangents = new Tensor?[Count];
        var carry = schedule.Backward<Tensor?, ScanStepper>(ref stepper, null);
        if (wanted[0]) cotangents[0] = carry;
        if (HasSequence && wanted[1] && Body.SliceShape is { } slice) cotangents[1] = ScanStepper.Stack(stepper.SliceCotangents!, slice);
        for (var j = 0; j < Body.Parameters.Length; j++)
            if (wanted[FirstParameter + j]) cotangents[FirstParameter + j] = stepper.ParameterCotangent(j);
    }

    /// <summary>
    /// Each argument's cotangent as a node of its own (<see cref="ScanCotangentPrimitive"/>) over the scan's arguments and
    /// the output's cotangent: its value is this scan's reverse sweep, its JVP forward over reverse through the bodies.
    /// </summary>
    internal override void VjpGraph(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents)
    {
        for (var k = 0; k < arguments.Length; k++) cotangents[k] = Expr.Apply(new ScanCotangentPrimitive(this, k), [.. arguments, cotangent]);
    }

    /// <summary>
    /// Both bodies' VJP as one graph, built when a second-order rule first needs it: the cotangents of the carry, of the
    /// slice (when a body reads it) and of the parameters, from the seeds of the new carry and of the output slice.
    /// </summary>
    internal BodyVjp BodyVjp => bodyVjp.Value;

    private readonly Lazy<BodyVjp> bodyVjp;
}
