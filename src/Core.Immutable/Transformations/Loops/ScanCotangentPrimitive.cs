using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// <c>scan_vjp</c>: the cotangent of one argument of a scan, a node of a gradient graph (<see cref="Reverse.GradGraph"/>)
/// applied to the scan's arguments and the cotangent of its stacked output. Its value is the scan's reverse sweep,
/// checkpointed by default (<see cref="ScanPrimitive.VjpFromSaved"/>). Its JVP is forward over reverse: the tangent is
/// pushed forward along the carries (c_t, ċ_t), then back through both bodies' VJP graph (<see cref="BodyVjp"/>) with
/// its tangent, step by step from the last, each step seeded with the carry's cotangent and row t of the output's.
/// </summary>
/// <remarks>
/// The JVP keeps every step's carry and its tangent (memory of N states, no checkpointing). Third order (the gradient
/// graph of a gradient graph of a scan) is not written: <see cref="VjpGraph"/> says so.
/// </remarks>
internal sealed class ScanCotangentPrimitive : Primitive, ILoopPrimitive
{
    public ScanCotangentPrimitive(ScanPrimitive scan, int argument)
    {
        Scan = scan;
        Argument = argument;
    }

    /// <summary>The scan differentiated.</summary>
    public ScanPrimitive Scan { get; }

    /// <summary>Which of the scan's arguments this is the cotangent of: the initial carry, the sequence, or a parameter.</summary>
    public int Argument { get; }

    private bool SliceIsRead => Scan.Body.SliceShape is not null;

    private string ArgumentName =>
        Argument == 0 ? "the initial carry"
        : Argument < Scan.FirstParameter ? "the sequence"
        : $"'{Scan.Body.Parameters[Argument - Scan.FirstParameter]}'";

    public override string Name => "scan_vjp";

    public override int Arity => Scan.Arity + 1;

    public override ImmutableArray<double> Parameters => [Scan.Count, Argument];

    public ImmutableArray<(string Label, Expr Graph)> Bodies => Scan.Bodies;

    /// <summary>After the arguments (the scan's, then the output's cotangent): the count and what it is the cotangent of.</summary>
    internal override string PrintedParameters => $", {Scan.Count} steps, cotangent of {ArgumentName}";

    private protected override bool SameDefinition(Primitive other) =>
        other is ScanCotangentPrimitive s && s.Argument == Argument && s.Scan.Equals(Scan);

    private protected override int DefinitionHash => HashCode.Combine(Scan.GetHashCode(), Argument);

    internal override Shape OutputShape(ReadOnlySpan<Shape> arguments)
    {
        var stacked = Scan.OutputShape(arguments[..^1]);
        if (arguments[^1] != stacked)
            throw new ShapeMismatchException(Name, $"{Name}: the cotangent of the scan's output has shape {arguments[^1]}, but the output has shape {stacked}.");
        return arguments[Argument];
    }

    internal override Tensor Value(ReadOnlySpan<Tensor> arguments, Shape shape)
    {
        var wanted = new bool[Scan.Arity];
        wanted[Argument] = true;
        var cotangents = new Tensor?[Scan.Arity];
        Scan.VjpFromSaved(arguments[..^1], arguments[^1], arguments[^1], wanted, cotangents, null);
        return cotangents[Argument] ?? Tensor.Zeros(shape);
    }

