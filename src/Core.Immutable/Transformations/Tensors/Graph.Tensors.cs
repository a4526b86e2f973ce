namespace FunctionalAD;

public static partial class Graph
{
    /// <summary>The value of a tensor graph with its inputs bound to tensors of their declared shapes.</summary>
    /// <example><code>Graph.Evaluate(Expr.MatMul(w, x) + b, TensorBindings.Of(("W", w0), ("x", x0), ("b", b0)))</code></example>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's declared shape.</exception>
    public static Tensor Evaluate(Expr graph, TensorBindings at)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var topology = graph.Topology;
        return TensorSweeps.Values(topology, TensorSweeps.Bind(topology, at))[^1];
    }

    /// <summary>The scalar value of a graph with tensor nodes, bound by scalar bindings.</summary>
    private static double EvaluateTensors(Expr graph, Bindings at) =>
        ScalarOutput(Evaluate(graph, TensorBindings.From(at)), "Graph.Evaluate");

    /// <summary>The number in a scalar output, or an error that says how to read a tensor output.</summary>
    internal static double ScalarOutput(Tensor output, string operation) => output.Shape.IsScalar
        ? output.ToScalar()
        : throw new InvalidOperationException(
            $"{operation} with scalar Bindings returns a number, but the graph's output has shape {output.Shape}; pass TensorBindings to get a Tensor.");
}
