using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Gradients of tensor graphs as graphs (<see cref="Reverse.GradGraph"/>), over random tensor graphs: each partial has
/// its input's shape and, evaluated, equals <see cref="Reverse.Grad(Expr, Bindings)"/>; the gradient graph prints,
/// exports and differentiates again; <see cref="Graph.Simplify"/> keeps every value. A graph with a tensor output is
/// reduced to a scalar by <see cref="Loss"/> first.
/// </summary>
public class TensorGradientGraphProperties
{
    /// <summary>Σ (graph ⊙ weights) with fixed weights in [0.5, 1.5]: a scalar that every output element moves.</summary>
    internal static Expr Loss(Expr graph)
    {
        if (graph.Shape.IsScalar) return graph;
        var random = new Random(graph.Shape.Count);
        return Expr.Sum(graph * Expr.Constant(Tensor.Create(graph.Shape, _ => 0.5 + random.NextDouble())));
    }

    /// <summary>The tolerance of mode agreement for a case reduced by <see cref="Loss"/>.</summary>
    internal static double Tolerance(TensorGraphCase c) =>
        GradientChecks.ModeTolerance * Math.Max(1, 1.5 * c.Graph.Shape.Count * c.Sensitivity);

    internal static void CloseTensors(Tensor actual, Tensor expected, double tolerance, string what)
    {
        GradientChecks.Require(actual.Shape == expected.Shape, () => $"{what}: shape {actual.Shape}, expected {expected.Shape}");
        var (a, e) = (actual.ToArray(), expected.ToArray());
        for (var k = 0; k < a.Length; k++) GradientChecks.Close(a[k], e[k], tolerance, $"{what}[{k}]");
    }

    [Fact]
    public void TheGradientGraphEvaluatesToTheReverseGradient() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), GradGraphEqualsGrad));

    /// <summary>Each partial of the gradient graph has its input's shape and evaluates to the reverse gradient.</summary>
    internal static void GradGraphEqualsGrad(TensorGraphCase c)
        {
            var loss = Loss(c.Graph);
            var gradient = Reverse.GradGraph(loss);
            var (value, graphs) = gradient.Evaluate(c.Point);
            var (expectedValue, expected) = Reverse.ValueAndGrad(loss, c.Point);
            GradientChecks.Close(value, expectedValue, Tolerance(c), $"value of {c}");
            foreach (var name in expected.Names)
            {
                GradientChecks.Require(gradient[name].Shape == c.Point[name].Shape,
                    () => $"∂/∂{name} has shape {gradient[name].Shape}, the input {c.Point[name].Shape}, for {c}");
                CloseTensors(graphs[name], expected[name], Tolerance(c), $"∂/∂{name} of {c}");
            }
        }

    [Fact]
    public void TheGradientGraphPrintsAndExports() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), c =>
        {
            var gradient = Reverse.GradGraph(Loss(c.Graph));
            GradientChecks.Require(gradient.ToString().Split('\n').Length == 1 + gradient.Inputs.Length, () => $"not one line per output for {c}");
            foreach (var partial in gradient.Partials)
            {
                DrawnGraph.FromDot(Export.ToDot(partial));
                DrawnGraph.FromMermaid(Export.ToMermaid(partial));
            }
        }), Cases.Count(200));

    [Fact]
    public void APartialDifferentiatesAgain() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), c =>
        {
            var gradient = Reverse.GradGraph(Loss(c.Graph));
            if (gradient.Inputs.IsEmpty) return; // a graph of constants only
            var name = gradient.Inputs[0];
            var second = Loss(gradient[name]);
            var again = Reverse.GradGraph(second).Evaluate(c.Point).Gradient;
            var expected = Reverse.Grad(second, c.Point);
            foreach (var n in expected.Names)
                CloseTensors(again[n], expected[n], Tolerance(c) * Math.Max(1, c.Sensitivity), $"∂/∂{n} of ∂/∂{name} of {c}");
        }), Cases.Count(300));

    [Fact]
    public void SimplifyKeepsTheValueAndTheShape() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), c =>
        {
            var simpler = Graph.Simplify(c.Graph);
            GradientChecks.Require(simpler.Shape == c.Graph.Shape, () => $"shape {simpler.Shape} after simplifying {c}");
            CloseTensors(Graph.Evaluate(simpler, c.Point), Graph.Evaluate(c.Graph, c.Point), Tolerance(c), $"simplified {c}");
            GradientChecks.Require(Graph.NodeCount(simpler) <= Graph.NodeCount(c.Graph), () => $"simplifying grew {c}");
        }));
}