    /// <summary>Forward over reverse: the carries with their tangents, then the bodies' VJP graph with its tangents, backwards.</summary>
    internal override Tensor? Jvp(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<Tensor?> tangents)
    {
        var body = Scan.Body;
        var (topology, slots) = (body.CarryTopology, body.CarrySlots);
        var (first, parameters) = (Scan.FirstParameter, body.Parameters.Length);
        Tensor? sequence = Scan.HasSequence ? arguments[1] : null, sequenceTangent = Scan.HasSequence ? tangents[1] : null;
        var carryInputs = new Tensor[topology.InputNames.Length];
        var carryTangents = new Tensor?[carryInputs.Length];
        for (var j = 0; j < parameters; j++) Set(carryInputs, carryTangents, slots.Parameters[j], arguments[first + j], tangents[first + j]);
        // Forward: every step's carry and its tangent.
        var trajectory = new (Tensor Carry, Tensor? Tangent)[Scan.Count];
        var (carry, tangent) = (arguments[0], tangents[0]);
        for (var t = 0; t < Scan.Count; t++)
        {
            trajectory[t] = (carry, tangent);
            Set(carryInputs, carryTangents, slots.Carry, carry, tangent);
            if (sequence is { } rows) Set(carryInputs, carryTangents, slots.Slice, ScanStepper.Row(rows, t), Row(sequenceTangent, t));
            var nodes = TensorSweeps.Values(topology, carryInputs);
            tangent = TensorSweeps.Tangents(topology, nodes, carryTangents);
            carry = nodes[^1];
        }
        // Backward: the bodies' VJP graph at (c_t, x_t, p; ḡ_{t+1}, ȳ_t) with tangents, from a zero cotangent after the last step.
        var slice = SliceIsRead ? 1 : -1;
        var offset = SliceIsRead ? 2 : 1;
        var values = new Tensor[offset + parameters + 2];
        var inputTangents = new Tensor?[values.Length];
        for (var j = 0; j < parameters; j++) (values[offset + j], inputTangents[offset + j]) = (arguments[first + j], tangents[first + j]);
        var (g, gTangent) = (Tensor.Zeros(body.CarryShape), (Tensor?)null);
        var (seed, seedTangent) = (arguments[^1], tangents[^1]);
        var sliceTangents = new Tensor?[Scan.Count];
        var sum = new CotangentSum();
        var vjp = Scan.BodyVjp;
        for (var t = Scan.Count - 1; t >= 0; t--)
        {
            (values[0], inputTangents[0]) = trajectory[t];
            if (slice >= 0) (values[slice], inputTangents[slice]) = (ScanStepper.Row(sequence!.Value, t), Row(sequenceTangent, t));
            (values[^2], inputTangents[^2]) = (g, gTangent);
            (values[^1], inputTangents[^1]) = (ScanStepper.Row(seed, t), Row(seedTangent, t));
            var (pulled, pulledTangents) = vjp.Pull(values, inputTangents);
            if (Argument >= first) sum.Add(pulledTangents[offset + Argument - first]);
            else if (Argument > 0 && slice >= 0) sliceTangents[t] = pulledTangents[slice];
            (g, gTangent) = (pulled[0], pulledTangents[0]);
        }
        if (Argument == 0) return gTangent;
        if (Argument >= first) return sum.Total;
        return slice >= 0 && sliceTangents.Any(s => s is not null) ? ScanStepper.Stack(sliceTangents, body.SliceShape!.Value) : null;

        static Tensor? Row(Tensor? stacked, int t) => stacked is { } rows ? ScanStepper.Row(rows, t) : null;

        static void Set(Tensor[] inputs, Tensor?[] inputTangents, int slot, Tensor value, Tensor? tangent)
        {
            if (slot < 0) return;
            inputs[slot] = value;
            inputTangents[slot] = tangent;
        }
    }

    internal override void Vjp(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, ReadOnlySpan<bool> wanted, Span<Tensor?> cotangents) =>
        throw ThirdOrder();

    internal override void VjpGraph(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents) => throw ThirdOrder();

    private NotSupportedException ThirdOrder() => new(
        $"The cotangent of {ArgumentName} of the loop 'scan' ({Scan.Count} steps) cannot be differentiated in reverse mode: " +
        "gradient graphs of loops have second derivatives (Hessians, Hessian-vector products, forward mode) but no third; " +
        "differentiate the gradient graph in forward mode instead.");
}
