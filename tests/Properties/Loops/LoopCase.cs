using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Loops;

/// <summary>A random loop body over the carry <c>c</c> and parameters <c>p0</c>, <c>p1</c>, a step count, and a point.</summary>
/// <param name="Body">The body: the new carry from <c>c</c> and the parameters.</param>
/// <param name="Count">The number of steps.</param>
/// <param name="Point">A value for <c>c</c> (the initial carry) and every parameter.</param>
public sealed record LoopCase(Expr Body, int Count, Bindings Point)
{
    /// <summary>The loop as one node, from the outer input <c>c</c>.</summary>
    public Expr Loop => Expr.Fold(Body, "c", Expr.Input("c"), Count);

    /// <summary>The same loop unrolled: the body substituted into itself <see cref="Count"/> times.</summary>
    public Expr Unrolled
    {
        get
        {
            var x = Expr.Input("c");
            for (var k = 0; k < Count; k++) x = Graph.Substitute(Body, "c", x);
            return x;
        }
    }

    /// <summary>Printed by FsCheck for a counterexample.</summary>
    public override string ToString() => $"{Count} steps of c ← {Body}   at   {Point}";

    /// <summary>
    /// A body drawn by <see cref="GraphGen"/> over <c>c</c> and up to two parameters, and 0 to 40 steps: halved until the
    /// unrolled loop's value and gradient are finite (a random body iterated often leaves every domain, or overflows,
    /// where a comparison says little).
    /// </summary>
    public static LoopCase Draw(Random random)
    {
        var options = new GraphOptions
        {
            Fixed = Bindings.Of(("c", 2 * random.NextDouble() - 1)),
            Prefix = "p",
            MinInputs = 0,
            MaxInputs = 2,
            MaxApplications = 8,
            InputRange = 1,
        };
        var drawn = GraphGen.Build(options, random);
        var count = random.Next(0, 41);
        while (count > 0 && !Finite(new LoopCase(drawn.Graph, count, drawn.Point))) count /= 2;
        return new LoopCase(drawn.Graph, count, drawn.Point);
    }

    private static bool Finite(LoopCase c)
    {
        var unrolled = c.Unrolled;
        var gradient = Reverse.Grad(unrolled, c.Point);
        var scale = GraphTools.AbsoluteGradient(unrolled, c.Point);
        return double.IsFinite(Graph.Evaluate(unrolled, c.Point).ToScalar())
            && gradient.Names.All(n => double.IsFinite(gradient[n].ToScalar()) && double.IsFinite(scale[n]));
    }
}
