using System.Runtime.CompilerServices;

namespace FunctionalAD;

public static partial class Reverse
{
    private static readonly ConditionalWeakTable<Expr, CompiledGradient> Compiled = new();

    /// <summary>
    /// <paramref name="graph"/> compiled to straight-line code that returns its value and gradient, equal bit for
    /// bit to <see cref="ValueAndGrad(Expr, Bindings)"/>. Compiling costs about as much as a few hundred interpreted gradients
    /// and is done once per graph object: later calls with the same graph return the same compiled gradient. A
    /// tensor graph (with a scalar output) compiles to a plan with preallocated buffers, equal bit for bit to
    /// <see cref="ValueAndGrad(Expr, Bindings)"/>; call it with <see cref="CompiledGradient.Invoke(Bindings)"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A tensor graph's output is not a scalar.</exception>
    /// <example><code>var grad = Reverse.Compile(w * x + b); grad.Invoke(at).Gradient["w"]   // x</code></example>
    public static CompiledGradient Compile(Expr graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Forward.RequireScalar(graph, "Reverse.Compile");
        Graph.RequireBatchSize(graph, "Reverse.Compile");
        return Compiled.GetValue(graph, g => new CompiledGradient(g.Topology));
    }

    /// <summary>
    /// <paramref name="graph"/> compiled to a plan that returns its value and the gradient with respect to the named
    /// inputs only, equal bit for bit to <see cref="ValueAndGrad(Expr, Bindings, IEnumerable{string})"/>: the backward
    /// sweep skips every branch that leads to none of them, so the data of a training step can be bound at each call
    /// without their gradient being formed. The plan runs on the tensor sweeps with buffers kept per thread; it is not
    /// cached (keep the result), and it is called with <see cref="CompiledGradient.Invoke(Bindings)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not an input of the graph.</exception>
    /// <exception cref="InvalidOperationException">The graph's output is not a scalar.</exception>
    /// <example><code>var step = Reverse.Compile(loss, ["W", "b"]); step.Invoke(at).Gradient["W"]   // no gradient of the data X</code></example>
    public static CompiledGradient Compile(Expr graph, IEnumerable<string> withRespectTo)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(withRespectTo);
        Forward.RequireScalar(graph, "Reverse.Compile");
        Graph.RequireBatchSize(graph, "Reverse.Compile");
        return new CompiledGradient(graph.Topology, WantedSlots(graph.Topology, withRespectTo));
    }
}
