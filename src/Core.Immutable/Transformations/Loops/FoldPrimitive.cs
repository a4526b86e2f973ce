using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// <c>fold</c>: a body graph applied <see cref="Count"/> times to a carry, from the initial carry (the first argument),
/// with the body's other inputs bound to the further arguments, one per <see cref="LoopBody.Parameters"/>. A scalar
/// body runs on the interpreter, any other on the tensor sweeps. Forward mode pushes the tangent through the body step by
/// step; reverse mode keeps checkpoints as <see cref="ReverseOptions"/> asks and pulls back through the body's VJP.
/// Two folds are equal when their counts, carry names and bodies are.
/// </summary>
/// <remarks>
/// A bounded while loop (<c>while</c>) is a fold of at most <see cref="Count"/> steps whose body is
/// <c>where(condition, step, carry)</c>, with the <see cref="Condition"/> also checked before each step: the loop stops at
/// the first carry that fails it. The steps it would take after that leave the carry as it is, value and derivatives
/// alike (the <c>where</c> passes them through unchanged), so stopping early changes no result, only the work.
/// </remarks>
internal sealed class FoldPrimitive : Primitive, ILoopPrimitive
{
    public FoldPrimitive(Expr body, string carry, int count, Expr? condition = null)
    {
        Body = new LoopBody(body, carry);
        Count = count;
        bodyVjp = new(() => new BodyVjp([Body.Graph], [(Body.Carry, Body.CarryShape), .. Body.Parameters.Select((n, j) => (n, Body.ParameterShapes[j]))]));
        var loop = condition is null ? "Fold" : "While";
        if (Body.CarryShape != body.Shape)
            throw new ShapeMismatchException(loop,
                $"{loop}: the body must return a new carry of the carry's shape {Body.CarryShape}, but it returns shape {body.Shape}.");
        if (condition is null) return;
        if (!condition.Shape.IsScalar)
            throw new ShapeMismatchException(loop, $"While: the condition must be a number, but it has shape {condition.Shape}.");
        Condition = new LoopBody(condition, carry);
        conditionArguments = [.. Condition.Parameters.Select(name => Body.Parameters.IndexOf(name))];
    }

    /// <summary>The argument of each of the condition's parameters, among the body's (which include them).</summary>
    private readonly int[] conditionArguments = [];

    public LoopBody Body { get; }

    /// <summary>With a while loop: what must hold (be non-zero) for a step to be taken.</summary>
    public LoopBody? Condition { get; }

    /// <summary>The number of steps; with a while loop, the most.</summary>
    public int Count { get; }

    public override string Name => Condition is null ? "fold" : "while";

    public override int Arity => 1 + Body.Parameters.Length;

    public override ImmutableArray<double> Parameters => [Count];

    public ImmutableArray<(string Label, Expr Graph)> Bodies => [("new " + Body.Carry, Body.Graph)];

    /// <summary>After the arguments: the count and the body, <c>fold(x0, a, 5 steps, carry => sin(carry) * a)</c>.</summary>
    internal override string PrintedParameters =>
        $", {Count} steps{(Condition is null ? "" : " at most")}, {Body.Carry} => {ExprPrinter.Print(Body.Graph, ExprPrinter.DefaultMaxLength)}";

    /// <summary>The loop over a body sized as the graph: a carry or parameter of the free batch dimension N gets its size.</summary>
    internal override Primitive WithBatchSize(int size) =>
        Body.Graph.Topology.HasFreeBatch || (Condition?.Graph.Topology.HasFreeBatch ?? false)
            ? new FoldPrimitive(Graph.WithBatchSize(Body.Graph, size), Body.Carry, Count, Condition is null ? null : Graph.WithBatchSize(Condition.Graph, size))
            : this;

    private protected override bool SameDefinition(Primitive other) =>
        other is FoldPrimitive f && f.Body.Carry == Body.Carry && f.Body.Graph.Equals(Body.Graph) && Equals(f.Condition?.Graph, Condition?.Graph);

    private protected override int DefinitionHash => HashCode.Combine(Body.Carry, Body.Graph.GetHashCode(), Condition?.Graph.GetHashCode() ?? 0);

