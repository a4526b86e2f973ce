using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A tensor graph laid out once for repeated calls: the input shapes checked once, and for every node whose value a
/// <see cref="BufferedKernel"/> covers, or whose cotangents a <see cref="BufferedPullback"/> covers, buffers of their
/// sizes that the kernels overwrite on each call instead of allocating. Runs of elementwise nodes whose values are
/// read only inside the run are evaluated as one pass each (<see cref="FusedRun"/>), with the same bits. Buffers belong to one thread (a plan called
/// from several threads has one set per thread), so the plan is immutable and thread-safe as seen from outside. Other
/// nodes, and tangents, run the interpreter's own rules (<see cref="TensorSweeps"/>), and the backward sweep is the
/// interpreter's, so every number is the interpreter's, bit for bit. Nothing handed out shares a buffer: a result that
/// would is copied, so a later call never overwrites it.
/// </summary>
internal sealed class TensorPlan
{
    private readonly Topology topology;
    private readonly BufferedKernel?[] kernels;
    private readonly BufferedPullback?[] pullbacks;
    private readonly FusedRun?[] runs;
    private readonly bool[] inRun;
    private readonly ThreadLocal<Scratch> scratch;
    private readonly bool[] needs;
    private readonly bool[]? wanted;
    private readonly int arity;

    /// <param name="topology">The graph.</param>
    /// <param name="wanted">The inputs whose gradients the plan returns, by slot; null for every input.</param>
    public TensorPlan(Topology topology, bool[]? wanted = null)
    {
        this.topology = topology;
        this.wanted = wanted;
        InputShapes = [.. TensorSweeps.InputShapes(topology)];
        kernels = Array.ConvertAll(topology.Nodes, BufferedKernel.For);
        pullbacks = Array.ConvertAll(topology.Nodes, BufferedPullback.For);
        runs = FusedRun.Plan(topology);
        inRun = new bool[topology.Count];
        foreach (var run in runs)
            if (run is not null) foreach (var member in run.Members) inRun[member] = true;
        // A node needs its cotangent when it is a wanted input or depends on one.
        needs = TensorSweeps.Needs(topology, wanted ?? [.. Enumerable.Repeat(true, topology.InputNames.Length)]);
        arity = TensorSweeps.MaxArity(topology);
        scratch = new ThreadLocal<Scratch>(() => new Scratch(topology, kernels, pullbacks, runs));
    }

    /// <summary>Each input's shape, in <see cref="Topology.InputNames"/> order.</summary>
    public ImmutableArray<Shape> InputShapes { get; }

    /// <summary>The elementwise runs evaluated as one pass each, as lists of node positions.</summary>
    internal IReadOnlyList<IReadOnlyList<int>> FusedRuns => [.. runs.OfType<FusedRun>().Select(r => (IReadOnlyList<int>)r.Members)];

    /// <summary>Whether every input is a scalar, so that the plan can be called with numbers.</summary>
    public bool HasScalarInputs => InputShapes.All(s => s.IsScalar);

    /// <summary>The inputs with their shapes, e.g. <c>W [3×4], x [4]</c>, for messages.</summary>
    public string DescribeInputs() => Describe(topology.InputNames, InputShapes);

    /// <summary>Names with shapes, e.g. <c>W [3×4], x [4]</c>; "none" for no inputs.</summary>
    public static string Describe(ImmutableArray<string> names, IReadOnlyList<Shape> shapes) =>
        names.Length == 0 ? "none" : string.Join(", ", names.Select((n, i) => $"{n} [{shapes[i]}]"));

