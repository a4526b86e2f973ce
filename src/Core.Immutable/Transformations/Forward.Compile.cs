using System.Runtime.CompilerServices;

namespace FunctionalAD;

public static partial class Forward
{
    private static readonly ConditionalWeakTable<Expr, CompiledJvp> Compiled = new();

    /// <summary>
    /// <paramref name="graph"/> compiled to straight-line code that returns its value and a directional
    /// derivative, equal bit for bit to <see cref="Jvp(Expr, Bindings, Bindings)"/>. Done once per graph object: later calls with the same
    /// graph return the same compiled JVP. A tensor graph compiles to a plan with preallocated buffers, equal bit for
    /// bit to <see cref="Jvp(Expr, Bindings, Bindings)"/>; call it with
    /// <see cref="CompiledJvp.Invoke(Bindings, Bindings)"/>.
    /// </summary>
    /// <example><code>Forward.Compile(w * x + b).Invoke(at, Bindings.Of(("x", 1.0))).Tangent   // w</code></example>
    public static CompiledJvp Compile(Expr graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Graph.RequireBatchSize(graph, "Forward.Compile");
        return Compiled.GetValue(graph, g => new CompiledJvp(g.Topology));
    }
}
