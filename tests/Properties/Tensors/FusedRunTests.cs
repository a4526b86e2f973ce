using System.Collections.Concurrent;
using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Examples;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Tensors.TensorCompilationProperties;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Elementwise runs in a compiled plan are one pass each, block by block: a long chain becomes one run, and on random
/// chains over tensors of up to 40×40 elements (several blocks, a short remainder), with broadcast scalars, rows and
/// columns and nodes read twice, the plan gives the interpreter's value, gradient and JVP bit for bit, again on a
/// second call, and from sixteen threads at once.
/// </summary>
public class FusedRunTests
{
    /// <summary>exp(tanh(X·c + b) − 1), negated, + 2, relu, log(· + 1), ÷ (X² + 1): thirteen elementwise nodes, one tree.</summary>
    private static Expr Chain(Shape shape)
    {
        var (x, b, c) = (Expr.Input("X", shape), Expr.Input("b", Shape.Vector(shape[1])), Expr.Input("c"));
        var h = Expr.Exp(Expr.Tanh(x * c + b) - 1);
        var r = Expr.Log(Expr.Relu(-h + 2) + 1);
        return r / (x * x + 1);
    }

    private static Bindings ChainPoint(Shape shape, int seed)
    {
        var random = new Random(seed);
        return Bindings.Of(
            ("X", Tensor.Create(shape, (_, _) => 2 * random.NextDouble() - 1)),
            ("b", Tensor.Create(Shape.Vector(shape[1]), (_, _) => random.NextDouble() - 0.5)),
            ("c", 0.5 + random.NextDouble()));
    }

    [Fact]
    public void A_long_elementwise_chain_is_one_run_and_gives_the_interpreters_bits()
    {
        var shape = Shape.Matrix(37, 29); // 1,073 elements: blocks of 512 and 561
        var graph = Chain(shape);
        var loss = Expr.Sum(graph);
        var plan = Reverse.Compile(loss).Plan!;
        var run = Assert.Single(plan.FusedRuns);
        var elementwise = loss.Topology.Nodes.Count(n => n is ApplyNode { Primitive: ElementwisePrimitive });
        Assert.Equal(elementwise, run.Count);
        Assert.Equal(13, run.Count);

        var at = ChainPoint(shape, 1);
        Assert.Equal(Bits(Reverse.ValueAndGrad(loss, at)), Bits(Reverse.Compile(loss).Invoke(at)));
        var direction = Direction(at, new Random(2));
        var (expected, got) = (Forward.Jvp(graph, at, direction), Forward.Compile(graph).Invoke(at, direction));
        Assert.Single(Forward.Compile(graph).Plan!.FusedRuns);
        Assert.Equal(Bits(expected.Value) + Bits(expected.Tangent), Bits(got.Value) + Bits(got.Tangent));
    }

