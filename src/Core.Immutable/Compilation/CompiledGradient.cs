using System.Buffers;
using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A graph compiled (<see cref="Reverse.Compile(Expr)"/>) to return its value and its gradient: the same numbers as
/// <see cref="Reverse.ValueAndGrad(Expr, Bindings)"/>, bit for bit. A scalar graph becomes straight-line code; a tensor graph a plan whose node buffers are allocated
/// once per thread and reused. Immutable and safe to call from several threads at once.
/// </summary>
public sealed unsafe class CompiledGradient
{
    private readonly Topology topology;
    private readonly double? constant;
    private readonly ChunkProgram? program;
    private readonly TensorPlan? plan;

    internal CompiledGradient(Topology topology)
    {
        this.topology = topology;
        Inputs = topology.InputNames;
        WithRespectTo = Inputs;
        if (topology.HasTensors)
        {
            plan = new TensorPlan(topology);
            return;
        }
        constant = topology.Nodes[^1] is ConstantNode c ? c.Number : null;
        program = constant is null ? Compiler.Gradient(topology) : null;
    }

    /// <summary>A plan over the inputs <paramref name="wanted"/> marks (by slot) only, on the tensor sweeps (<see cref="Reverse.Compile(Expr, IEnumerable{string})"/>).</summary>
    internal CompiledGradient(Topology topology, bool[] wanted)
    {
        this.topology = topology;
        Inputs = topology.InputNames;
        WithRespectTo = [.. Inputs.Where((_, slot) => wanted[slot])];
        plan = new TensorPlan(topology, wanted);
    }

    /// <summary>The compiled chunks; null for a constant graph.</summary>
    internal ChunkProgram? Program => program;

    /// <summary>The plan of a tensor graph; null for a scalar one.</summary>
    internal TensorPlan? Plan => plan;

    /// <summary>The graph's input names in ordinal order: the order of the arrays of <see cref="Invoke(ReadOnlySpan{double}, Span{double})"/>.</summary>
    public ImmutableArray<string> Inputs { get; }

    /// <summary>
    /// The inputs whose gradients <see cref="Invoke(Bindings)"/> returns, in ordinal order: every input, or those named
    /// to <see cref="Reverse.Compile(Expr, IEnumerable{string})"/>.
    /// </summary>
    public ImmutableArray<string> WithRespectTo { get; }

    /// <summary>
    /// The value and the gradient at <paramref name="at"/>: one tensor per input of <see cref="WithRespectTo"/>, of that
    /// input's shape. The tensors handed out are never written again, by this call or a later one.
    /// </summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's shape.</exception>
    public ValueAndGradient<double, Gradient> Invoke(Bindings at)
    {
        ArgumentNullException.ThrowIfNull(at);
        if (plan is not null) return plan.ValueAndGrad(at);
        var inputs = topology.Bind(at);
        var gradient = new double[Inputs.Length];
        var value = Invoke(inputs, gradient);
        return new(value, Gradient.Owning(Inputs, gradient));
    }

    /// <summary>
    /// The value at <paramref name="inputs"/>, with the gradient written into <paramref name="gradient"/>; both
    /// hold one number per input, in the order of <see cref="Inputs"/> (ordinal order of the names). Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length differs from the number of inputs.</exception>
    /// <exception cref="InvalidOperationException">The graph has tensor nodes: call <see cref="Invoke(Bindings)"/>.</exception>
    public double Invoke(ReadOnlySpan<double> inputs, Span<double> gradient)
    {
        RequireScalarGraph();
        CheckLength(inputs.Length, nameof(inputs));
        CheckLength(gradient.Length, nameof(gradient));
        if (plan is not null)
        {
            var names = Inputs;
            var bound = new KeyValuePair<string, Tensor>[names.Length];
            for (var k = 0; k < bound.Length; k++) bound[k] = KeyValuePair.Create(names[k], (Tensor)inputs[k]);
            var result = plan.ValueAndGrad(Bindings.From(bound));
            for (var k = 0; k < gradient.Length; k++) gradient[k] = result.Gradient[names[k]];
            return result.Value;
        }
        if (constant is { } c)
        {
            gradient.Clear();
            return c;
        }
        var p = program!;
        var pool = ArrayPool<double>.Shared;
        // One buffer for both: a second rented array of the same size would come from the shared pool, not the thread's.
        var buffer = pool.Rent(2 * p.Length);
        try
        {
            fixed (double* pv = buffer)
            {
                var pa = pv + p.Length;
                p.Gather(inputs, pv);
                p.Run(pv, pa);
                p.Scatter(pa, gradient);
                return pv[p.Output];
            }
        }
        finally
        {
            pool.Return(buffer);
        }
    }

    private void RequireScalarGraph()
    {
        if (WithRespectTo.Length != Inputs.Length)
            throw new InvalidOperationException(
                $"This gradient was compiled with respect to [{NamedValues.ListNames(WithRespectTo)}] only; call Invoke(Bindings), which returns their gradients by name.");
        if (plan is not null && !(plan.HasScalarInputs && topology.Nodes[^1].Shape.IsScalar))
            throw new InvalidOperationException(
                $"This compiled gradient is of a tensor graph (inputs: {plan.DescribeInputs()}); call Invoke(Bindings), which returns a tensor per input.");
    }

    private void CheckLength(int length, string name)
    {
        if (length != Inputs.Length)
            throw new ArgumentException(
                $"The compiled gradient takes {Inputs.Length} numbers, one per input in the order [{NamedValues.ListNames(Inputs)}], but '{name}' has {length}.",
                name);
    }
}
