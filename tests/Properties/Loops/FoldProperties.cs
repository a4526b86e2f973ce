using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Loops;

/// <summary>
/// A <c>fold</c> node is its unrolled graph: on random bodies, its value and its derivatives in both modes, under
/// every checkpointing option, equal those of the body substituted into itself as many times. The value, every JVP
/// and the initial carry's gradient are equal bit for bit (the same operations in the same order). A parameter's
/// gradient is the same sum of the same products, but grouped differently: the unrolled graph computes a node that
/// depends on the parameters alone once and adds its adjoint over all steps before passing it on, where the loop passes
/// each step's share on at once; so it is held to <see cref="GradientChecks.ModeTolerance"/> on the absolute-gradient
/// scale, the bound of forward against reverse mode, whose sums differ in the same way.
/// </summary>
public class FoldProperties
{
    private static Arbitrary<LoopCase> Loops() => Arb.From(Gen.Choose(0, int.MaxValue - 1).Select(seed => LoopCase.Draw(new Random(seed))));

    private static readonly ReverseOptions[] Options =
        [ReverseOptions.Default, ReverseOptions.StoreEveryStep, ReverseOptions.WithBudget(1), ReverseOptions.WithBudget(3)];

    private static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b) || (double.IsNaN(a) && double.IsNaN(b));

    [Fact]
    public void ValueAndDerivativesEqualTheUnrolledGraph() =>
        Cases.Check(Prop.ForAll(Loops(), c =>
        {
            var (loop, unrolled) = (c.Loop, c.Unrolled);
            var value = Graph.Evaluate(unrolled, c.Point).ToScalar();
            GradientChecks.Require(SameBits(Graph.Evaluate(loop, c.Point).ToScalar(), value), () => "the values differ");
            var expected = Reverse.Grad(unrolled, c.Point);
            var scale = GraphTools.AbsoluteGradient(unrolled, c.Point);
            foreach (var options in Options)
            {
                var gradient = Reverse.Grad(loop, c.Point, options);
                foreach (var name in expected.Names)
                {
                    double got = gradient[name].ToScalar(), want = expected[name].ToScalar();
                    var what = $"∂/∂{name} with {options.Checkpointing} (budget {options.CheckpointBudget})";
                    if (name == "c") GradientChecks.Require(SameBits(got, want), () => $"{what}: {got} vs unrolled {want}");
                    else GradientChecks.Close(got, want, GradientChecks.ModeTolerance * Math.Max(1, scale[name]), what);
                }
            }
            foreach (var name in expected.Names)
            {
                var direction = Bindings.Of((name, 1.0));
                var tangent = Forward.Jvp(loop, c.Point, direction).Tangent.ToScalar();
                var unrolledTangent = Forward.Jvp(unrolled, c.Point, direction).Tangent.ToScalar();
                GradientChecks.Require(SameBits(tangent, unrolledTangent), () => $"JVP along {name}: {tangent} vs unrolled {unrolledTangent}");
            }
        }));
}
