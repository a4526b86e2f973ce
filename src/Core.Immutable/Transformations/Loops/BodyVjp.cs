using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A loop body's VJP as one graph, built once with <see cref="Reverse.GradGraph"/>: for body graphs b₁, b₂, … and
/// seeds u₁, u₂, … (new inputs of the bodies' shapes), the gradient of Σ sum(bᵢ ⊙ uᵢ) with respect to the body's inputs
/// is Σ ∂bᵢᵀ uᵢ, the cotangent each input receives from one step. A loop's second-order rules run it step by step
/// backwards with values and tangents (forward over reverse), as the gradient graph of the unrolled loop would.
/// </summary>
internal sealed class BodyVjp
{
    private readonly Topology layout;
    private readonly int[] outputs;
    private readonly int[] slots;

    /// <param name="bodies">The body graphs, each to be pulled back from a seed of its shape.</param>
    /// <param name="inputs">The inputs whose cotangents are wanted, with their shapes: an input no body reads gets zero.</param>
    public BodyVjp(IReadOnlyList<Expr> bodies, IReadOnlyList<(string Name, Shape Shape)> inputs)
    {
        var taken = bodies.SelectMany(b => Graph.Inputs(b)).Concat(inputs.Select(i => i.Name)).ToHashSet(StringComparer.Ordinal);
        var seeds = new string[bodies.Count];
        Expr? total = null;
        for (var b = 0; b < bodies.Count; b++)
        {
            var name = "cotangent";
            for (var k = 1; taken.Contains(name); k++) name = "cotangent" + k;
            taken.Add(seeds[b] = name);
            var weighted = bodies[b] * Expr.Input(name, bodies[b].Shape);
            var term = weighted.Shape.IsScalar ? weighted : Expr.Sum(weighted);
            total = total is null ? term : total + term;
        }
        Seeds = [.. seeds];
        var gradient = Reverse.GradGraph(total!);
        var partials = inputs.Select(i => gradient.Inputs.Contains(i.Name) ? gradient[i.Name] : Expr.Constant(Tensor.Zeros(i.Shape))).ToArray();
        (layout, outputs) = Topology.OfOutputs(partials);
        slots = [.. inputs.Select(i => i.Name).Concat(seeds).Select(n => layout.InputNames.IndexOf(n))];
        IsScalar = !layout.HasTensors;
    }

    /// <summary>Whether the VJP graph is a scalar graph, which <see cref="ScalarPull"/> runs on the interpreter.</summary>
    public bool IsScalar { get; }

    /// <summary>The names of the seeds, one per body.</summary>
    public ImmutableArray<string> Seeds { get; }

    /// <summary>
    /// One step pulled back: each wanted input's cotangent and its tangent (null is zero), from the values and tangents of
    /// the inputs then of the seeds, in the order given to the constructor.
    /// </summary>
    public (Tensor[] Cotangents, Tensor?[] Tangents) Pull(ReadOnlySpan<Tensor> values, ReadOnlySpan<Tensor?> tangents)
    {
        var inputs = new Tensor[layout.InputNames.Length];
        var inputTangents = new Tensor?[inputs.Length];
        for (var v = 0; v < slots.Length; v++)
        {
            if (slots[v] < 0) continue; // read by no partial
            inputs[slots[v]] = values[v];
            inputTangents[slots[v]] = tangents[v];
        }
        var nodeValues = TensorSweeps.Values(layout, inputs);
        var nodeTangents = TensorSweeps.AllTangents(layout, nodeValues, inputTangents);
        return ([.. outputs.Select(o => nodeValues[o])], [.. outputs.Select(o => nodeTangents[o])]);
    }

    /// <summary>A scalar VJP graph's sweeps on the interpreter, with buffers of their own (one per caller: the graph is shared).</summary>
    public ScalarPull Scalar() => new(this);

    /// <summary>
    /// <see cref="Pull"/> on <c>double</c>s for a scalar VJP graph: set the inputs and seeds with <see cref="Set"/> (by
    /// their order given to the constructor), <see cref="Run"/>, then read <see cref="Cotangent"/> and <see cref="Tangent"/>.
    /// </summary>
    internal sealed class ScalarPull(BodyVjp vjp)
    {
        private readonly double[] inputs = new double[vjp.layout.InputNames.Length];
        private readonly double[] inputTangents = new double[vjp.layout.InputNames.Length];
        private readonly double[] values = new double[vjp.layout.Count];
        private readonly double[] tangents = new double[vjp.layout.Count]; // zeros at the constants, never written

        public void Set(int variable, double value, double tangent)
        {
            var slot = vjp.slots[variable];
            if (slot < 0) return;
            inputs[slot] = value;
            inputTangents[slot] = tangent;
        }

        public void Run()
        {
            Interpreter.Values(vjp.layout, inputs, values);
            Interpreter.Tangents(vjp.layout, values, inputTangents, tangents);
        }

        /// <summary>Wanted input <paramref name="output"/>'s cotangent after <see cref="Run"/>.</summary>
        public double Cotangent(int output) => values[vjp.outputs[output]];

        /// <summary>Its tangent.</summary>
        public double Tangent(int output) => tangents[vjp.outputs[output]];
    }
}