    internal override Shape OutputShape(ReadOnlySpan<Shape> arguments)
    {
        if (arguments[0] != Body.CarryShape)
            throw new ShapeMismatchException("Fold", $"Fold: the initial carry has shape {arguments[0]}, but the body's carry '{Body.Carry}' has shape {Body.CarryShape}.");
        for (var j = 0; j < Body.Parameters.Length; j++)
        {
            if (arguments[1 + j] != Body.ParameterShapes[j])
                throw new ShapeMismatchException("Fold",
                    $"Fold: the body's input '{Body.Parameters[j]}' has shape {Body.ParameterShapes[j]}, but it is bound to a node of shape {arguments[1 + j]}.");
        }
        return Body.CarryShape;
    }

    internal override Tensor Value(ReadOnlySpan<Tensor> arguments, Shape shape)
    {
        if (Body.IsScalar)
        {
            var stepper = new ScalarStepper(Body, Scalars(arguments[1..]), Count);
            var x = arguments[0].ToScalar();
            var proceed = ScalarCondition(arguments);
            for (var k = 0; k < Count && (proceed is null || proceed(x)); k++) x = stepper.Step(x);
            return x;
        }
        var tensors = new TensorStepper(Body, arguments[1..], [], ReverseOptions.Default);
        var carry = arguments[0];
        var holds = TensorCondition(arguments);
        for (var k = 0; k < Count && (holds is null || holds(carry)); k++) carry = tensors.Step(carry);
        return carry;
    }

    /// <summary>The tangent pushed through the body step by step, with the parameters' tangents fixed.</summary>
    internal override Tensor? Jvp(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<Tensor?> tangents)
    {
        var topology = Body.Topology;
        var carrySlot = Body.CarrySlot;
        if (Body.IsScalar)
        {
            var inputs = new double[topology.InputNames.Length];
            var inputTangents = new double[inputs.Length];
            for (var j = 0; j < Body.Parameters.Length; j++)
            {
                inputs[Body.SlotOf(j)] = arguments[1 + j].ToScalar();
                inputTangents[Body.SlotOf(j)] = tangents[1 + j]?.ToScalar() ?? 0;
            }
            double[] values = new double[topology.Count], nodeTangents = new double[topology.Count];
            double x = arguments[0].ToScalar(), dx = tangents[0]?.ToScalar() ?? 0;
            var proceed = ScalarCondition(arguments);
            for (var k = 0; k < Count && (proceed is null || proceed(x)); k++)
            {
                if (carrySlot >= 0) (inputs[carrySlot], inputTangents[carrySlot]) = (x, dx);
                Interpreter.Values(topology, inputs, values);
                dx = Interpreter.Tangents(topology, values, inputTangents, nodeTangents);
                x = values[^1];
            }
            return dx;
        }
        var tensorInputs = new Tensor[topology.InputNames.Length];
        var tensorTangents = new Tensor?[tensorInputs.Length];
        for (var j = 0; j < Body.Parameters.Length; j++)
        {
            tensorInputs[Body.SlotOf(j)] = arguments[1 + j];
            tensorTangents[Body.SlotOf(j)] = tangents[1 + j];
        }
        var (carry, tangent) = (arguments[0], tangents[0]);
        var holds = TensorCondition(arguments);
        for (var k = 0; k < Count && (holds is null || holds(carry)); k++)
        {
            if (carrySlot >= 0) (tensorInputs[carrySlot], tensorTangents[carrySlot]) = (carry, tangent);
            var values = TensorSweeps.Values(topology, tensorInputs);
            tangent = TensorSweeps.Tangents(topology, values, tensorTangents);
            carry = values[^1];
        }
        return tangent;
    }

    internal override Tensor ValueForVjp(ReadOnlySpan<Tensor> arguments, Shape shape, ReverseOptions options, out object? saved)
    {
        if (Body.IsScalar)
        {
            var stepper = new ScalarStepper(Body, Scalars(arguments[1..]), Count);
            var last = LoopSchedule<double>.Forward<double, ScalarStepper>(ref stepper, arguments[0].ToScalar(), Count, options, ScalarCondition(arguments), out var schedule);
            saved = new Saved(options, schedule);
            return last;
        }
        var tensors = new TensorStepper(Body, arguments[1..], [], options);
        var carry = LoopSchedule<Tensor>.Forward<Tensor?, TensorStepper>(ref tensors, arguments[0], Count, options, TensorCondition(arguments), out var tensorSchedule);
        saved = new Saved(options, tensorSchedule);
        return carry;
    }

