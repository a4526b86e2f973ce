using System.Numerics;
using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// Random graphs rewritten as generic functions over <see cref="IFloatingPointIeee754{TSelf}"/> — each primitive as
/// the generic-math member a user would write (<c>T.Sin</c>, <c>T.Max(x, T.Zero)</c> for relu, <c>1 / (1 + e^−x)</c>
/// for sigmoid; see <see cref="GraphTools.Apply{T}"/>) — and traced with T = Expr: the traced graph computes what the function computes on doubles,
/// exactly, and its gradient is the original graph's.
/// </summary>
public class TracingProperties
{
    [Fact]
    public void ATracedGenericFunctionIsTheFunction() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var inputs = Graph.Inputs(c.Graph);
            var generic = GraphTools.AsGenericFunction(c.Graph);
            var traced = Graph.Trace(v => generic.Invoke<Expr>(v), [.. inputs]);
            var point = inputs.Select(n => c.Point.Scalar(n)).ToArray();
            var onDoubles = generic.Invoke<double>(point);
            var value = Graph.Evaluate(traced, c.Point);
            Require(value == onDoubles, () => $"traced {traced} gives {value:R}, the function {onDoubles:R}");
            var expected = Reverse.Grad(c.Graph, c.Point);
            var actual = Reverse.Grad(traced, c.Point);
            var scale = GraphTools.AbsoluteGradient(c.Graph, c.Point);
            // sigmoid and softplus are compositions here, so rounding differs, within the modes' bound.
            foreach (var name in inputs)
                Close(actual.GetOrDefault(name, 0), expected[name], ModeTolerance * Math.Max(1, scale[name]), $"∂/∂{name}: traced vs original");
        }));
}
