using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Loops;

/// <summary>
/// A <c>scan</c> node is its unrolled graph: on random steps over the carry <c>c</c>, the slice <c>x</c> and a
/// parameter, the loss Σ w_t·y_t of the stacked outputs y_t = c_t·x_t + c_{t+1}, and its gradient with respect to the
/// initial carry, the parameter, every slice of the sequence and every weight, in both modes and under every
/// checkpointing, equal those of the graph unrolled over scalar inputs x0, x1, … and w0, w1, … The sums over t are a
/// <c>Sum</c> of a vector in one and a chain of additions in the other, so they are compared to
/// <see cref="GradientChecks.ModeTolerance"/> on the absolute-gradient scale.
/// </summary>
public class ScanProperties
{
    private sealed record ScanCase(Expr Step, int Count, Bindings Point)
    {
        public override string ToString() => $"{Count} steps of c ← {Step}   at   {Point}";
    }

    private static Arbitrary<ScanCase> Cases() => Arb.From(Gen.Choose(0, int.MaxValue - 1).Select(seed =>
    {
        var random = new Random(seed);
        var drawn = GraphGen.Build(new GraphOptions
        {
            Fixed = Bindings.Of(("c", 2 * random.NextDouble() - 1), ("x", 2 * random.NextDouble() - 1)),
            Prefix = "p", MinInputs = 0, MaxInputs = 1, MaxApplications = 6, InputRange = 1,
        }, random);
        var count = random.Next(1, 13);
        var point = drawn.Point.Where(e => e.Key != "x").ToList();
        for (var t = 0; t < count; t++)
        {
            point.Add(KeyValuePair.Create("x" + t, (Tensor)(2 * random.NextDouble() - 1)));
            point.Add(KeyValuePair.Create("w" + t, (Tensor)(2 * random.NextDouble() - 1)));
        }
        return new ScanCase(drawn.Graph, count, Bindings.From(point));
    }));

    private static Expr Next(Expr step, Expr c, Expr x) => Graph.Substitute(Graph.Substitute(step, "c", c), "x", x);

    [Fact]
    public void ValueAndDerivativesEqualTheUnrolledGraph() =>
        Support.Cases.Check(Prop.ForAll(Cases(), s =>
        {
            var n = s.Count;
            var unrolled = (Expr)0.0;
            var carry = Expr.Input("c");
            for (var t = 0; t < n; t++)
            {
                var (x, w) = (Expr.Input("x" + t), Expr.Input("w" + t));
                var next = Next(s.Step, carry, x);
                unrolled += w * (carry * x + next);
                carry = next;
            }
            var (xs, ws) = (Expr.Input("xs", Shape.Vector(n)), Expr.Input("ws", Shape.Vector(n)));
            var scan = Expr.Scan(Expr.Input("c"), xs, (c, x) =>
            {
                var next = Next(s.Step, c, x);
                return (next, c * x + next);
            });
            var loss = Expr.Sum(ws * scan);
            var vector = (string stem) => Tensor.Vector([.. Enumerable.Range(0, n).Select(t => s.Point[stem + t].ToScalar())]);
            var at = Bindings.From(s.Point.Where(e => !e.Key.StartsWith('x') && !e.Key.StartsWith('w'))
                .Append(KeyValuePair.Create("xs", vector("x"))).Append(KeyValuePair.Create("ws", vector("w"))));

            var expected = Reverse.Grad(unrolled, s.Point);
            var scale = GraphTools.AbsoluteGradient(unrolled, s.Point);
            var value = Graph.Evaluate(unrolled, s.Point).ToScalar();
            if (!double.IsFinite(value) || expected.Names.Any(name => !double.IsFinite(expected[name].ToScalar()) || !double.IsFinite(scale[name]))) return;
            var valueScale = Enumerable.Range(0, n).Sum(t => Math.Abs(s.Point["w" + t].ToScalar())) * Math.Max(1, Math.Abs(value));
            GradientChecks.Close(Graph.Evaluate(loss, at).ToScalar(), value, GradientChecks.ModeTolerance * Math.Max(1, valueScale), "the value");
            double Of(Gradient g, string name) => name.Length > 1 && (name[0] == 'x' || name[0] == 'w') && char.IsDigit(name[1])
                ? g[name[0] + "s"].ToArray()[int.Parse(name[1..], System.Globalization.CultureInfo.InvariantCulture)]
                : g[name].ToScalar();
            foreach (var options in new[] { ReverseOptions.Default, ReverseOptions.StoreEveryStep, ReverseOptions.WithBudget(2) })
            {
                var gradient = Reverse.Grad(loss, at, options);
                foreach (var name in expected.Names)
                    GradientChecks.Close(Of(gradient, name), expected[name].ToScalar(), GradientChecks.ModeTolerance * Math.Max(1, scale[name]),
                        $"∂/∂{name} with {options.Checkpointing}");
            }
            foreach (var name in new[] { "c", "p0" }.Where(expected.Names.Contains))
            {
                var tangent = Forward.Jvp(loss, at, Bindings.Of((name, 1.0))).Tangent.ToScalar();
                GradientChecks.Close(tangent, expected[name].ToScalar(), GradientChecks.ModeTolerance * Math.Max(1, scale[name]), $"JVP along {name}");
            }
            var along = Forward.Jvp(loss, at, Bindings.Of(("xs", Tensor.Vector([.. Enumerable.Repeat(1.0, n)])))).Tangent.ToScalar();
            var sum = Enumerable.Range(0, n).Sum(t => expected["x" + t].ToScalar());
            GradientChecks.Close(along, sum, GradientChecks.ModeTolerance * Math.Max(1, Enumerable.Range(0, n).Sum(t => scale["x" + t])), "JVP along every slice");
        }), 300);
}
