using System.Globalization;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Core;

/// <summary>A property did not hold; the message says where and by how much.</summary>
public sealed class PropertyFailure(string message) : Exception(message);

/// <summary>
/// The checks shared by the property tests and the mutation tests. Each throws <see cref="PropertyFailure"/>
/// with the numbers involved when the property does not hold for the case.
/// </summary>
public static class GradientChecks
{
    /// <summary>
    /// Forward and reverse mode must agree to |fwdᵢ − revᵢ| ≤ 1e-10 · max(1, |g|ᵢ), where |g| is the absolute
    /// gradient (<see cref="GraphTools.AbsoluteGradient"/>). Why this bound: both modes compute ∂f/∂xᵢ as the same
    /// sum over paths of products of the same local partials, only grouped differently; each rounding is
    /// relative to a partial sum of those terms, so either result is within a small multiple of n·ε·|g|ᵢ of
    /// the exact value (n ≤ ~40 nodes here, ε ≈ 1.1e-16: a few 1e-15·|g|ᵢ), whatever the cancellation. 1e-10
    /// leaves five orders of magnitude of room and still catches any wrong rule by a sizeable factor.
    /// </summary>
    public const double ModeTolerance = 1e-10;

    /// <summary>
    /// A gradient must match finite differences (<see cref="CentralDifference"/>) to 1e-6 · (1 + |g|ᵢ + |f|).
    /// Error budget: after the Richardson step the truncation error is O(h⁴) and negligible; rounding in the
    /// four evaluations is a few ε·|f|-sized errors divided by h ≥ 1e-6, i.e. ≈ 1e-10·|f|, and the |g|ᵢ term
    /// covers rounding amplified through the graph. The generator keeps arguments ≥ 0.05 from kinks and
    /// ≥ 0.1 from domain edges, and each node's sensitivity ≤ 1000, so a step of 2h moves no argument by
    /// more than 2e-3: no step crosses a kink or leaves a domain. Worst error seen over 200,000 cases:
    /// 1.6e-9 of this scale, 600 times inside the tolerance.
    /// </summary>
    public const double FiniteDifferenceTolerance = 1e-6;

    /// <summary>Relative step of the central differences.</summary>
    public const double Step = 1e-6;

    /// <summary>Forward.Grad equals Reverse.Grad to <see cref="ModeTolerance"/> on the absolute-gradient scale.</summary>
    public static void ForwardEqualsReverse(GraphCase c)
    {
        var forward = Forward.Grad(c.Graph, c.Point);
        var reverse = Reverse.Grad(c.Graph, c.Point);
        var scale = GraphTools.AbsoluteGradient(c.Graph, c.Point);
        Require(forward.Names.SequenceEqual(reverse.Names), () => $"inputs differ: [{forward}] vs [{reverse}]");
        foreach (var name in forward.Names)
        {
            Close(forward[name], reverse[name], ModeTolerance * Math.Max(1, scale[name]),
                $"∂/∂{name}: forward vs reverse");
        }
    }

    /// <summary>Both modes equal central finite differences within <see cref="FiniteDifferenceTolerance"/>.</summary>
    public static void MatchesFiniteDifferences(GraphCase c)
    {
        var value = Graph.Evaluate(c.Graph, c.Point);
        var forward = Forward.Grad(c.Graph, c.Point);
        var reverse = Reverse.Grad(c.Graph, c.Point);
        var scale = GraphTools.AbsoluteGradient(c.Graph, c.Point);
        foreach (var name in Graph.Inputs(c.Graph))
        {
            var estimate = CentralDifference(c, name);
            var tolerance = FiniteDifferenceTolerance * (1 + scale[name] + Math.Abs(value));
            Close(forward[name], estimate, tolerance, $"∂/∂{name}: forward vs finite differences");
            Close(reverse[name], estimate, tolerance, $"∂/∂{name}: reverse vs finite differences");
        }
    }

    /// <summary>
    /// The central difference along input <paramref name="name"/> with step h = <see cref="Step"/>·max(1, |x|),
    /// refined by one Richardson step: (4·D(h) − D(2h)) / 3 cancels the h² term of the truncation error, so what
    /// remains is O(h⁴·f⁽⁵⁾) plus rounding of about ε·|f|/h.
    /// </summary>
    public static double CentralDifference(GraphCase c, string name)
    {
        var h = Step * Math.Max(1, Math.Abs(c.Point[name]));
        return (4 * Central(c, name, h) - Central(c, name, 2 * h)) / 3;
    }

    /// <summary>(f(x + h) − f(x − h)) / (the distance actually between the two points) along input <paramref name="name"/>.</summary>
    private static double Central(GraphCase c, string name, double h)
    {
        var x = c.Point[name];
        double up = x + h, down = x - h;
        return (Graph.Evaluate(c.Graph, c.Point.With(name, up)) - Graph.Evaluate(c.Graph, c.Point.With(name, down))) / (up - down);
    }

    /// <summary>
    /// ⟨u, J v⟩ = ⟨Jᵀ u, v⟩: the forward JVP along <paramref name="v"/> times <paramref name="u"/> equals the
    /// reverse pullback of <paramref name="u"/> dotted with v, to <see cref="ModeTolerance"/> relative to the
    /// absolute scale |u|·Σᵢ |g|ᵢ·|vᵢ| (the same argument as for <see cref="ForwardEqualsReverse"/>).
    /// </summary>
    public static void TransposeIdentity(GraphCase c, double u, Bindings v)
    {
        var jv = Forward.Jvp(c.Graph, c.Point, v).Tangent;
        var jTu = Reverse.Vjp(c.Graph, c.Point).Pullback(u);
        var scale = GraphTools.AbsoluteGradient(c.Graph, c.Point);
        var dot = v.Names.Sum(n => jTu[n] * v[n]);
        var absolute = Math.Abs(u) * v.Names.Sum(n => scale[n] * Math.Abs(v[n]));
        Close(u * jv, dot, ModeTolerance * Math.Max(1, absolute), "⟨u, Jv⟩ vs ⟨Jᵀu, v⟩");
    }

    /// <summary>Every check above; the transpose identity with a fixed u and <see cref="FixedDirection"/>.</summary>
    public static void All(GraphCase c)
    {
        ForwardEqualsReverse(c);
        MatchesFiniteDifferences(c);
        TransposeIdentity(c, -1.7, FixedDirection(c));
    }

    /// <summary>A direction with distinct, nonzero tangents 1, 0.63, 0.26, −0.11, … for the graph's inputs.</summary>
    public static Bindings FixedDirection(GraphCase c) =>
        Bindings.From(Graph.Inputs(c.Graph).Select((n, i) => KeyValuePair.Create(n, 1.0 - 0.37 * i)));

    /// <summary>Throws unless |actual − expected| ≤ tolerance (NaN never passes).</summary>
    public static void Close(double actual, double expected, double tolerance, string what)
    {
        var difference = Math.Abs(actual - expected);
        Require(difference <= tolerance, () => string.Create(CultureInfo.InvariantCulture,
            $"{what}: {actual:R} vs {expected:R}, difference {difference:G3} > tolerance {tolerance:G3}"));
    }

    /// <summary>Throws <see cref="PropertyFailure"/> with the message when the condition is false.</summary>
    public static void Require(bool condition, Func<string> message)
    {
        if (!condition) throw new PropertyFailure(message());
    }
}
