using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Generators;

/// <summary>
/// Random well-formed scalar graphs, built bottom-up from a pool of nodes (the inputs and a few constants):
/// each step applies a primitive chosen uniformly from the catalogue to arguments picked either from the
/// most recent nodes (which makes the graph deep) or from the whole pool (which shares nodes). A candidate
/// application whose arguments fall outside the primitive's domain (see <see cref="Domains"/>) is rejected and
/// another is drawn, so the point is inside every domain of the finished graph.
/// </summary>
/// <remarks>
/// FsCheck draws one seed per case and the graph is built from it with <see cref="Random"/>: rejection and
/// retry read more plainly as a loop than as composed generators, and a case still replays from FsCheck's
/// seed. Shrinking does not go through the seed: <see cref="Shrink"/> works on the graph itself.
/// </remarks>
public static class GraphGen
{
    private const int AttemptsPerStep = 30;

    /// <summary>A node of the pool with its value and absolute sensitivity (see <see cref="Domains.MaxSensitivity"/>).</summary>
    private sealed record Slot(Expr Node, double Value, double Sensitivity);

    /// <summary>Graphs with the default options, shrinking to minimal graphs.</summary>
    public static Arbitrary<GraphCase> Arbitrary() => Arbitrary(new GraphOptions());

    /// <summary>Graphs as <paramref name="options"/> asks, shrinking to minimal graphs.</summary>
    public static Arbitrary<GraphCase> Arbitrary(GraphOptions options) => Arb.From(Cases(options), Shrink);

    /// <summary>The generator of graphs alone.</summary>
    public static Gen<GraphCase> Cases(GraphOptions options) =>
        Gen.Choose(0, int.MaxValue - 1).Select(seed => Build(options, new Random(seed)));

    /// <summary>Builds one case; starts over in the rare event that a required primitive finds no admissible arguments.</summary>
    public static GraphCase Build(GraphOptions options, Random random)
    {
        while (true)
        {
            if (TryBuild(options, random) is { } built) return built;
        }
    }

    private static GraphCase? TryBuild(GraphOptions o, Random random)
    {
        var count = random.Next(o.MinInputs, o.MaxInputs + 1);
        var names = o.Fixed.Names.Union(Enumerable.Range(0, count).Select(i => o.Prefix + i)).ToArray();
        var point = Bindings.From(names.Select(n =>
            KeyValuePair.Create(n, o.Fixed.GetOrDefault(n, (2 * random.NextDouble() - 1) * o.InputRange))));
        var pool = names.Select(n => new Slot(Expr.Input(n), point[n], Math.Max(1, Math.Abs(point[n])))).ToList();
        for (var c = random.Next(1, 3); c > 0; c--)
        {
            var value = Math.Round(4 * random.NextDouble() - 2, 2);
            pool.Add(new Slot(Expr.Constant(value), value, 0));
        }

        var applications = random.Next(1, o.MaxApplications + 1);
        var requiredStep = o.Required is null ? -1 : random.Next(applications);
        Slot? required = null, last = null;
        for (var step = 0; step < applications; step++)
        {
            for (var attempt = 0; attempt < AttemptsPerStep; attempt++)
            {
                var primitive = step == requiredStep ? o.Required! : o.Catalogue[random.Next(o.Catalogue.Length)];
                var first = Pick(pool, random);
                var second = primitive.Arity == 2 ? Pick(pool, random) : null;
                if (TryApply(primitive, first, second) is not { } made) continue;
                pool.Add(made);
                last = made;
                if (step == requiredStep) required = made;
                break;
            }
            if (step == requiredStep && required is null) return null;
        }
        if (last is null) return null;

        // The root: the last node, usually plus up to three dangling nodes (used by no other node; inputs
        // included), so that most of the applications and inputs reach the output.
        var root = last;
        if (random.Next(4) != 0)
        {
            var used = pool.SelectMany(s => s.Node is ApplyNode a ? a.Arguments : []).ToHashSet(ReferenceEqualityComparer.Instance);
            var dangling = pool.Where(s => !ReferenceEquals(s, last) && s.Node is not ConstantNode && !used.Contains(s.Node)).ToList();
            foreach (var extra in dangling.OrderBy(_ => random.Next()).Take(3))
                root = TryApply(Primitives.Add, root, extra) ?? root;
        }
        if (required is not null && !Graph.Nodes(root.Node).Contains(required.Node, ReferenceEqualityComparer.Instance))
            root = TryApply(Primitives.Add, root, required);
        return root is null ? null : new GraphCase(root.Node, point);
    }

    /// <summary>Three times in five one of the three most recent nodes (depth), otherwise any node of the pool (sharing).</summary>
    private static Slot Pick(List<Slot> pool, Random random) =>
        random.Next(5) < 3 ? pool[pool.Count - 1 - random.Next(Math.Min(3, pool.Count))] : pool[random.Next(pool.Count)];

    /// <summary>The application, or null when its arguments are outside the primitive's domain or it is too sensitive.</summary>
    private static Slot? TryApply(Primitive primitive, Slot first, Slot? second)
    {
        double x = first.Value, y = second?.Value ?? 0;
        if (!Domains.Admits(primitive, x, y)) return null;
        var z = primitive.Value(x, y);
        var (px, py) = Domains.Partials(primitive, x, y, z);
        var sensitivity = Math.Abs(px) * first.Sensitivity + (second is null ? 0 : Math.Abs(py) * second.Sensitivity);
        if (sensitivity > Domains.MaxSensitivity) return null;
        var node = second is null ? Expr.Apply(primitive, first.Node) : Expr.Apply(primitive, first.Node, second.Node);
        return new Slot(node, z, sensitivity);
    }

    /// <summary>
    /// Smaller cases, smallest first: (a) each proper sub-expression as the whole graph, and (b) the graph with
    /// one apply node bypassed by one of its arguments — each kept only if the point is still inside every
    /// domain. The point keeps just the inputs the smaller graph uses.
    /// </summary>
    public static IEnumerable<GraphCase> Shrink(GraphCase original)
    {
        var nodes = Graph.Nodes(original.Graph);
        var subExpressions = nodes.Take(nodes.Length - 1).OfType<ApplyNode>().Cast<Expr>()
            .Concat(nodes.OfType<InputNode>());
        var bypasses = nodes.OfType<ApplyNode>()
            .SelectMany(a => Enumerable.Range(0, a.Arguments.Length).Select(i => GraphTools.Bypass(original.Graph, a, i)));
        return subExpressions.Concat(bypasses)
            .Distinct()
            .Where(g => GraphTools.Admissible(g, original.Point))
            .OrderBy(Graph.NodeCount)
            .Select(g => new GraphCase(g, Bindings.From(original.Point.Where(e => Graph.Inputs(g).Contains(e.Key)))))
            .ToList();
    }
}
