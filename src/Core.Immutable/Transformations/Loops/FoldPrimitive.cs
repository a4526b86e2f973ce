using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// <c>fold</c>: a body graph applied <see cref="Count"/> times to a carry, from the initial carry (the first argument),
/// with the body's other inputs bound to the further arguments, one per <see cref="LoopBody.Parameters"/>. A scalar
/// body runs on the interpreter, any other on the tensor sweeps. Forward mode pushes the tangent through the body step by
/// step; reverse mode keeps checkpoints as <see cref="ReverseOptions"/> asks and pulls back through the body's VJP.
/// Two folds are equal when their counts, carry names and bodies are.
/// </summary>
internal sealed class FoldPrimitive : Primitive
{
    public FoldPrimitive(Expr body, string carry, int count)
    {
        Body = new LoopBody(body, carry);
        Count = count;
        if (Body.CarryShape != body.Shape)
            throw new ShapeMismatchException("Fold",
                $"Fold: the body must return a new carry of the carry's shape {Body.CarryShape}, but it returns shape {body.Shape}.");
    }

    public LoopBody Body { get; }

    /// <summary>The number of steps.</summary>
    public int Count { get; }

    public override string Name => "fold";

    public override int Arity => 1 + Body.Parameters.Length;

    public override ImmutableArray<double> Parameters => [Count];

    private protected override bool SameDefinition(Primitive other) =>
        other is FoldPrimitive f && f.Body.Carry == Body.Carry && f.Body.Graph.Equals(Body.Graph);

    private protected override int DefinitionHash => HashCode.Combine(Body.Carry, Body.Graph.GetHashCode());

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
            var stepper = new ScalarStepper(Body, Scalars(arguments[1..]));
            var x = arguments[0].ToScalar();
            for (var k = 0; k < Count; k++) x = stepper.Step(x);
            return x;
        }
        var tensors = new TensorStepper(Body, arguments[1..], [], ReverseOptions.Default);
        var carry = arguments[0];
        for (var k = 0; k < Count; k++) carry = tensors.Step(carry);
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
            for (var k = 0; k < Count; k++)
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
        for (var k = 0; k < Count; k++)
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
            var stepper = new ScalarStepper(Body, Scalars(arguments[1..]));
            var last = LoopSchedule<double>.Forward<double, ScalarStepper>(ref stepper, arguments[0].ToScalar(), Count, options, out var schedule);
            saved = new Saved(options, schedule);
            return last;
        }
        var tensors = new TensorStepper(Body, arguments[1..], [], options);
        var carry = LoopSchedule<Tensor>.Forward<Tensor?, TensorStepper>(ref tensors, arguments[0], Count, options, out var tensorSchedule);
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
            var stepper = new ScalarStepper(Body, Scalars(arguments[1..]));
            if (schedule is not LoopSchedule<double> scalarSchedule)
                LoopSchedule<double>.Forward<double, ScalarStepper>(ref stepper, arguments[0].ToScalar(), Count, options, out scalarSchedule);
            var g = scalarSchedule.Backward<double, ScalarStepper>(ref stepper, cotangent.ToScalar());
            if (wanted[0]) cotangents[0] = g;
            for (var j = 0; j < Body.Parameters.Length; j++)
                if (wanted[1 + j]) cotangents[1 + j] = stepper.InputAdjoints[Body.SlotOf(j)];
            return;
        }
        var tensors = new TensorStepper(Body, arguments[1..], wanted[1..], options);
        if (schedule is not LoopSchedule<Tensor> tensorSchedule)
            LoopSchedule<Tensor>.Forward<Tensor?, TensorStepper>(ref tensors, arguments[0], Count, options, out tensorSchedule);
        var tensorCotangent = tensorSchedule.Backward<Tensor?, TensorStepper>(ref tensors, cotangent);
        if (wanted[0]) cotangents[0] = tensorCotangent;
        for (var j = 0; j < Body.Parameters.Length; j++)
            if (wanted[1 + j]) cotangents[1 + j] = tensors.InputCotangents[Body.SlotOf(j)];
    }

    internal override void VjpGraph(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents) =>
        throw new NotSupportedException(
            $"Gradient graphs (Reverse.GradGraph, and the Hessians and Hessian-vector products built on them) of the loop 'fold' ({Count} steps) " +
            "are not supported yet; differentiate it with Reverse.Grad or Forward.Jvp, which run its body step by step.");

    private static double[] Scalars(ReadOnlySpan<Tensor> tensors)
    {
        var numbers = new double[tensors.Length];
        for (var j = 0; j < numbers.Length; j++) numbers[j] = tensors[j].ToScalar();
        return numbers;
    }

    /// <summary>What the forward sweep kept for the VJP: the options it kept it by, and the schedule with the checkpoints.</summary>
    private sealed record Saved(ReverseOptions Options, object Schedule);
}
