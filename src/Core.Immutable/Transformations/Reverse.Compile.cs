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
}