    /// <summary>The value and the gradient, as <see cref="Reverse.ValueAndGrad(Expr, Bindings)"/>.</summary>
    public ValueAndGradient<double, Gradient> ValueAndGrad(Bindings at)
    {
        var inputs = TensorSweeps.Bind(topology, at);
        var s = scratch.Value!;
        try
        {
            var saved = new object?[topology.Count];
            var values = Values(s, inputs, saved);
            var cotangents = Sweep(s, values, saved);
            var (names, gradient) = (ImmutableArray.CreateBuilder<string>(), ImmutableArray.CreateBuilder<Tensor>());
            for (var slot = 0; slot < inputs.Length; slot++)
            {
                if (wanted is not null && !wanted[slot]) continue;
                names.Add(topology.InputNames[slot]);
                gradient.Add(cotangents[slot] is { } c ? s.Unshared(c) : Tensor.Zeros(InputShapes[slot]));
            }
            return new(values[^1].ToScalar(), new Gradient(names.ToImmutable(), gradient.ToImmutable()));
        }
        finally
        {
            s.Release();
        }
    }

    /// <summary>The value and the tangent, as <see cref="Forward.Jvp(Expr, Bindings, Bindings)"/>.</summary>
    public ValueAndTangent<Tensor> Jvp(Bindings at, Bindings direction)
    {
        var inputs = TensorSweeps.Bind(topology, at);
        var tangents = TensorSweeps.Directions(topology, direction);
        var s = scratch.Value!;
        try
        {
            var values = Values(s, inputs);
            var tangent = TensorSweeps.Tangents(topology, values, tangents);
            return new(s.Unshared(values[^1]), tangent is { } t ? s.Unshared(t) : Tensor.Zeros(topology.Nodes[^1].Shape));
        }
        finally
        {
            s.Release();
        }
    }

    /// <summary>
    /// The forward sweep of <see cref="TensorSweeps.Values"/>, with covered nodes written into this thread's buffers; with
    /// <paramref name="saved"/>, a backward sweep follows, and each primitive keeps there what its pullback will need.
    /// </summary>
    private Tensor[] Values(Scratch s, Tensor[] inputs, object?[]? saved = null)
    {
        var values = s.Values;
        var arguments = new Tensor[arity];
        for (var i = 0; i < values.Length; i++)
        {
            if (runs[i] is { } run)
            {
                run.Run(values, s.Buffers, s.Blocks[i]!, reverse: saved is not null);
                continue;
            }
            if (inRun[i]) continue; // evaluated with its run's output, the run's last node
            var (first, second) = (topology.First[i], topology.Second[i]);
            if (kernels[i] is { } kernel)
            {
                var buffer = s.Buffers[i]!;
                kernel.Run(values[first], second < 0 ? 0 : values[second], buffer);
                values[i] = new Tensor(topology.Nodes[i].Shape, buffer);
                continue;
            }
            values[i] = topology.Nodes[i] switch
            {
                ConstantNode c => c.Value,
                InputNode => inputs[topology.InputSlot[i]],
                ApplyNode a when saved is not null =>
                    a.Primitive.ValueForVjp(TensorSweeps.Gather(topology, i, values, arguments), a.Shape, ReverseOptions.Default, out saved[i]),
                ApplyNode a => a.Primitive.Value(TensorSweeps.Gather(topology, i, values, arguments), a.Shape),
                _ => throw new InvalidOperationException("Unknown node kind."),
            };
        }
        return values;
    }

