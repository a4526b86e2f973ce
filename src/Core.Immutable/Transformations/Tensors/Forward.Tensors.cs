using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>The value of a tensor function and its tangent along one direction; both have the output's shape.</summary>
/// <param name="Value">The function's value.</param>
/// <param name="Tangent">The directional derivative J·v.</param>
public sealed record TensorDual(Tensor Value, Tensor Tangent);

public static partial class Forward
{
    /// <summary>
    /// The value of a tensor graph at <paramref name="at"/> and its directional derivative J·v along
    /// <paramref name="direction"/> (input names to tangents of the inputs' shapes; a name left out has tangent zero).
    /// </summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding or a tangent does not have its input's shape.</exception>
    /// <exception cref="ArgumentException"><paramref name="direction"/> names an input the graph does not have.</exception>
    public static TensorDual Jvp(Expr graph, TensorBindings at, TensorBindings direction)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var topology = graph.Topology;
        var values = TensorSweeps.Values(topology, TensorSweeps.Bind(topology, at));
        var tangent = TensorSweeps.Tangents(topology, values, TensorSweeps.Directions(topology, direction));
        return new(values[^1], tangent ?? Tensor.Zeros(graph.Shape));
    }

    /// <summary>The gradient of a scalar tensor graph, by one JVP per input element (tensors of the inputs' shapes).</summary>
    /// <exception cref="InvalidOperationException">The graph's output is not a scalar.</exception>
    public static TensorGradient Grad(Expr graph, TensorBindings at)
    {
        ArgumentNullException.ThrowIfNull(graph);
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
        return new TensorGradient(topology.InputNames, [.. partials]);
    }

    private static Dual<double> JvpTensors(Expr graph, Bindings at, Bindings direction)
    {
        var result = Jvp(graph, TensorBindings.From(at), TensorBindings.From(direction));
        return new Dual<double>(Graph.ScalarOutput(result.Value, "Forward.Jvp"), result.Tangent.ToScalar());
    }

    private static Gradient GradTensors(Expr graph, Bindings at)
    {
        var gradient = Grad(graph, TensorBindings.From(at));
        return new Gradient(gradient.Names, [.. gradient.Values.Select(t => t.ToScalar())]);
    }

    internal static void RequireScalar(Expr graph, string operation)
    {
        if (!graph.Shape.IsScalar)
            throw new InvalidOperationException(
                $"{operation} needs a graph with a scalar output, but this one has shape {graph.Shape}; use Jvp or Vjp for tensor outputs.");
    }
}
