using System.Collections.Immutable;

namespace FunctionalAD;

public static partial class Forward
{
    /// <summary>The value and the tangent on the tensor sweeps: one tensor per node.</summary>
    private static ValueAndTangent<Tensor> JvpTensors(Expr graph, Bindings at, Bindings direction)
    {
        graph = Graph.WithBatchSizeOf(graph, at);
        var topology = graph.Topology;
        var values = TensorSweeps.Values(topology, TensorSweeps.Bind(topology, at));
        var tangent = TensorSweeps.Tangents(topology, values, TensorSweeps.Directions(topology, direction));
        return new(values[^1], tangent ?? Tensor.Zeros(graph.Shape));
    }

    /// <summary>The gradient on the tensor sweeps, by one JVP per input element.</summary>
    private static Gradient GradTensors(Expr graph, Bindings at)
    {
        RequireScalar(graph, "Forward.Grad");
        var topology = graph.Topology;
        var values = TensorSweeps.Values(topology, TensorSweeps.Bind(topology, at));
        var shapes = TensorSweeps.InputShapes(topology);
        var seeds = new Tensor?[shapes.Length];
        var partials = new Tensor[shapes.Length];
        for (var slot = 0; slot < shapes.Length; slot++)
        {
            var shape = shapes[slot];
            var elements = new double[shape.Count];
            for (var k = 0; k < elements.Length; k++)
            {
                var basis = new double[shape.Count];
                basis[k] = 1;
                seeds[slot] = new Tensor(shape, basis);
                elements[k] = TensorSweeps.Tangents(topology, values, seeds)?.ToScalar() ?? 0;
            }
            seeds[slot] = null;
            partials[slot] = new Tensor(shape, elements);
        }
        return new Gradient(topology.InputNames, [.. partials]);
    }

    internal static void RequireScalar(Expr graph, string operation)
    {
        if (!graph.Shape.IsScalar)
            throw new InvalidOperationException(
                $"{operation} needs a graph with a scalar output, but this one has shape {graph.Shape}; use Jvp or Vjp for tensor outputs.");
    }
}