    internal override void Vjp(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, ReadOnlySpan<bool> wanted, Span<Tensor?> cotangents) =>
        VjpFromSaved(arguments, output, cotangent, wanted, cotangents, null);

    internal override void VjpFromSaved(
        ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, ReadOnlySpan<bool> wanted, Span<Tensor?> cotangents, object? saved)
    {
        var (options, schedule) = saved is Saved s ? (s.Options, s.Schedule) : (ReverseOptions.Default, null);
        if (Body.IsScalar)
        {
            var stepper = new ScalarStepper(Body, Scalars(arguments[1..]), Count);
            if (schedule is not LoopSchedule<double> scalarSchedule)
                LoopSchedule<double>.Forward<double, ScalarStepper>(ref stepper, arguments[0].ToScalar(), Count, options, ScalarCondition(arguments), out scalarSchedule);
            var g = scalarSchedule.Backward<double, ScalarStepper>(ref stepper, cotangent.ToScalar());
            if (wanted[0]) cotangents[0] = g;
            for (var j = 0; j < Body.Parameters.Length; j++)
                if (wanted[1 + j]) cotangents[1 + j] = stepper.InputAdjoints[Body.SlotOf(j)];
            return;
        }
        var tensors = new TensorStepper(Body, arguments[1..], wanted[1..], options);
        if (schedule is not LoopSchedule<Tensor> tensorSchedule)
            LoopSchedule<Tensor>.Forward<Tensor?, TensorStepper>(ref tensors, arguments[0], Count, options, TensorCondition(arguments), out tensorSchedule);
        var tensorCotangent = tensorSchedule.Backward<Tensor?, TensorStepper>(ref tensors, cotangent);
        if (wanted[0]) cotangents[0] = tensorCotangent;
        for (var j = 0; j < Body.Parameters.Length; j++)
            if (wanted[1 + j]) cotangents[1 + j] = tensors.InputCotangent(Body.SlotOf(j));
    }

    /// <summary>
    /// Each argument's cotangent as a node of its own (<see cref="FoldCotangentPrimitive"/>) over the fold's arguments and
    /// the output's cotangent: its value is this loop's reverse sweep, its JVP forward over reverse through the body, so
    /// gradient graphs, Hessians and Hessian-vector products of graphs with folds and while loops work.
    /// </summary>
    internal override void VjpGraph(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents)
    {
        for (var k = 0; k < arguments.Length; k++) cotangents[k] = Expr.Apply(new FoldCotangentPrimitive(this, k), [.. arguments, cotangent]);
    }

    /// <summary>The body's VJP as a graph (carry, then parameters), built when a second-order rule first needs it.</summary>
    internal BodyVjp BodyVjp => bodyVjp.Value;

    private readonly Lazy<BodyVjp> bodyVjp;

    /// <summary>With a while loop on the interpreter: whether the condition holds at a carry (NaN holds, as in <c>where</c>).</summary>
    internal Func<double, bool>? ScalarCondition(ReadOnlySpan<Tensor> arguments)
    {
        if (Condition is null) return null;
        var stepper = new ScalarStepper(Condition, Scalars(ConditionParameters(arguments)));
        return carry => stepper.Step(carry) != 0;
    }

    /// <summary>With a while loop on the tensor sweeps: whether the condition holds at a carry.</summary>
    internal Func<Tensor, bool>? TensorCondition(ReadOnlySpan<Tensor> arguments)
    {
        if (Condition is null) return null;
        var stepper = new TensorStepper(Condition, ConditionParameters(arguments), [], ReverseOptions.Default);
        return carry => stepper.Step(carry).ToScalar() != 0;
    }

    private Tensor[] ConditionParameters(ReadOnlySpan<Tensor> arguments)
    {
        var parameters = new Tensor[conditionArguments.Length];
        for (var j = 0; j < parameters.Length; j++) parameters[j] = arguments[1 + conditionArguments[j]];
        return parameters;
    }

    private static double[] Scalars(ReadOnlySpan<Tensor> tensors)
    {
        var numbers = new double[tensors.Length];
        for (var j = 0; j < numbers.Length; j++) numbers[j] = tensors[j].ToScalar();
        return numbers;
    }

    /// <summary>What the forward sweep kept for the VJP: the options it kept it by, and the schedule with the checkpoints.</summary>
    private sealed record Saved(ReverseOptions Options, object Schedule);
}
