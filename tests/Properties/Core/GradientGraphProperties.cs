using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// <see cref="Reverse.GradGraph"/> over random graphs: evaluating the gradient graph gives <see cref="Reverse.Grad(Expr, Bindings)"/>,
/// its size stays within a fixed bound, and differentiating it again gives second derivatives that match
/// finite differences of the gradient, by forward mode over the gradient graph and by reverse mode again.
/// </summary>
public class GradientGraphProperties
{
    /// <summary>
    /// Nodes a gradient graph adds per application at most (<see cref="SymbolicPartialsTests.EachApplicationCostsAtMostTenNodes"/>):
    /// pow's partials are six new nodes (1, y − 1, x^(y−1), y ⊙ …, ln x, z ⊙ …), and each of its two arguments
    /// takes one ⊙ by the adjoint and one addition.
    /// </summary>
    public const int NodesPerApplication = 20;

    /// <summary>
    /// The value is exactly the graph's value. The gradient is exactly <see cref="Reverse.Grad(Expr, Bindings)"/>'s when
    /// simplification changes nothing (the same sums in the same order); otherwise merged nodes add their
    /// adjoints before passing them on, which reassociates sums, and the two agree to
    /// <see cref="ModeTolerance"/> on the absolute-gradient scale, as forward and reverse mode do.
    /// </summary>
    [Fact]
    public void EvaluatingTheGradientGraphGivesReverseGrad() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), GradGraphEqualsGrad));

    internal static void GradGraphEqualsGrad(GraphCase c)
    {
        var evaluated = Reverse.GradGraph(c.Graph).Evaluate(c.Point);
        var expected = Reverse.ValueAndGrad(c.Graph, c.Point);
        Require(evaluated.Value.Equals(expected.Value), () => $"value: graph {evaluated.Value:R} vs {expected.Value:R}");
        var unchanged = Graph.NodeCount(Graph.Simplify(c.Graph)) == Graph.NodeCount(c.Graph) && Graph.Simplify(c.Graph) == c.Graph;
        var scale = GraphTools.AbsoluteGradient(c.Graph, c.Point);
        foreach (var name in expected.Gradient.Names)
        {
            var actual = evaluated.Gradient.GetOrDefault(name, 0).ToScalar(); // an input that simplification removed has partial 0
            if (unchanged) Require(actual == expected.Gradient.Scalar(name), () => $"∂/∂{name}: graph {actual:R} vs Reverse.Grad {expected.Gradient[name]:R}, exactly");
            else Close(actual, expected.Gradient[name], ModeTolerance * Math.Max(1, scale[name]), $"∂/∂{name}: graph vs Reverse.Grad");
        }
    }

    /// <summary>
    /// Value and gradient graphs together have at most N + 20·A + 2 distinct nodes for a graph of N nodes of which
    /// A are applications: at most <see cref="NodesPerApplication"/> per application (gelu's Φ(x) + x·φ(x) is the
    /// largest; most cost under 10), plus the constants 1 (the seed) and 0 (for an input the output does not reach).
    /// Before gelu the bound was 11·N; over 20,000 random graphs the
    /// largest ratio seen was 5.3 and the mean 1.7.
    /// </summary>
    [Fact]
    public void SizeStaysWithinTheBound() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var nodes = Graph.NodeCount(c.Graph);
            var applications = Graph.Nodes(c.Graph).Count(n => n is ApplyNode);
            var size = Reverse.GradGraph(c.Graph).NodeCount;
            Require(size <= nodes + NodesPerApplication * applications + 2, () => $"{size} nodes for {nodes} ({applications} applications)");
        }));

    /// <summary>
    /// The Hessian by forward mode over the gradient graph (one tangent sweep per input) equals central finite
    /// differences of <see cref="Reverse.Grad(Expr, Bindings)"/> (with the step and tolerance of <see cref="CentralDifference"/>,
    /// scaled by the absolute gradient of each partial's graph), equals reverse mode over each partial's graph
    /// to <see cref="ModeTolerance"/>, and is symmetric to that tolerance.
    /// </summary>
    [Fact]
    public void SecondDerivativesMatchFiniteDifferencesOfTheGradient() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var g = Reverse.GradGraph(c.Graph);
            var hessian = g.Hessian(c.Point);
            var inputs = g.Inputs;
            for (var i = 0; i < inputs.Length; i++)
            {
                var partial = g.Partials[i];
                var scale = GraphTools.AbsoluteGradient(partial, c.Point);
                var again = Reverse.GradGraph(partial).Evaluate(c.Point).Gradient;
                var gradientValue = Math.Abs(Graph.Evaluate(partial, c.Point));
                for (var j = 0; j < inputs.Length; j++)
                {
                    var (di, dj) = (inputs[i], inputs[j]);
                    var h = hessian[i, j];
                    var s = scale.GetValueOrDefault(dj);
                    Close(h, GradientDifference(c, di, dj), FiniteDifferenceTolerance * (1 + s + gradientValue), $"∂²/∂{dj}∂{di}: forward over the gradient graph vs finite differences of Reverse.Grad");
                    Close(again.GetOrDefault(dj, 0), h, ModeTolerance * Math.Max(1, s), $"∂²/∂{dj}∂{di}: reverse vs forward over the gradient graph");
                    var sT = GraphTools.AbsoluteGradient(g.Partials[j], c.Point).GetValueOrDefault(di);
                    Close(h, hessian[j, i], ModeTolerance * Math.Max(1, s + sT), $"∂²/∂{dj}∂{di} vs ∂²/∂{di}∂{dj}");
                }
            }
        }), Cases.Count(500));

    /// <summary>The Hessian-vector product is one tangent sweep, and equals the Hessian times the vector.</summary>
    [Fact]
    public void HessianVectorProductIsTheHessianTimesTheVector() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), Numbers.Direction(), (c, direction) =>
        {
            var g = Reverse.GradGraph(c.Graph);
            var v = Bindings.From(g.Inputs.Select((n, i) => KeyValuePair.Create(n, direction[i])));
            var hv = g.HessianVectorProduct(c.Point, v);
            var hessian = g.Hessian(c.Point);
            foreach (var name in g.Inputs)
            {
                var expected = g.Inputs.Select((n, j) => hessian[g.Inputs.IndexOf(name), j] * v[n].ToScalar()).Sum();
                var scale = g.Inputs.Select((n, j) => Math.Abs(hessian[g.Inputs.IndexOf(name), j] * v[n])).Sum();
                Close(hv[name], expected, 1e-12 * Math.Max(1, scale), $"(Hv)[{name}]");
            }
        }), Cases.Count(500));

    /// <summary>
    /// The property bites: with a primitive whose partials as graphs are a neighbour's (its numeric rules
    /// right) forced into every graph, evaluating the gradient graph no longer gives Reverse.Grad.
    /// </summary>
    [Theory]
    [MemberData(nameof(MutationTests.AllPrimitives), MemberType = typeof(MutationTests))]
    public void AWrongPartialGraphIsCaught(string primitive)
    {
        var original = Mutants.Targets.Single(p => p.ToString() == primitive);
        var wrong = SymbolicPartialsTests.WithPartialsOf(original, SymbolicPartialsTests.Neighbour(original));
        var options = new GraphOptions
        {
            Catalogue = [.. GraphOptions.DefaultCatalogue.Select(p => p.Equals(original) ? wrong : p)],
            Required = wrong,
        };
        var failure = Assert.ThrowsAny<Exception>(() => Cases.Check(Prop.ForAll(GraphGen.Arbitrary(options), GradGraphEqualsGrad), Cases.MutantBudget));
        Assert.Contains(nameof(PropertyFailure), failure.Message);
    }

    /// <summary>(4·D(h) − D(2h)) / 3 of ∂/∂<paramref name="of"/> along input <paramref name="along"/>, as <see cref="CentralDifference"/> does for values.</summary>
    private static double GradientDifference(GraphCase c, string of, string along)
    {
        var h = Step * Math.Max(1, Math.Abs(c.Point[along]));
        double D(double step)
        {
            var x = c.Point[along];
            double up = x + step, down = x - step;
            return (Reverse.Grad(c.Graph, c.Point.With(along, up))[of] - Reverse.Grad(c.Graph, c.Point.With(along, down))[of]) / (up - down);
        }
        return (4 * D(h) - D(2 * h)) / 3;
    }
}
