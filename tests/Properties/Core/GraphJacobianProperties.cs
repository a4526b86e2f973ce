using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// The graph transformations serve scalar graphs too: <see cref="Transform.Jacobian(Expr, Bindings, JacobianMode)"/>
/// of a scalar graph is its gradient as one row, in either mode, and the Hessian of a gradient graph with respect to
/// some inputs is the block of its whole Hessian.
/// </summary>
public class GraphJacobianProperties
{
    private static bool Same(double a, double b) => a == b || (double.IsNaN(a) && double.IsNaN(b));

    [Fact]
    public void TheJacobianOfAScalarGraphIsItsGradientAsARow() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var at = Bindings.From(c.Point);
            var names = Graph.Inputs(c.Graph);
            var (forward, reverse) = (Transform.Jacobian(c.Graph, at, JacobianMode.Forward), Transform.Jacobian(c.Graph, at, JacobianMode.Reverse));
            var (byJvps, byVjps) = (Forward.Grad(c.Graph, at), Reverse.Grad(c.Graph, at));
            Require(forward.RowCount == 1 && forward.ColumnCount == names.Length, () => $"a {forward.RowCount}×{forward.ColumnCount} Jacobian of {c}");
            for (var j = 0; j < names.Length; j++)
            {
                Require(Same(forward[0, j], byJvps[names[j]].ToScalar()), () => $"forward ∂/∂{names[j]} of {c}");
                Require(Same(reverse[0, j], byVjps[names[j]].ToScalar()), () => $"reverse ∂/∂{names[j]} of {c}");
            }
        }));

    [Fact]
    public void TheHessianWithRespectToSomeInputsIsABlockOfTheWholeHessian() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var gradient = Reverse.GradGraph(c.Graph);
            var whole = gradient.Hessian(c.Point);
            var chosen = gradient.Inputs.Where((_, k) => k % 2 == 0).ToArray();
            var block = gradient.Hessian(c.Point, chosen);
            Require(block.RowCount == chosen.Length && block.ColumnCount == chosen.Length, () => $"a {block.RowCount}×{block.ColumnCount} block for {chosen.Length} inputs of {c}");
            for (var j = 0; j < chosen.Length; j++)
            for (var i = 0; i < chosen.Length; i++)
            {
                var expected = whole[gradient.Inputs.IndexOf(chosen[i]), gradient.Inputs.IndexOf(chosen[j])];
                Require(Same(block[i, j], expected), () => $"∂²/∂{chosen[i]}∂{chosen[j]} of {c}: {block[i, j]:R} in the block, {expected:R} in the whole");
            }
        }), Cases.Count(500));
}
