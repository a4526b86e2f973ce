using System.Collections.Immutable;

namespace FunctionalAD;

public static partial class Reverse
{
    /// <summary>The value and the pullback on the tensor sweeps: one tensor per node.</summary>
    private static ValueAndPullback<Tensor, Gradient> VjpTensors(Expr graph, Bindings at, ReverseOptions? options = null)
    {
        graph = Graph.WithBatchSizeOf(graph, at);
        var topology = graph.Topology;
        var inputs = TensorSweeps.Bind(topology, at);
        var values = TensorSweeps.ValuesForVjp(topology, inputs, options ?? ReverseOptions.Default, out var saved);
        var all = Enumerable.Repeat(true, inputs.Length).ToArray();
        return new(values[^1], cotangent =>
        {
            RequireCotangentShape(graph, cotangent);
            return Collect(topology, inputs, TensorSweeps.Sweep(topology, values, cotangent, all, saved), all);
        });
    }

    private static void RequireCotangentShape(Expr graph, Tensor cotangent)
    {
        if (cotangent.Shape != graph.Shape)
            throw new ShapeMismatchException("Vjp", $"Vjp: the cotangent has shape {cotangent.Shape}, but the graph's output has shape {graph.Shape}.");
    }

    /// <summary>
    /// The gradient with respect to the named inputs only (say, the parameters and not the data), for which the
    /// backward sweep skips every branch that does not lead to one of them.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not an input of the graph.</exception>
    public static Gradient Grad(Expr graph, Bindings at, IEnumerable<string> withRespectTo) =>
        ValueAndGrad(graph, at, withRespectTo).Gradient;

    /// <summary>The value and the gradient with respect to the named inputs only.</summary>
    /// <exception cref="ArgumentException">A name is not an input of the graph.</exception>
    public static ValueAndGradient<double, Gradient> ValueAndGrad(Expr graph, Bindings at, IEnumerable<string> withRespectTo) =>
        ValueAndGrad(graph, at, withRespectTo, ReverseOptions.Default);

    /// <summary>
    /// The value and the gradient with respect to the named inputs only, keeping what <paramref name="options"/> asks of
    /// each loop for the backward sweep.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not an input of the graph.</exception>
    public static ValueAndGradient<double, Gradient> ValueAndGrad(Expr graph, Bindings at, IEnumerable<string> withRespectTo, ReverseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(withRespectTo);
        Forward.RequireScalar(graph, "Reverse.ValueAndGrad");
        ArgumentNullException.ThrowIfNull(at);
        graph = Graph.WithBatchSizeOf(graph, at);
        var topology = graph.Topology;
        var wanted = WantedSlots(topology, withRespectTo);
        var inputs = TensorSweeps.Bind(topology, at);
        var values = TensorSweeps.ValuesForVjp(topology, inputs, options, out var saved);
        var cotangents = TensorSweeps.Sweep(topology, values, 1.0, wanted, saved);
        return new(values[^1].ToScalar(), Collect(topology, inputs, cotangents, wanted));
    }

    /// <summary>Which input slots <paramref name="withRespectTo"/> names; a name the graph lacks is an error that lists its inputs.</summary>
    private static bool[] WantedSlots(Topology topology, IEnumerable<string> withRespectTo)
    {
        var wanted = new bool[topology.InputNames.Length];
        foreach (var name in withRespectTo)
        {
            var slot = name is null ? -1 : topology.InputNames.IndexOf(name);
            if (slot < 0)
                throw new ArgumentException(
                    $"The gradient is asked for '{name}', but the graph has no such input; its inputs are: {NamedValues.ListNames(topology.InputNames)}.",
                    nameof(withRespectTo));
            wanted[slot] = true;
        }
        return wanted;
    }

    /// <summary>The wanted inputs' cotangents, zeros of the input's shape where none arrived.</summary>
    private static Gradient Collect(Topology topology, Tensor[] inputs, Tensor?[] cotangents, bool[] wanted)
    {
        var names = ImmutableArray.CreateBuilder<string>();
        var values = ImmutableArray.CreateBuilder<Tensor>();
        for (var slot = 0; slot < inputs.Length; slot++)
        {
            if (!wanted[slot]) continue;
            names.Add(topology.InputNames[slot]);
            values.Add(cotangents[slot] ?? Tensor.Zeros(inputs[slot].Shape));
        }
        return new(names.ToImmutable(), values.ToImmutable());
    }
}