    [Fact]
    public void A_value_read_outside_its_run_ends_the_run()
    {
        var x = Expr.Input("X", Shape.Matrix(4, 3));
        var shared = Expr.Tanh(x * 2);
        var loss = Expr.Sum(Expr.Exp(shared) + 1) + Expr.Sum(shared);
        var runs = Reverse.Compile(loss).Plan!.FusedRuns;
        // x·2 → tanh is one run (tanh is read twice, so it is its run's output); exp → + 1 is another.
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(2, r.Count));
        var at = Bindings.Of(("X", Tensor.Create(Shape.Matrix(4, 3), (i, j) => 0.3 * i - 0.2 * j)));
        Assert.Equal(Bits(Reverse.ValueAndGrad(loss, at)), Bits(Reverse.Compile(loss).Invoke(at)));
    }

    [Fact]
    public void Random_chains_over_several_blocks_give_the_interpreters_bits() =>
        Cases.Check(Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), seed =>
        {
            var (graph, at) = RandomChain(new Random(seed));
            var loss = Expr.Sum(graph);
            var direction = Direction(at, new Random(seed ^ 0x5a5a));
            var (step, jvp) = (Reverse.Compile(loss), Forward.Compile(graph));
            var expected = Bits(Reverse.ValueAndGrad(loss, at));
            var expectedJvp = Forward.Jvp(graph, at, direction);
            var first = step.Invoke(at);
            var firstBits = Bits(first);
            var firstJvp = jvp.Invoke(at, direction);
            var againJvp = jvp.Invoke(at, direction);
            return (firstBits == expected).Label("the gradient differs from the interpreter's")
                .And((Bits(firstJvp.Value) + Bits(firstJvp.Tangent) == Bits(expectedJvp.Value) + Bits(expectedJvp.Tangent)).Label("the JVP differs"))
                .And((Bits(step.Invoke(at)) == expected).Label("a second call differs"))
                .And((Bits(first) == firstBits).Label("a handed-out gradient was overwritten"))
                .And((Bits(againJvp.Value) + Bits(againJvp.Tangent) == Bits(expectedJvp.Value) + Bits(expectedJvp.Tangent)).Label("a second JVP call differs"));
        }), Cases.Count(60));

    [Fact]
    public void Sixteen_threads_calling_one_fused_plan_get_the_bits_of_one()
    {
        var shape = Shape.Matrix(33, 20);
        var loss = Expr.Sum(Chain(shape));
        var points = Enumerable.Range(0, ConcurrencyTests.Threads).Select(k => ChainPoint(shape, k)).ToArray();
        var expected = points.Select(p => Bits(Reverse.ValueAndGrad(loss, p))).ToArray();
        var step = Reverse.Compile(loss);
        Assert.NotEmpty(step.Plan!.FusedRuns);
        var failures = new ConcurrentQueue<string>();
        using var barrier = new Barrier(ConcurrencyTests.Threads);
        var threads = Enumerable.Range(0, ConcurrencyTests.Threads).Select(t => new Thread(() =>
        {
            barrier.SignalAndWait();
            var kept = new List<(int Point, ValueAndGradient<double, Gradient> Result)>();
            for (var round = 0; round < 20; round++)
            {
                var k = (t + round) % points.Length;
                var result = step.Invoke(points[k]);
                if (Bits(result) != expected[k]) failures.Enqueue($"thread {t}, round {round}, point {k}");
                kept.Add((k, result));
            }
            // Results handed out earlier are untouched by the later calls of every thread.
            foreach (var (k, result) in kept)
                if (Bits(result) != expected[k]) failures.Enqueue($"thread {t}: a result at point {k} was overwritten");
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(failures);
    }

    /// <summary>
    /// A random elementwise graph over an m×n matrix (m, n up to 40): each step applies one of the fused primitives to
    /// the last node or an earlier one, the second argument an earlier node or an input of the full shape, a scalar,
    /// a row or a column. Log and ÷ get arguments kept positive (a² + 1), exp a bounded one (tanh), so values stay finite.
    /// </summary>
    private static (Expr Graph, Bindings At) RandomChain(Random random)
    {
        var shape = Shape.Matrix(random.Next(1, 41), random.Next(1, 41));
        var at = Bindings.Empty;
        var inputs = 0;
        Expr Fresh(Shape s)
        {
            var name = "t" + inputs++;
            at = at.With(name, Tensor.Create(s, (_, _) => 2 * random.NextDouble() - 1));
            return Expr.Input(name, s);
        }
        var pool = new List<Expr> { Fresh(shape) };
        Expr Pick() => random.Next(3) > 0 ? pool[^1] : pool[random.Next(pool.Count)];
        Expr Other() => random.Next(5) switch
        {
            0 => Fresh(Shape.Scalar),
            1 => Fresh(Shape.Vector(shape[1])),
            2 => Fresh(Shape.Matrix(shape[0], 1)),
            3 => Fresh(shape),
            _ => pool[random.Next(pool.Count)],
        };
        var steps = random.Next(2, 12);
        for (var k = 0; k < steps; k++)
        {
            var a = Pick();
            Expr next = random.Next(9) switch
            {
                0 => -a,
                1 => Expr.Exp(Expr.Tanh(a)),
                2 => Expr.Log(a * a + 1),
                3 => Expr.Tanh(a),
                4 => Expr.Relu(a),
                5 => a + Other(),
                6 => random.Next(2) == 0 ? a - Other() : Other() - a,
                7 => a * Other(),
                _ => a / (Other() * Other() + 1),
            };
            pool.Add(next);
        }
        var used = pool[^1].Topology.InputNames;
        return (pool[^1], Bindings.From(at.Where(p => used.Contains(p.Key))));
    }
}
