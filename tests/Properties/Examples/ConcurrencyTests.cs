using System.Collections.Concurrent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Examples;

/// <summary>
/// One graph, sixteen threads: evaluating and differentiating a shared graph — in both modes, through shared
/// pullbacks, and as functions of <see cref="Dual"/> and <see cref="ReverseNumber"/> numbers — from 16 threads
/// at once gives the same bits as a single thread, including on the first use of a fresh graph, when all the
/// threads race to lay it out.
/// </summary>
public class ConcurrencyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    public const int Threads = 16;

    /// <summary>Rounds per run: each round starts all threads together on a graph no thread has laid out yet.</summary>
    public static int Rounds => Cases.Count(40);

    /// <summary>A random graph of a few hundred nodes over the whole catalogue: the sum of 30 generated graphs at one point.</summary>
    private static readonly Lazy<GraphCase> Shared = new(() =>
    {
        var random = new Random(20261127);
        var point = Bindings.From(Enumerable.Range(0, 6).Select(i => KeyValuePair.Create($"x{i}", 6 * random.NextDouble() - 3)));
        var options = new GraphOptions { Fixed = point, MinInputs = 0, MaxInputs = 0 };
        var sum = Enumerable.Range(0, 30).Select(_ => GraphGen.Build(options, random).Graph).Aggregate((a, b) => a + b);
        return new GraphCase(sum, point);
    });

    /// <summary>Every result as bit patterns and text, in a fixed order.</summary>
    private static List<string> Run(Expr graph, Bindings at, Func<Tensor, Gradient> sharedPullback, Func<double, System.Collections.Immutable.ImmutableArray<double>> sharedNumberPullback)
    {
        var results = new List<string>();
        void Add(double value) => results.Add(BitConverter.DoubleToInt64Bits(value).ToString("X16"));
        void AddAll(IEnumerable<double> values) { foreach (var v in values) Add(v); }

        var inputs = Graph.Inputs(graph);
        var values = inputs.Select(n => at.Scalar(n)).ToArray();
        Add(Graph.Evaluate(graph, at));
        AddAll(Forward.Grad(graph, at).Numbers());
        Add(Forward.Jvp(graph, at, Bindings.From(inputs.Select((n, i) => KeyValuePair.Create(n, 1.0 + i)))).Tangent);
        AddAll(Reverse.Grad(graph, at).Numbers());
        AddAll(Reverse.Vjp(graph, at).Pullback(-0.5).Numbers());
        AddAll(sharedPullback(1).Numbers());
        AddAll(sharedPullback(3).Numbers());
        AddAll(Reverse.GradOf(GraphTools.AsReverseFunction(graph), values));
        AddAll(sharedNumberPullback(1));
        AddAll(Forward.GradOf(GraphTools.AsDualFunction(graph), values));
        results.Add(graph.ToString());
        results.Add(Graph.NodeCount(graph).ToString());
        return results;
    }

    [Fact]
    public void SixteenThreadsGetTheBitsOfOne()
    {
        var (graph, at) = Shared.Value;
        var single = GraphTools.Rebuild(graph);
        var expected = Run(single, at, Reverse.Vjp(single, at).Pullback,
            Reverse.VjpOf(GraphTools.AsReverseFunction(single), [.. Graph.Inputs(single).Select(n => at.Scalar(n))]).Pullback);
        Assert.True(Graph.NodeCount(graph) > 150, $"the shared graph has only {Graph.NodeCount(graph)} nodes");
        output.WriteLine($"{Threads} threads, {Rounds} rounds, {Graph.NodeCount(graph)} nodes, {expected.Count} results per run");

        var failures = new ConcurrentQueue<string>();
        var layouts = new object[Threads];
        var operations = 0L;
        Expr current = graph;
        Func<Tensor, Gradient> pullback = _ => throw new InvalidOperationException();
        Func<double, System.Collections.Immutable.ImmutableArray<double>> numberPullback = _ => throw new InvalidOperationException();
        var rounds = Rounds;
        var round = 0;
        // Between rounds the last thread to arrive makes a fresh copy of the graph and the shared pullbacks.
        using var barrier = new Barrier(Threads, _ =>
        {
            if (layouts.Distinct(ReferenceEqualityComparer.Instance).Count() != 1)
                failures.Enqueue($"round {round}: the threads saw {layouts.Distinct(ReferenceEqualityComparer.Instance).Count()} different layouts");
            current = GraphTools.Rebuild(graph);
            var laidOutOnce = GraphTools.Rebuild(graph);
            pullback = Reverse.Vjp(laidOutOnce, at).Pullback;
            numberPullback = Reverse.VjpOf(GraphTools.AsReverseFunction(laidOutOnce), [.. Graph.Inputs(laidOutOnce).Select(n => at.Scalar(n))]).Pullback;
            round++;
        });
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try
            {
                barrier.SignalAndWait();
                for (var r = 0; r < rounds; r++)
                {
                    var mine = current;
                    layouts[t] = mine.Topology; // every thread races to lay out the fresh graph
                    var actual = Run(mine, at, pullback, numberPullback);
                    Interlocked.Increment(ref operations);
                    if (!actual.SequenceEqual(expected))
                        failures.Enqueue($"thread {t}, round {r}: the first difference is at result {actual.Zip(expected).TakeWhile(p => p.First == p.Second).Count()}");
                    barrier.SignalAndWait();
                }
            }
            catch (Exception e)
            {
                failures.Enqueue($"thread {t}: {e}");
                barrier.RemoveParticipant();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
        Assert.Equal((long)Threads * rounds, operations);
    }

    [Fact]
    public void GraphsAndParametersSerializeTheSameFromManyThreads()
    {
        var (graph, at) = Shared.Value;
        var json = GraphJson.Serialize(graph);
        var point = ParameterJson.Serialize(at);
        var results = new ConcurrentBag<bool>();
        Parallel.For(0, Threads * 4, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            var copy = GraphTools.Rebuild(graph);
            results.Add(GraphJson.Serialize(copy) == json && GraphJson.Deserialize(json) == graph
                        && ParameterJson.Serialize(at) == point && ParameterJson.DeserializeBindings(point).Equals(at));
        });
        Assert.Equal(Threads * 4, results.Count);
        Assert.All(results, Assert.True);
    }
}
