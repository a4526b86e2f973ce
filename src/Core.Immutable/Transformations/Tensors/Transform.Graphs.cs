using MathNet.Numerics.LinearAlgebra;

namespace FunctionalAD;

// Jacobians and Hessians of graphs of any shape, as matrices over the flattened elements.
public static partial class Transform
{
    /// <summary>
    /// The Jacobian of <paramref name="graph"/> at <paramref name="at"/>: one row per element of the output, one column
    /// per element of the inputs. Rows follow the output's elements in row-major order (those of
    /// <see cref="Tensor.ToArray"/>); columns follow the inputs in ordinal name order (<see cref="Graph.Inputs"/>), each
    /// input's elements in row-major order. <see cref="JacobianMode.Forward"/> builds it column by column (one JVP per
    /// input element), <see cref="JacobianMode.Reverse"/> row by row (one evaluation, one VJP per output element);
    /// <see cref="JacobianMode.Auto"/> takes whichever makes fewer sweeps. The matrix is new and the caller's own.
    /// </summary>
    /// <example><code>Transform.Jacobian(Expr.Softmax(z), Bindings.Of(("z", Tensor.Vector(1, 2, 3))))   // 3×3</code></example>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's shape.</exception>
    public static Matrix<double> Jacobian(Expr graph, Bindings at, JacobianMode mode = JacobianMode.Auto)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var topology = graph.Topology;
        var inputs = TensorSweeps.Bind(topology, at);
        var values = TensorSweeps.Values(topology, inputs);
        var offsets = new int[inputs.Length + 1];
        for (var s = 0; s < inputs.Length; s++) offsets[s + 1] = offsets[s] + inputs[s].Shape.Count;
        var outputs = graph.Shape.Count;
        var jacobian = Matrix<double>.Build.Dense(outputs, offsets[^1]);
        if (mode == JacobianMode.Auto) mode = offsets[^1] <= outputs ? JacobianMode.Forward : JacobianMode.Reverse;
        switch (mode)
        {
            case JacobianMode.Forward:
                var seeds = new Tensor?[inputs.Length];
                for (var s = 0; s < inputs.Length; s++)
                {
                    for (var k = 0; k < inputs[s].Shape.Count; k++)
                    {
                        seeds[s] = TensorSweeps.Basis(inputs[s].Shape, k);
                        if (TensorSweeps.Tangents(topology, values, seeds) is not { } tangent) continue;
                        var column = tangent.ToArray();
                        for (var o = 0; o < column.Length; o++) jacobian[o, offsets[s] + k] = column[o];
                    }
                    seeds[s] = null;
                }
                break;
            case JacobianMode.Reverse:
                var all = Enumerable.Repeat(true, inputs.Length).ToArray();
                for (var o = 0; o < outputs; o++)
                {
                    var cotangents = TensorSweeps.Sweep(topology, values, TensorSweeps.Basis(graph.Shape, o), all);
                    for (var s = 0; s < inputs.Length; s++)
                    {
                        if (cotangents[s] is not { } row) continue;
                        var elements = row.ToArray();
                        for (var k = 0; k < elements.Length; k++) jacobian[o, offsets[s] + k] = elements[k];
                    }
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Jacobian: the mode must be Auto, Forward or Reverse.");
        }
        return jacobian;
    }

    /// <summary>
    /// The Hessian of a graph with a scalar output at <paramref name="at"/>, with respect to the named inputs (all of
    /// them when <paramref name="withRespectTo"/> is null), by forward mode over its gradient graph:
    /// <c>Reverse.GradGraph(graph).Hessian(at, withRespectTo)</c>. Rows and columns follow the named inputs in ordinal
    /// order, each input's elements in row-major order.
    /// </summary>
    /// <example><code>Transform.Hessian(loss, at, ["W"])   // ∂²loss/∂W², of size W.Count × W.Count</code></example>
    /// <exception cref="InvalidOperationException">The graph's output is not a scalar.</exception>
    /// <exception cref="ArgumentException">A name is not an input of the graph.</exception>
    public static Matrix<double> Hessian(Expr graph, Bindings at, IEnumerable<string>? withRespectTo = null)
    {
        var gradient = Reverse.GradGraph(graph);
        return gradient.Hessian(at, withRespectTo ?? gradient.Inputs);
    }

    /// <summary>
    /// H·v for a graph with a scalar output, forward over reverse: one tangent sweep over its gradient graph
    /// (<see cref="GradientGraph.HessianVectorProduct(Bindings, Bindings)"/>). One tensor per input, of its shape.
    /// </summary>
    /// <exception cref="InvalidOperationException">The graph's output is not a scalar.</exception>
    /// <exception cref="ArgumentException"><paramref name="direction"/> names an input the graph does not have.</exception>
    public static Gradient HessianVectorProduct(Expr graph, Bindings at, Bindings direction) =>
        Reverse.GradGraph(graph).HessianVectorProduct(at, direction);
}
