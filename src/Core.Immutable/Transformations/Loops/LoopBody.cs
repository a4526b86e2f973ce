using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A loop's body graph laid out once: its carry's input slot, its other inputs (the parameters it closes over, bound to
/// the loop node's further arguments in ordinal name order) and whether it runs on the scalar interpreter.
/// </summary>
internal sealed class LoopBody
{
    public LoopBody(Expr graph, string carry)
    {
        Graph = graph;
        Carry = carry;
        Topology = graph.Topology;
        CarrySlot = Topology.InputNames.IndexOf(carry);
        Parameters = [.. Topology.InputNames.Where(n => n != carry)];
        var shapes = TensorSweeps.InputShapes(Topology);
        CarryShape = CarrySlot >= 0 ? shapes[CarrySlot] : graph.Shape;
        ParameterShapes = [.. shapes.Where((_, slot) => slot != CarrySlot)];
        IsScalar = !Topology.HasTensors;
        sweeps = new(CompileSweeps);
    }

    /// <summary>The body: the new carry from the carry and the parameters.</summary>
    public Expr Graph { get; }

    /// <summary>The name of the body's input that is the carry.</summary>
    public string Carry { get; }

    public Topology Topology { get; }

    /// <summary>The carry's slot among the body's inputs; −1 when the body does not read it.</summary>
    public int CarrySlot { get; }

    /// <summary>The body's other inputs, in ordinal order: the loop node's arguments after the initial carry.</summary>
    public ImmutableArray<string> Parameters { get; }

    public Shape CarryShape { get; }

    public ImmutableArray<Shape> ParameterShapes { get; }

    /// <summary>Whether the body is a scalar graph that the interpreter runs on a <c>double[]</c>, with nothing allocated per step.</summary>
    public bool IsScalar { get; }

    /// <summary>
    /// The body's forward and backward sweeps compiled to straight-line code (<see cref="Compiler.Sweeps"/>), on first
    /// use; null when the body is not a scalar graph of the compiler's primitives, or is a constant. Their numbers are
    /// the interpreter's, bit for bit.
    /// </summary>
    public (ChunkProgram Forward, ChunkProgram Backward)? CompiledSweeps => sweeps.Value;

    private readonly Lazy<(ChunkProgram, ChunkProgram)?> sweeps;

    private (ChunkProgram, ChunkProgram)? CompileSweeps()
    {
        if (!IsScalar || Compiler.IsConstant(Topology, Topology.Count - 1)) return null;
        foreach (var node in Topology.Nodes)
            if (node is ApplyNode { Primitive.Raw: null }) return null;
        return Compiler.Sweeps(Topology);
    }

    /// <summary>The body's input slot of parameter <paramref name="j"/>.</summary>
    public int SlotOf(int j) => CarrySlot < 0 || j < CarrySlot ? j : j + 1;
}
