using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// The entry points over <see cref="TensorBindings"/> serve scalar graphs too: <see cref="Transform.Jacobian(Expr, TensorBindings, JacobianMode)"/>
/// of a scalar graph is its gradient as one row, in either mode, and the Hessian of a gradient graph over tensor
/// bindings is the one over scalar bindings.
/// </summary>
public class GraphJacobianProperties
{
    private static bool Same(double a, double b) => a == b || (double.IsNaN(a) && double.IsNaN(b));

    [Fact]
    public void TheJacobianOfAScalarGraphIsItsGradientAsARow() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var at = TensorBindings.From(c.Point);
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
    public void TheHessianOverTensorBindingsIsTheHessianOverBindings() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var gradient = Reverse.GradGraph(c.Graph);
            var rows = gradient.Hessian(c.Point);
            var matrix = gradient.Hessian(TensorBindings.From(c.Point));
            for (var j = 0; j < gradient.Inputs.Length; j++)
            for (var i = 0; i < gradient.Inputs.Length; i++)
            {
                // Row j of the scalar form is the derivative of the gradient along input j: column j of the matrix.
                var expected = rows[j][gradient.Inputs[i]];
                Close(matrix[i, j], expected, 1e-12 * Math.Max(1, Math.Abs(expected)), $"∂²/∂{gradient.Inputs[i]}∂{gradient.Inputs[j]} of {c}");
            }
        }), Cases.Count(500));
}
