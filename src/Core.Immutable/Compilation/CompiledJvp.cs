using System.Buffers;
using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A graph compiled (<see cref="Forward.Compile"/>) to return its value and a directional derivative: the same
/// numbers as <see cref="Forward.Jvp(Expr, Bindings, Bindings)"/>, bit for bit. A scalar graph becomes straight-line
/// code; a tensor graph a plan whose node buffers are allocated once per thread and reused. Immutable and safe to
/// call from several threads at once.
/// </summary>
public sealed unsafe class CompiledJvp
{
    private readonly Topology topology;
    private readonly double? constant;
    private readonly ChunkProgram? program;
    private readonly TensorPlan? plan;

    internal CompiledJvp(Topology topology)
    {
        this.topology = topology;
        Inputs = topology.InputNames;
        if (topology.HasTensors)
        {
            plan = new TensorPlan(topology);
            return;
        }
        constant = topology.Nodes[^1] is ConstantNode c ? c.Number : null;
        program = constant is null ? Compiler.Jvp(topology) : null;
    }

    /// <summary>The plan of a tensor graph; null for a scalar one.</summary>
    internal TensorPlan? Plan => plan;

    /// <summary>The graph's input names in ordinal order: the order of the spans of <see cref="Invoke(ReadOnlySpan{double}, ReadOnlySpan{double})"/>.</summary>
    public ImmutableArray<string> Inputs { get; }

    /// <summary>
    /// The value at <paramref name="at"/> and the derivative J·v along <paramref name="direction"/> (input names to
    /// tangents of the inputs' shapes; a name left out has tangent zero). The tensors handed out are never written
    /// again, by this call or a later one.
    /// </summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding or a tangent does not have its input's shape.</exception>
    /// <exception cref="ArgumentException"><paramref name="direction"/> names an input the graph does not have.</exception>
    public ValueAndTangent<Tensor> Invoke(Bindings at, Bindings direction)
    {
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(direction);
        if (plan is not null) return plan.Jvp(at, direction);
        var result = Invoke(topology.Bind(at), topology.Seeds(direction));
        return new(result.Value, result.Tangent);
    }

    /// <summary>
    /// The value at <paramref name="inputs"/> and the derivative along <paramref name="direction"/>; both hold one
    /// number per input, in the order of <see cref="Inputs"/> (ordinal order of the names). Allocates nothing: the
    /// result is a struct.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length differs from the number of inputs.</exception>
    /// <exception cref="InvalidOperationException">The graph has tensor nodes: call <see cref="Invoke(Bindings, Bindings)"/>.</exception>
    public ValueAndTangent<double> Invoke(ReadOnlySpan<double> inputs, ReadOnlySpan<double> direction)
    {
        RequireScalarGraph();
        CheckLength(inputs.Length, nameof(inputs));
        CheckLength(direction.Length, nameof(direction));
        if (plan is not null)
        {
            var (bound, moved) = (new KeyValuePair<string, Tensor>[Inputs.Length], new KeyValuePair<string, Tensor>[Inputs.Length]);
            for (var k = 0; k < bound.Length; k++)
            {
                bound[k] = KeyValuePair.Create(Inputs[k], (Tensor)inputs[k]);
                moved[k] = KeyValuePair.Create(Inputs[k], (Tensor)direction[k]);
            }
            var result = plan.Jvp(Bindings.From(bound), Bindings.From(moved));
            return new(result.Value.ToScalar(), result.Tangent.ToScalar());
        }
        if (constant is { } c) return new(c, 0);
        var p = program!;
        var pool = ArrayPool<double>.Shared;
        // One buffer for both: a second rented array of the same size would come from the shared pool, not the thread's.
        var buffer = pool.Rent(2 * p.Length);
        try
        {
            fixed (double* pv = buffer)
            {
                var pt = pv + p.Length;
                p.Gather(inputs, pv);
                p.Gather(direction, pt);
                p.Run(pv, pt);
                return new(pv[p.Output], pt[p.Output]);
            }
        }
        finally
        {
            pool.Return(buffer);
        }
    }

    private void RequireScalarGraph()
    {
        if (plan is not null && !(plan.HasScalarInputs && topology.Nodes[^1].Shape.IsScalar))
            throw new InvalidOperationException(
                $"This compiled JVP is of a tensor graph (inputs: {plan.DescribeInputs()}); call Invoke(Bindings, Bindings).");
    }

    private void CheckLength(int length, string name)
    {
        if (length != Inputs.Length)
            throw new ArgumentException(
                $"The compiled JVP takes {Inputs.Length} numbers, one per input in the order [{NamedValues.ListNames(Inputs)}], but '{name}' has {length}.",
                name);
    }
}
