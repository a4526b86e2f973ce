using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// Each primitive states its partials three times side by side — for the JVP, for the VJP, and as graphs —
/// from one statement, except the graphs, which are written separately. So every primitive's partials as
/// graphs, evaluated, must equal its numeric partials exactly, at random points and at the special values
/// (±0, ±1, ±∞, NaN, tiny and huge); and a wrong statement (a neighbour's) must be caught.
/// </summary>
public class SymbolicPartialsTests
{
    private static readonly Expr X = Expr.Input("x"), Y = Expr.Input("y");

    /// <summary>The catalogue, the auxiliary primitives, and the x^p family with the exponents the generator uses plus 0, 1 and −2.</summary>
    public static readonly Primitive[] Targets =
        [.. GraphOptions.DefaultCatalogue, .. Primitives.Auxiliary, .. new[] { 0.0, 1, -2 }.Select(Primitives.PowerOf)];

    public static TheoryData<string> AllTargets() => [.. Targets.Select(p => p.ToString())];

    private static readonly double[] Specials =
        [0.0, -0.0, 1, -1, 2, 0.5, -0.5, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1e-300, -1e-300, 1e300, 3];

    /// <summary>Three times in four a uniform number in [−3, 3], otherwise a special value.</summary>
    private static Arbitrary<double> Point() =>
        Arb.From(Gen.Frequency((3, Numbers.Uniform(-3, 3)), (1, Gen.Elements(Specials))));

    [Theory]
    [MemberData(nameof(AllTargets))]
    public void PartialsAsGraphsEqualTheNumericPartials(string primitive)
    {
        var p = Targets.Single(t => t.ToString() == primitive);
        Cases.Check(Prop.ForAll(Point(), Point(), (x, y) => Consistent(p, x, y)));
        foreach (var x in Specials)
            foreach (var y in Specials) Consistent(p, x, y);
    }

    /// <summary>The same through <see cref="Reverse.GradGraph"/>: the simplifying builder keeps every partial exact.</summary>
    [Theory]
    [MemberData(nameof(AllTargets))]
    public void OneApplicationsGradientGraphEqualsReverseGrad(string primitive)
    {
        var p = Targets.Single(t => t.ToString() == primitive);
        var node = p.Arity == 1 ? Expr.Apply(p, X) : Expr.Apply(p, X, Y);
        var g = Reverse.GradGraph(node);
        foreach (var x in Specials)
        {
            foreach (var y in Specials)
            {
                var at = p.Arity == 1 ? Bindings.Of(("x", x)) : Bindings.Of(("x", x), ("y", y));
                var expected = Reverse.Grad(node, at);
                var actual = g.Evaluate(at).Gradient;
                foreach (var name in expected.Names)
                    Require(expected[name].ToScalar().Equals(actual.GetOrDefault(name, 0).ToScalar()), () => $"∂{node}/∂{name} at {at}: graph {actual.GetOrDefault(name, 0)} vs Reverse.Grad {expected[name]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public void AWrongStatementIsCaught(string primitive)
    {
        var p = Targets.Single(t => t.ToString() == primitive);
        var wrong = WithPartialsOf(p, Neighbour(p));
        var failure = Assert.ThrowsAny<Exception>(() => Cases.Check(Prop.ForAll(Point(), Point(), (x, y) => Consistent(wrong, x, y)), Cases.MutantBudget));
        Assert.Contains(nameof(PropertyFailure), failure.Message);
    }

    /// <summary>
    /// What a gradient graph costs per application beyond the application itself: the new nodes of its
    /// partials, and per argument one ⊙ and at most one addition. The bound of
    /// <see cref="GradientGraphProperties.SizeStaysWithinTheBound"/> rests on it.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllTargets))]
    public void EachApplicationCostsAtMostTwentyNodes(string primitive)
    {
        var p = Targets.Single(t => t.ToString() == primitive);
        var node = p.Arity == 1 ? Expr.Apply(p, X) : Expr.Apply(p, X, Y);
        var (dx, dy) = p.PartialsGraph(X, p.Arity == 1 ? null : Y, node);
        var partials = Graph.Nodes(dx).Concat(dy is null ? [] : Graph.Nodes(dy))
            .Where(n => !ReferenceEquals(n, X) && !ReferenceEquals(n, Y) && !ReferenceEquals(n, node))
            .Distinct(ReferenceEqualityComparer.Instance).Count();
        Assert.InRange(partials + 2 * p.Arity, 0, GradientGraphProperties.NodesPerApplication);
    }

    private static void Consistent(Primitive p, double x, double y)
    {
        if (p.Arity == 1) y = 0;
        var node = p.Arity == 1 ? Expr.Apply(p, X) : Expr.Apply(p, X, Y);
        var (dx, dy) = p.PartialsGraph(X, p.Arity == 1 ? null : Y, node);
        var at = Bindings.Of(("x", x), ("y", y));
        var numeric = p.Vjp(x, y, p.Value(x, y))(1);
        var symbolic = Graph.Evaluate(dx, at);
        Require(symbolic.ToScalar().Equals(numeric.First), () => $"∂{p}/∂x at x = {x:R}, y = {y:R}: graph {dx} gives {symbolic:R}, the rule {numeric.First:R}");
        if (dy is null) return;
        symbolic = Graph.Evaluate(dy, at);
        Require(symbolic.ToScalar().Equals(numeric.Second), () => $"∂{p}/∂y at x = {x:R}, y = {y:R}: graph {dy} gives {symbolic:R}, the rule {numeric.Second:R}");
    }

    /// <summary><paramref name="p"/> with its value and numeric rules but <paramref name="q"/>'s partials as graphs (at q's own output).</summary>
    internal static Primitive WithPartialsOf(Primitive p, Primitive q)
    {
        var e = (ElementwisePrimitive)p;
        return new ElementwisePrimitive(p.Name, p.Arity, p.Notation, p.Symbol, p.Precedence, p.Parameters, e.Value, e.Jvp, e.Vjp,
            (x, y, _) => q.PartialsGraph(x, y, y is null ? Expr.Apply(q, x) : Expr.Apply(q, x, y)), e.Raw);
    }

    internal static Primitive Neighbour(Primitive p) => p.Name switch
    {
        "step" => Primitives.StrongMultiply,
        "smul" => Primitives.Add,
        _ => Mutants.Neighbour(p),
    };
}
