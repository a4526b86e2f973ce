using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// A scalar graph run through the tensor entry points (with <see cref="Bindings"/>) gives the same value and
/// the same gradients as through the scalar ones: the tensor sweeps apply the same rules, in the same order, with
/// the same zero shortcuts. Compared with <c>==</c>, not bitwise: where the scalar sweep adds a contribution to an
/// adjoint that starts at +0, the tensor sweep takes the contribution itself, so −0 may come back as +0.
/// </summary>
public class ScalarGraphsOnTensorSweepsProperties
{
    [Fact]
    public void TensorSweepsAgreeWithScalarSweepsOnScalarGraphs() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var at = Bindings.From(c.Point);
            var value = Graph.Evaluate(c.Graph, c.Point);
            GradientChecks.Require(Same(Graph.Evaluate(c.Graph, at).ToScalar(), value), () => $"value of {c}");
            var (reverse, forward) = (Reverse.Grad(c.Graph, c.Point), Forward.Grad(c.Graph, c.Point));
            var (tensorReverse, tensorForward) = (Reverse.Grad(c.Graph, at), Forward.Grad(c.Graph, at));
            foreach (var name in Graph.Inputs(c.Graph))
            {
                GradientChecks.Require(Same(tensorReverse[name].ToScalar(), reverse[name]),
                    () => $"reverse ∂/∂{name}: tensor {tensorReverse[name]} vs scalar {reverse[name]:R} for {c}");
                GradientChecks.Require(Same(tensorForward[name].ToScalar(), forward[name]),
                    () => $"forward ∂/∂{name}: tensor {tensorForward[name]} vs scalar {forward[name]:R} for {c}");
            }
        }));

    private static bool Same(double a, double b) => a == b || (double.IsNaN(a) && double.IsNaN(b));
}
