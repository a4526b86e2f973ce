using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>The value of a tensor graph and its pullback, which maps an output cotangent (of the output's shape) to one cotangent per input.</summary>
/// <param name="Value">The graph's value.</param>
/// <param name="Pullback">Maps the output cotangent u to Jᵀu; pure, callable any number of times.</param>
public sealed record TensorValueAndPullback(Tensor Value, Func<Tensor, TensorGradient> Pullback);

public static partial class Reverse
{
    /// <summary>The value of a tensor graph at <paramref name="at"/> and its pullback.</summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding, or later a cotangent, does not have the expected shape.</exception>
    public static TensorValueAndPullback Vjp(Expr graph, TensorBindings at)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var topology = graph.Topology;
        var inputs = TensorSweeps.Bind(topology, at);
        var values = TensorSweeps.Values(topology, inputs);
        var all = Enumerable.Repeat(true, inputs.Length).ToArray();
        return new(values[^1], cotangent =>
        {
            if (cotangent.Shape != graph.Shape)
                throw new ShapeMismatchException("Vjp", $"Vjp: the cotangent has shape {cotangent.Shape}, but the graph's output has shape {graph.Shape}.");
            return Collect(topology, inputs, TensorSweeps.Sweep(topology, values, cotangent, all), all);
        });
    }

    /// <summary>The gradient of a scalar tensor graph: one tensor per input, of that input's shape, from one backward sweep.</summary>
    /// <exception cref="InvalidOperationException">The graph's output is not a scalar.</exception>
    public static TensorGradient Grad(Expr graph, TensorBindings at)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Forward.RequireScalar(graph, "Reverse.Grad");
        return Vjp(graph, at).Pullback(1.0);
    }

    /// <summary>
    /// The gradient with respect to the named inputs only (say, the parameters and not the data), for which the
    /// backward sweep skips every branch that does not lead to one of them.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not an input of the graph.</exception>
    public static TensorGradient Grad(Expr graph, TensorBindings at, IEnumerable<string> withRespectTo) =>
        ValueAndGrad(graph, at, withRespectTo).Gradient;

    /// <summary>The value and the gradient of a scalar tensor graph, from one forward and one backward sweep.</summary>
    public static ValueAndGradient<TensorGradient> ValueAndGrad(Expr graph, TensorBindings at)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Forward.RequireScalar(graph, "Reverse.ValueAndGrad");
        var vjp = Vjp(graph, at);
        return new(vjp.Value.ToScalar(), vjp.Pullback(1.0));
    }

    /// <summary>The value and the gradient with respect to the named inputs only.</summary>
    /// <exception cref="ArgumentException">A name is not an input of the graph.</exception>
    public static ValueAndGradient<TensorGradient> ValueAndGrad(Expr graph, TensorBindings at, IEnumerable<string> withRespectTo)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(withRespectTo);
        Forward.RequireScalar(graph, "Reverse.ValueAndGrad");
        var topology = graph.Topology;
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
        var inputs = TensorSweeps.Bind(topology, at);
        var values = TensorSweeps.Values(topology, inputs);
        var cotangents = TensorSweeps.Sweep(topology, values, 1.0, wanted);
        return new(values[^1].ToScalar(), Collect(topology, inputs, cotangents, wanted));
    }

    /// <summary>The wanted inputs' cotangents, zeros of the input's shape where none arrived.</summary>
    private static TensorGradient Collect(Topology topology, Tensor[] inputs, Tensor?[] cotangents, bool[] wanted)
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

    private static ValueAndPullback<Gradient> VjpTensors(Expr graph, Bindings at)
    {
        var vjp = Vjp(graph, TensorBindings.From(at));
        return new(Graph.ScalarOutput(vjp.Value, "Reverse.Vjp"), cotangent =>
        {
            var g = vjp.Pullback(cotangent);
            return new Gradient(g.Names, [.. g.Values.Select(t => t.ToScalar())]);
        });
    }
}
