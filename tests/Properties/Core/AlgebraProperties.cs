using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// The gradient is linear in the function, and composes by the chain rule. Both are checked in both modes
/// to <see cref="GradientChecks.ModeTolerance"/> on the absolute-gradient scale of the combined graph (the
/// combined sums are cancellation-free bounds on the rounding, as explained there).
/// </summary>
public class AlgebraProperties
{
    /// <summary>Two graphs over the same inputs at the same point (g's point is f's).</summary>
    public sealed record Pair(GraphCase F, GraphCase G)
    {
        public override string ToString() => $"f = {F}\ng = {G}";
    }

    /// <summary>f at its point, and g whose inputs are f's plus <c>u</c>, bound to f's value there.</summary>
    private static Gen<Pair> Pairs(Func<GraphCase, Bindings> fixedForG, Func<GraphCase, bool> accept) =>
        GraphGen.Cases(new GraphOptions()).SelectMany(f =>
            GraphGen.Cases(new GraphOptions { Fixed = fixedForG(f), MinInputs = 0, MaxInputs = 0 })
                .Where(accept)
                .Select(g => new Pair(f, g)));

    /// <summary>Shrinks one graph of the pair at a time, leaving the other (and the values the two share) alone.</summary>
    private static IEnumerable<Pair> ShrinkPair(Pair pair, bool shrinkF) =>
        (shrinkF ? GraphGen.Shrink(pair.F).Select(f => pair with { F = f }) : [])
        .Concat(GraphGen.Shrink(pair.G).Select(g => pair with { G = g }));

    private static Bindings Merge(Bindings a, Bindings b) => b.Aggregate(a, (all, e) => all.With(e.Key, e.Value));

    [Fact]
    public void GradientIsLinear() =>
        Cases.Check(Prop.ForAll(
            Arb.From(Pairs(f => f.Point, _ => true), p => ShrinkPair(p, shrinkF: true)),
            Numbers.Coefficient(), Numbers.Coefficient(), (pair, a, b) =>
            {
                var (f, g) = (pair.F, pair.G);
                var combined = Expr.Constant(a) * f.Graph + Expr.Constant(b) * g.Graph;
                var point = Merge(f.Point, g.Point);
                var (gradF, gradG) = (Reverse.Grad(f.Graph, f.Point), Reverse.Grad(g.Graph, g.Point));
                var (absF, absG) = (GraphTools.AbsoluteGradient(f.Graph, f.Point), GraphTools.AbsoluteGradient(g.Graph, g.Point));
                foreach (var combinedGrad in new[] { Reverse.Grad(combined, point), Forward.Grad(combined, point) })
                {
                    foreach (var name in combinedGrad.Names)
                    {
                        var expected = a * gradF.GetOrDefault(name, 0) + b * gradG.GetOrDefault(name, 0);
                        var scale = Math.Abs(a) * absF.GetValueOrDefault(name) + Math.Abs(b) * absG.GetValueOrDefault(name);
                        Close(combinedGrad[name], expected, ModeTolerance * Math.Max(1, scale), $"∂/∂{name} of a·f + b·g");
                    }
                }
            }));

    [Fact]
    public void GradientFollowsTheChainRule() =>
        Cases.Check(Prop.ForAll(
            Arb.From(Pairs(f => f.Point.With("u", Graph.Evaluate(f.Graph, f.Point)), g => Graph.Inputs(g.Graph).Contains("u")),
                p => ShrinkPair(p, shrinkF: false)),
            pair =>
            {
                var (f, g) = (pair.F, pair.G);
                var composition = Graph.Substitute(g.Graph, "u", f.Graph);
                var point = Bindings.From(Merge(f.Point, g.Point).Where(e => e.Key != "u"));
                Require(BitConverter.DoubleToInt64Bits(Graph.Evaluate(composition, point)) == BitConverter.DoubleToInt64Bits(Graph.Evaluate(g.Graph, g.Point)),
                    () => "g(f(x), x) does not evaluate to g at u = f(x)");
                var (gradF, gradG) = (Reverse.Grad(f.Graph, f.Point), Reverse.Grad(g.Graph, g.Point));
                var (absF, absG) = (GraphTools.AbsoluteGradient(f.Graph, f.Point), GraphTools.AbsoluteGradient(g.Graph, g.Point));
                foreach (var grad in new[] { Reverse.Grad(composition, point), Forward.Grad(composition, point) })
                {
                    foreach (var name in grad.Names)
                    {
                        var expected = gradG.GetOrDefault("u", 0) * gradF.GetOrDefault(name, 0) + gradG.GetOrDefault(name, 0);
                        var scale = absG.GetValueOrDefault("u") * absF.GetValueOrDefault(name) + absG.GetValueOrDefault(name);
                        Close(grad[name], expected, ModeTolerance * Math.Max(1, scale), $"∂/∂{name} of g(f(x), x)");
                    }
                }
            }));
}
