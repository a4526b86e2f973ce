using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// <c>fold_vjp</c> (<c>while_vjp</c>): the cotangent of one argument of a fold (or bounded while loop), a node of a
/// gradient graph (<see cref="Reverse.GradGraph"/>) applied to the fold's arguments and the cotangent of its output. Its
/// value is the fold's reverse sweep, checkpointed by default (<see cref="FoldPrimitive.VjpFromSaved"/>). Its JVP is
/// forward over reverse: the tangent is pushed forward along the trajectory (x_k, ẋ_k), then back through the body's VJP
/// graph (<see cref="BodyVjp"/>) with its tangent, step by step from the last — the tangent of
/// ḡ_k = ∂f/∂x(x_k, p)ᵀ ḡ_{k+1} and of the parameters' sums Σ ∂f/∂p(x_k, p)ᵀ ḡ_{k+1}. So Hessians and Hessian-vector
/// products of graphs with loops are tangent sweeps over their gradient graphs, as for any other graph.
/// </summary>
/// <remarks>
/// The JVP keeps every step's carry and its tangent (memory of N states, no checkpointing: two numbers a step for a
/// scalar body, which runs on the interpreter); a while loop's condition is
/// held fixed, as in its first derivatives. Third order (the gradient graph of a gradient graph of a loop) is not written:
/// <see cref="VjpGraph"/> says so.
/// </remarks>
internal sealed class FoldCotangentPrimitive : Primitive, ILoopPrimitive
{
    public FoldCotangentPrimitive(FoldPrimitive fold, int argument)
    {
        Fold = fold;
        Argument = argument;
    }

    /// <summary>The fold differentiated.</summary>
    public FoldPrimitive Fold { get; }

    /// <summary>Which of the fold's arguments this is the cotangent of: 0 the initial carry, 1 + j parameter j.</summary>
    public int Argument { get; }

    private string ArgumentName => Argument == 0 ? "the initial carry" : $"'{Fold.Body.Parameters[Argument - 1]}'";

    public override string Name => Fold.Name + "_vjp";

    public override int Arity => Fold.Arity + 1;

    public override ImmutableArray<double> Parameters => [Fold.Count, Argument];

    public ImmutableArray<(string Label, Expr Graph)> Bodies => Fold.Bodies;

    /// <summary>After the arguments (the fold's, then the output's cotangent): the count, what it is the cotangent of, the body.</summary>
    internal override string PrintedParameters =>
        $", {Fold.Count} steps{(Fold.Condition is null ? "" : " at most")}, cotangent of {ArgumentName}, {Fold.Body.Carry} => " +
        ExprPrinter.Print(Fold.Body.Graph, ExprPrinter.DefaultMaxLength);

    private protected override bool SameDefinition(Primitive other) =>
        other is FoldCotangentPrimitive f && f.Argument == Argument && f.Fold.Equals(Fold);

    private protected override int DefinitionHash => HashCode.Combine(Fold.GetHashCode(), Argument);

    internal override Shape OutputShape(ReadOnlySpan<Shape> arguments)
    {
        var carry = Fold.OutputShape(arguments[..^1]);
        if (arguments[^1] != carry)
            throw new ShapeMismatchException(Name, $"{Name}: the cotangent of the loop's output has shape {arguments[^1]}, but the output has shape {carry}.");
        return arguments[Argument];
    }

    internal override Tensor Value(ReadOnlySpan<Tensor> arguments, Shape shape)
    {
        var wanted = new bool[Fold.Arity];
        wanted[Argument] = true;
        var cotangents = new Tensor?[Fold.Arity];
        Fold.VjpFromSaved(arguments[..^1], arguments[^1], arguments[^1], wanted, cotangents, null);
        return cotangents[Argument] ?? Tensor.Zeros(shape);
    }

