using System.Buffers;
using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A graph compiled to straight-line code (<see cref="Reverse.Compile"/>) that returns its value and its
/// gradient: the same numbers as <see cref="Reverse.ValueAndGrad(Expr, Bindings)"/>, bit for bit, without interpreting the
/// graph. Immutable and safe to call from several threads at once.
/// </summary>
public sealed unsafe class CompiledGradient
{
    private readonly Topology topology;
    private readonly int count;
    private readonly double? constant;
    private readonly ChunkProgram? program;

    internal CompiledGradient(Topology topology)
    {
        this.topology = topology;
        count = topology.Count;
        Inputs = topology.InputNames;
        constant = topology.Nodes[^1] is ConstantNode c ? c.Value : null;
        program = constant is null ? Compiler.Gradient(topology) : null;
    }

    /// <summary>The graph's input names in ordinal order: the order of the arrays of <see cref="Invoke(ReadOnlySpan{double}, Span{double})"/>.</summary>
    public ImmutableArray<string> Inputs { get; }

    /// <summary>The value and the gradient at <paramref name="at"/>.</summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    public ValueAndGradient<Gradient> Invoke(Bindings at)
    {
        var inputs = topology.Bind(at);
        var gradient = new double[Inputs.Length];
        var value = Invoke(inputs, gradient);
        return new(value, new Gradient(Inputs, gradient));
    }

    /// <summary>
    /// The value at <paramref name="inputs"/>, with the gradient written into <paramref name="gradient"/>; both
    /// hold one number per input, in the order of <see cref="Inputs"/> (ordinal order of the names). Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length differs from the number of inputs.</exception>
    public double Invoke(ReadOnlySpan<double> inputs, Span<double> gradient)
    {
        CheckLength(inputs.Length, nameof(inputs));
        CheckLength(gradient.Length, nameof(gradient));
        if (constant is { } c)
        {
            gradient.Clear();
            return c;
        }
        var p = program!;
        var pool = ArrayPool<double>.Shared;
        double[] v = pool.Rent(count), a = pool.Rent(count);
        try
        {
            fixed (double* pv = v, pa = a)
            {
                // Each input's value at its node's position, the chunks, then each input node's adjoint into its
                // input's gradient, last node first, as the interpreter's backward sweep adds them.
                var positions = p.InputPositions;
                var slots = p.InputSlots;
                for (var k = 0; k < positions.Length; k++) pv[positions[k]] = inputs[slots[k]];
                var chunks = p.Chunks;
                var origins = p.Origins;
                for (var k = 0; k < chunks.Length; k++) chunks[k](pv + origins[k], pa + origins[k]);
                gradient.Clear();
                for (var k = 0; k < positions.Length; k++) gradient[slots[k]] += pa[positions[k]];
                return pv[count - 1];
            }
        }
        finally
        {
            pool.Return(v);
            pool.Return(a);
        }
    }

    private void CheckLength(int length, string name)
    {
        if (length != Inputs.Length)
            throw new ArgumentException(
                $"The compiled gradient takes {Inputs.Length} numbers, one per input in the order [{NamedValues.ListNames(Inputs)}], but '{name}' has {length}.",
                name);
    }
}
