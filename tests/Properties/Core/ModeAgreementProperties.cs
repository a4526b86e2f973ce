using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// Forward mode, reverse mode, finite differences and the number types (<see cref="Dual{T}"/>,
/// <see cref="ReverseNumber{T}"/>) all compute the same derivatives of random graphs.
/// </summary>
public class ModeAgreementProperties
{
    [Fact]
    public void ForwardGradientEqualsReverseGradient() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), GradientChecks.ForwardEqualsReverse));

    [Fact]
    public void BothModesMatchCentralFiniteDifferences() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), GradientChecks.MatchesFiniteDifferences));

    [Fact]
    public void JvpAndVjpAreTransposes() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), Numbers.Coefficient(), Numbers.Direction(), (c, u, direction) =>
        {
            var inputs = Graph.Inputs(c.Graph);
            var v = Bindings.From(inputs.Select((n, i) => KeyValuePair.Create(n, direction[i])));
            GradientChecks.TransposeIdentity(c, u, v);
        }));

    /// <summary>
    /// Interpreting the graph node by node through <see cref="Dual.Apply(Primitive, Dual{double}, Dual{double})"/> or
    /// <see cref="ReverseNumber.Apply(Primitive, ReverseNumber{double}, ReverseNumber{double})"/> performs exactly the
    /// floating-point operations of the graph sweeps of the same mode, in the same order (the graph is walked
    /// in the same topological order and the same zero-tangent and zero-cotangent shortcuts apply), so the
    /// results are expected to be bit-identical, and are asserted so.
    /// </summary>
    [Fact]
    public void GraphModeEqualsFunctionMode() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var inputs = Graph.Inputs(c.Graph);
            var point = inputs.Select(n => c.Point.Scalar(n)).ToArray();
            var forward = Forward.GradOf(GraphTools.AsDualFunction(c.Graph), point);
            var reverse = Reverse.ValueAndGradOf(GraphTools.AsReverseFunction(c.Graph), point);
            var graphForward = Forward.Grad(c.Graph, c.Point);
            var graphReverse = Reverse.ValueAndGrad(c.Graph, c.Point);
            GradientChecks.Require(SameBits(reverse.Value, graphReverse.Value),
                () => $"value: function {reverse.Value:R} vs graph {graphReverse.Value:R}");
            for (var i = 0; i < inputs.Length; i++)
            {
                var name = inputs[i];
                GradientChecks.Require(SameBits(forward[i], graphForward[name]),
                    () => $"∂/∂{name} forward: function {forward[i]:R} vs graph {graphForward[name]:R}");
                GradientChecks.Require(SameBits(reverse.Gradient[i], graphReverse.Gradient[name]),
                    () => $"∂/∂{name} reverse: function {reverse.Gradient[i]:R} vs graph {graphReverse.Gradient[name]:R}");
            }
        }));

    private static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
}