    /// <summary>Forward over reverse: the trajectory with its tangents, then the body's VJP graph with its tangents, backwards.</summary>
    internal override Tensor? Jvp(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<Tensor?> tangents)
    {
        if (Fold.Body.IsScalar && Fold.BodyVjp.IsScalar) return ScalarJvp(arguments, tangents);
        var body = Fold.Body;
        var parameters = body.Parameters.Length;
        var (topology, carrySlot) = (body.Topology, body.CarrySlot);
        var bodyInputs = new Tensor[topology.InputNames.Length];
        var bodyTangents = new Tensor?[bodyInputs.Length];
        for (var j = 0; j < parameters; j++)
        {
            bodyInputs[body.SlotOf(j)] = arguments[1 + j];
            bodyTangents[body.SlotOf(j)] = tangents[1 + j];
        }
        // Forward: every step's carry and its tangent.
        var trajectory = new List<(Tensor Carry, Tensor? Tangent)>();
        var (carry, tangent) = (arguments[0], tangents[0]);
        var holds = Fold.TensorCondition(arguments[..^1]);
        for (var k = 0; k < Fold.Count && (holds is null || holds(carry)); k++)
        {
            trajectory.Add((carry, tangent));
            if (carrySlot >= 0) (bodyInputs[carrySlot], bodyTangents[carrySlot]) = (carry, tangent);
            var nodes = TensorSweeps.Values(topology, bodyInputs);
            tangent = TensorSweeps.Tangents(topology, nodes, bodyTangents);
            carry = nodes[^1];
        }
        // Backward: the body's VJP graph at (x_k, p, ḡ_{k+1}) with tangents (ẋ_k, ṗ, ġ_{k+1}).
        var vjp = Fold.BodyVjp;
        var values = new Tensor[parameters + 2];
        var inputTangents = new Tensor?[values.Length];
        for (var j = 0; j < parameters; j++) (values[1 + j], inputTangents[1 + j]) = (arguments[1 + j], tangents[1 + j]);
        var (g, gTangent) = (arguments[^1], tangents[^1]);
        var sum = new CotangentSum();
        for (var k = trajectory.Count - 1; k >= 0; k--)
        {
            (values[0], inputTangents[0]) = trajectory[k];
            (values[^1], inputTangents[^1]) = (g, gTangent);
            var (pulled, pulledTangents) = vjp.Pull(values, inputTangents);
            if (Argument > 0) sum.Add(pulledTangents[Argument]);
            (g, gTangent) = (pulled[0], pulledTangents[0]);
        }
        return Argument == 0 ? gTangent : sum.Total;
    }

    /// <summary>The same on the interpreter, for a scalar body: the trajectory in two arrays of numbers, nothing allocated per step.</summary>
    private double ScalarJvp(ReadOnlySpan<Tensor> arguments, ReadOnlySpan<Tensor?> tangents)
    {
        var body = Fold.Body;
        var parameters = body.Parameters.Length;
        var (topology, carrySlot) = (body.Topology, body.CarrySlot);
        var bodyInputs = new double[topology.InputNames.Length];
        var bodyTangents = new double[bodyInputs.Length];
        var pull = Fold.BodyVjp.Scalar();
        for (var j = 0; j < parameters; j++)
        {
            var (value, tangent) = (arguments[1 + j].ToScalar(), tangents[1 + j]?.ToScalar() ?? 0);
            (bodyInputs[body.SlotOf(j)], bodyTangents[body.SlotOf(j)]) = (value, tangent);
            pull.Set(1 + j, value, tangent);
        }
        // Forward: every step's carry and its tangent.
        var (carries, carryTangents) = (new List<double>(), new List<double>());
        double x = arguments[0].ToScalar(), dx = tangents[0]?.ToScalar() ?? 0;
        double[] nodes = new double[topology.Count], nodeTangents = new double[topology.Count];
        var proceed = Fold.ScalarCondition(arguments[..^1]);
        for (var k = 0; k < Fold.Count && (proceed is null || proceed(x)); k++)
        {
            carries.Add(x);
            carryTangents.Add(dx);
            if (carrySlot >= 0) (bodyInputs[carrySlot], bodyTangents[carrySlot]) = (x, dx);
            Interpreter.Values(topology, bodyInputs, nodes);
            dx = Interpreter.Tangents(topology, nodes, bodyTangents, nodeTangents);
            x = nodes[^1];
        }
        // Backward: the body's VJP graph at (x_k, p, ḡ_{k+1}) with tangents (ẋ_k, ṗ, ġ_{k+1}).
        double g = arguments[^1].ToScalar(), dg = tangents[^1]?.ToScalar() ?? 0, sum = 0;
        for (var k = carries.Count - 1; k >= 0; k--)
        {
            pull.Set(0, carries[k], carryTangents[k]);
            pull.Set(parameters + 1, g, dg);
            pull.Run();
            if (Argument > 0) sum += pull.Tangent(Argument);
            (g, dg) = (pull.Cotangent(0), pull.Tangent(0));
        }
        return Argument == 0 ? dg : sum;
    }

    internal override void Vjp(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, ReadOnlySpan<bool> wanted, Span<Tensor?> cotangents) =>
        throw ThirdOrder();

    internal override void VjpGraph(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents) => throw ThirdOrder();

    private NotSupportedException ThirdOrder() => new(
        $"The cotangent of {ArgumentName} of the loop '{Fold.Name}' ({Fold.Count} steps{(Fold.Condition is null ? "" : " at most")}) cannot be " +
        "differentiated in reverse mode: gradient graphs of loops have second derivatives (Hessians, Hessian-vector products, " +
        "forward mode) but no third; differentiate the gradient graph in forward mode instead.");
}