    /// <summary>
    /// The backward sweep of <see cref="TensorSweeps.Sweep"/> from the seed 1 with every input wanted: the same
    /// pullbacks in the same order, given what the forward sweep saved, covered ones writing into this thread's buffers.
    /// </summary>
    private Tensor?[] Sweep(Scratch s, Tensor[] values, object?[] saved)
    {
        var adjoints = s.Adjoints;
        var inputs = new Tensor?[topology.InputNames.Length];
        adjoints[^1] = 1.0;
        var (arguments, asked, cotangents) = (new Tensor[arity], new bool[arity], new Tensor?[arity]);
        for (var i = adjoints.Length - 1; i >= 0; i--)
        {
            if (adjoints[i] is not { } adjoint || !needs[i]) continue;
            int first = topology.First[i], second = topology.Second[i];
            if (pullbacks[i] is { } buffered)
            {
                bool wantFirst = needs[first], wantSecond = second >= 0 && needs[second];
                Tensor x = values[first], y = second < 0 ? 0 : values[second], z = values[i];
                var (gx, gy) = buffered.Run(x, y, z, adjoint, wantFirst, wantSecond, s.FirstCotangents[i], s.SecondCotangents[i]);
                if (wantFirst) adjoints[first] = Kernels.Add(adjoints[first], gx);
                if (wantSecond) adjoints[second] = Kernels.Add(adjoints[second], gy);
            }
            else if (topology.Nodes[i] is ApplyNode a)
            {
                var positions = topology.ArgumentsOf(i);
                var pulled = TensorSweeps.PullBack(topology, values, i, a.Primitive, adjoint, needs, arguments, asked, cotangents, saved[i]);
                saved[i] = null; // pulled back: let it go
                for (var k = 0; k < positions.Length; k++)
                    if (asked[k]) adjoints[positions[k]] = Kernels.Add(adjoints[positions[k]], pulled[k]);
            }
            else if (topology.InputSlot[i] >= 0)
            {
                inputs[topology.InputSlot[i]] = Kernels.Add(inputs[topology.InputSlot[i]], adjoint);
            }
            adjoints[i] = null; // swept: let it go
        }
        return inputs;
    }

    /// <summary>One thread's buffers: one per covered node, of its size, and the array of node values.</summary>
    private sealed class Scratch
    {
        private readonly HashSet<double[]> owned = new(ReferenceEqualityComparer.Instance);

        public Scratch(Topology topology, BufferedKernel?[] kernels, BufferedPullback?[] pullbacks, FusedRun?[] runs)
        {
            Blocks = Array.ConvertAll(runs, r => r?.NewBlocks());
            Values = new Tensor[topology.Count];
            Adjoints = new Tensor?[topology.Count];
            Buffers = new double[]?[topology.Count];
            FirstCotangents = new double[]?[topology.Count];
            SecondCotangents = new double[]?[topology.Count];
            for (var i = 0; i < kernels.Length; i++)
            {
                if (kernels[i] is not null) Buffers[i] = Own(topology.Nodes[i].Shape.Count);
                if (pullbacks[i] is not { Sizes: var (first, second) }) continue;
                // An input's cotangent is handed out: it goes into a fresh array, which saves clearing a buffer and copying it out.
                if (first > 0 && topology.Nodes[topology.First[i]] is not InputNode) FirstCotangents[i] = Own(first);
                if (second > 0 && topology.Nodes[topology.Second[i]] is not InputNode) SecondCotangents[i] = Own(second);
            }
        }

        public Tensor[] Values { get; }

        public Tensor?[] Adjoints { get; }

        /// <summary>Per run's output node, the run's block arrays.</summary>
        public double[][]?[] Blocks { get; }

        /// <summary>Per node, the buffer of its value; null when its rule allocates.</summary>
        public double[]?[] Buffers { get; }

        /// <summary>Per node, the buffers of its arguments' cotangents; null when its rule allocates or the argument is an input.</summary>
        public double[]?[] FirstCotangents { get; }

        public double[]?[] SecondCotangents { get; }

        private double[] Own(int size)
        {
            var buffer = new double[size];
            owned.Add(buffer);
            return buffer;
        }

        /// <summary><paramref name="t"/>, or a copy of it when it lives in one of the buffers (a rule may pass storage on).</summary>
        public Tensor Unshared(Tensor t) =>
            t.Shape.IsScalar || !owned.Contains(t.Storage) ? t : new Tensor(t.Shape, (double[])t.Storage.Clone());

        /// <summary>Drops the call's values, so the plan does not keep the caller's tensors alive.</summary>
        public void Release()
        {
            Array.Clear(Values);
            Array.Clear(Adjoints);
        }
    }
}
