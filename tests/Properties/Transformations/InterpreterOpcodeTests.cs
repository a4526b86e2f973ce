using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Examples;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Transformations;

/// <summary>
/// The interpreter states the rules of its common primitives inline (one opcode per node, a switch instead of a
/// delegate call). Each inline case must give its primitive's numbers bit for bit — the value rule, the JVP closure
/// and the pullback closure of <see cref="Primitives"/> — at ordinary points and at ±0, ±∞, NaN, subnormals and
/// overflow, for zero, infinite and NaN (co)tangents too. And the layout that assigns the opcodes must be the
/// structural post-order whatever order the nodes were created in.
/// </summary>
public class InterpreterOpcodeTests
{
    private static readonly double[] Specials =
    [
        0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, Math.PI / 2, 20.0, 710.0, -745.5, 1e-308, -double.Epsilon, 1e308,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    ];

    private static readonly (double Dx, double Dy)[] Directions =
        [(1, 0), (0, 1), (1, -2.5), (-0.0, 3), (double.PositiveInfinity, 0), (0, double.NaN), (0, 0)];

    private static readonly double[] Cotangents = [1, -2.5, -0.0, double.NegativeInfinity, double.NaN, 1e-300];

    public static TheoryData<string, string> Inline => new()
    {
        { "add", "Add" }, { "sub", "Subtract" }, { "mul", "Multiply" }, { "div", "Divide" }, { "neg", "Negate" },
        { "sin", "Sin" }, { "cos", "Cos" }, { "exp", "Exp" }, { "tanh", "Tanh" },
    };

    [Theory]
    [MemberData(nameof(Inline))]
    public void AnInlineOpcodeGivesItsPrimitivesNumbersBitForBit(string name, string opcode)
    {
        var primitive = Primitives.All.Single(p => p.Name == name);
        var (x, y) = (Expr.Input("x"), Expr.Input("y"));
        var graph = primitive.Arity == 1 ? Expr.Apply(primitive, x) : Expr.Apply(primitive, x, y);
        Assert.Equal(Enum.Parse<Opcode>(opcode), graph.Topology.Opcodes[^1]); // the case below runs the inline path
        foreach (var a in Specials)
        foreach (var b in primitive.Arity == 1 ? [0.0] : Specials)
        {
            var at = primitive.Arity == 1 ? Bindings.Of(("x", a)) : Bindings.Of(("x", a), ("y", b));
            var z = primitive.Value(a, b);
            Close.Bits(z, Graph.Evaluate(graph, at));
            foreach (var (dx, dy) in Directions)
            {
                var direction = primitive.Arity == 1 ? Bindings.Of(("x", dx)) : Bindings.Of(("x", dx), ("y", dy));
                var jvp = Forward.Jvp(graph, at, direction);
                Close.Bits(z, jvp.Value);
                Close.Bits(primitive.Jvp(a, b, z, dx, primitive.Arity == 1 ? 0 : dy), jvp.Tangent);
            }
            var vjp = Reverse.Vjp(graph, at);
            foreach (var u in Cotangents)
            {
                // The sweep adds a contribution into a zero adjoint and skips a zero one, so 0 + c is what it gives.
                var expected = primitive.Vjp(a, b, z)(u);
                var gradient = vjp.Pullback(u);
                Close.Bits(u == 0 ? 0 : 0.0 + expected.First, gradient["x"]);
                if (primitive.Arity == 2) Close.Bits(u == 0 ? 0 : 0.0 + expected.Second, gradient["y"]);
            }
        }
    }

    /// <summary>Buffers too large for the pool are allocated to size: zeros when asked, and given back without complaint.</summary>
    [Theory]
    [InlineData(1_000)]
    [InlineData((1 << 22) + 1)]
    public void ScratchBuffersHoldZerosAndGoBack(int length)
    {
        var buffer = Interpreter.Rent(length);
        Assert.True(buffer.Length >= length);
        Assert.True(buffer.AsSpan(0, length).IndexOfAnyExcept(0.0) < 0);
        if (length > 1 << 22) Assert.Equal(length, buffer.Length);
        buffer[length - 1] = 1;
        Interpreter.Return(buffer);
        var again = Interpreter.Rent(length);
        Assert.Equal(0.0, again[length - 1]);
        Interpreter.Return(again);
    }

    /// <summary>
    /// Another descriptor of a catalogue primitive's name must not take the inline path: an ordinary elementwise one
    /// is called through its own statements, one of another kind runs on the general sweeps.
    /// </summary>
    [Fact]
    public void AnotherRuleOfTheSameNameIsCalledNotInlined()
    {
        var doubled = Rules.Binary("mul", (x, y) => x * y, (x, y, z) => (2 * y, 2 * x), (x, y, z) => (2.0 * y, 2.0 * x));
        var own = Expr.Apply(doubled, Expr.Input("x"), Expr.Input("y"));
        Assert.Equal(Opcode.Binary, own.Topology.Opcodes[^1]);
        Assert.Equal(2 * 5.0, Reverse.Grad(own, Bindings.Of(("x", 3.0), ("y", 5.0)))["x"].ToScalar());
        var flipped = Mutants.Make(Primitives.Multiply, Mutants.VjpTimesTwo);
        var graph = Expr.Apply(flipped, Expr.Input("x"), Expr.Input("y"));
        Assert.Equal(Opcode.Tensor, graph.Topology.Opcodes[^1]);
        var gradient = Reverse.Grad(graph, Bindings.Of(("x", 3.0), ("y", 5.0)));
        Assert.Equal(2 * 5.0, gradient["x"].ToScalar());
    }

    /// <summary>
    /// The layout is the depth-first post-order of the graph (first argument first), computed here with a visited
    /// set: it depends on the structure, not on the order in which the nodes were created.
    /// </summary>
    [Fact]
    public void TheLayoutIsTheStructuralPostOrder() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var expected = ReferencePostOrder(c.Graph);
            var actual = Graph.Nodes(c.Graph);
            GradientChecks.Require(expected.Count == actual.Length && expected.Zip(actual).All(p => ReferenceEquals(p.First, p.Second)),
                () => $"layout differs: {actual.Length} nodes, expected {expected.Count}");
        }));

    /// <summary>
    /// A node of three arguments is laid out with all of them, in order, in the argument rows (a shared argument
    /// twice); the scalar engines' first and second argument are derived from the rows, and the graph runs on the
    /// tensor sweeps, which read the rows.
    /// </summary>
    [Fact]
    public void ANodeOfThreeArgumentsKeepsThemAllInTheLayout()
    {
        var (x, y) = (Expr.Input("x"), Expr.Input("y"));
        var product = y * 2.0;
        var graph = Expr.Where(x, product, x);
        var layout = graph.Topology;
        int Position(Expr node) => Array.FindIndex(layout.Nodes, n => ReferenceEquals(n, node));
        var last = layout.Count - 1;
        Assert.Equal([Position(x), Position(product), Position(x)], layout.ArgumentsOf(last).ToArray());
        Assert.Equal(Position(x), layout.First[last]);
        Assert.Equal(Position(product), layout.Second[last]);
        Assert.Equal(Opcode.Tensor, layout.Opcodes[last]);
        Assert.True(layout.HasTensors);
        var (nodes, start, arguments, _) = Topology.WalkWithVisitedSet(graph);
        Assert.True(nodes.SequenceEqual(layout.Nodes) && start.SequenceEqual(layout.ArgumentStart) && arguments.SequenceEqual(layout.Arguments));
        Assert.Equal(6.0, Graph.Evaluate(graph, Bindings.Of(("x", 1.0), ("y", 3.0))).ToScalar());
    }

    /// <summary>The walk by creation ids and the walk with a visited set (used once ids run out) give one layout.</summary>
    [Fact]
    public void BothWalksGiveTheSameLayout() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var laidOut = c.Graph.Topology;
            var (nodes, start, arguments, opcodes) = Topology.WalkWithVisitedSet(c.Graph);
            GradientChecks.Require(nodes.Length == laidOut.Count && nodes.Zip(laidOut.Nodes).All(p => ReferenceEquals(p.First, p.Second))
                && start.SequenceEqual(laidOut.ArgumentStart) && arguments.SequenceEqual(laidOut.Arguments) && opcodes.SequenceEqual(laidOut.Opcodes),
                () => "the two walks differ");
        }));

    /// <summary>
    /// The walk by creation ids keeps its nodes in blocks of 65,536 entries: on a graph of several blocks, with shared
    /// nodes whose uses span block boundaries, both walks still give one layout.
    /// </summary>
    [Fact]
    public void BothWalksGiveTheSameLayoutAcrossBlocks()
    {
        var x = Enumerable.Range(0, 20_000).Select(i => Expr.Input($"x{i}")).ToArray();
        Expr sum = 0.0;
        for (var i = 0; i < x.Length - 1; i++)
        {
            var a = x[i + 1] - x[i] * x[i];
            var b = 1.0 - x[i];
            sum = sum + 100.0 * (a * a) + b * b;
        }
        var laidOut = Topology.Of(sum);
        var (nodes, start, arguments, opcodes) = Topology.WalkWithVisitedSet(sum);
        Assert.True(laidOut.Count > 3 * 65_536, $"the graph spans {laidOut.Count} nodes");
        Assert.Equal(nodes.Length, laidOut.Count);
        Assert.True(nodes.Zip(laidOut.Nodes).All(p => ReferenceEquals(p.First, p.Second)), "the nodes differ");
        Assert.Equal(start, laidOut.ArgumentStart);
        Assert.Equal(arguments, laidOut.Arguments);
        Assert.Equal(opcodes, laidOut.Opcodes);
    }

    /// <summary>
    /// A gradient owns its numbers (the sweep's array is handed over, the inputs are bound into a pooled one): later
    /// gradients of the same graph, at other points and through the pullback, leave it unchanged.
    /// </summary>
    [Fact]
    public void AGradientIsNotChangedByLaterGradients()
    {
        var (x, y) = (Expr.Input("x"), Expr.Input("y"));
        var graph = x * y + Expr.Sin(x);
        var first = Reverse.Grad(graph, Bindings.Of(("x", 2.0), ("y", 3.0)));
        var copy = first.Values.ToArray();
        var pullback = Reverse.Vjp(graph, Bindings.Of(("x", 5.0), ("y", 7.0))).Pullback;
        var (once, twice) = (pullback(1), pullback(2));
        _ = Reverse.Grad(graph, Bindings.Of(("x", -1.0), ("y", 0.5)));
        Assert.Equal(copy, first.Values.ToArray());
        Assert.Equal(3.0 + Math.Cos(2.0), first["x"].ToScalar());
        Assert.Equal(2.0, first["y"].ToScalar());
        Assert.Equal(7.0 + Math.Cos(5.0), once["x"].ToScalar());
        Assert.Equal(2 * (7.0 + Math.Cos(5.0)), twice["x"].ToScalar());
    }

    [Fact]
    public void NodesCreatedOutOfOrderAreLaidOutByStructure()
    {
        var b = Expr.Input("b");
        var s = Expr.Sin(b);
        var a = Expr.Input("a"); // created after sin(b), laid out before it: it is the first argument's subgraph
        var graph = a * s + s;
        Assert.Equal(["a", "b", "sin(b)", "a * sin(b)", "a * sin(b) + sin(b)"], Graph.Nodes(graph).Select(n => n.ToString()));
    }

    /// <summary>
    /// A chain of 325,000 nodes cycling through every inline opcode: its value equals a plain loop of the same
    /// expressions bit for bit, and its derivative by both modes equals the plain loop's chain rule.
    /// </summary>
    [Fact]
    public void ADeepChainThroughEveryOpcodeMatchesAPlainLoop()
    {
        const int Rounds = 25_000;
        var x = Expr.Input("x");
        var z = x;
        for (var i = 0; i < Rounds; i++)
        {
            z = z + 1e-3 * Expr.Sin(z);          // add, mul, sin
            z = z - 1e-3 * Expr.Cos(z);          // sub, mul, cos
            z = Expr.Tanh(z) / 0.999;            // tanh, div
            z = -(-z * Expr.Exp(1e-9 * z));      // neg, mul, exp, neg
        }
        var (value, derivative) = (0.3, 1.0);
        for (var i = 0; i < Rounds; i++)
        {
            derivative *= 1 + 1e-3 * Math.Cos(value);
            value += 1e-3 * Math.Sin(value);
            derivative *= 1 + 1e-3 * Math.Sin(value);
            value -= 1e-3 * Math.Cos(value);
            var t = Math.Tanh(value);
            derivative *= (1 - t * t) / 0.999;
            value = t / 0.999;
            var e = Math.Exp(1e-9 * value);
            derivative *= e + value * e * 1e-9;
            value = -(-value * e);
        }
        var at = Bindings.Of(("x", 0.3));
        Close.Bits(value, Graph.Evaluate(z, at));
        var reverse = Reverse.ValueAndGrad(z, at);
        Close.Bits(value, reverse.Value);
        Close.Relative(derivative, reverse.Gradient["x"], 1e-10);
        Close.Relative(derivative, Forward.Jvp(z, at, Bindings.Of(("x", 1.0))).Tangent, 1e-10);
    }

    private static List<Expr> ReferencePostOrder(Expr root)
    {
        var order = new List<Expr>();
        var done = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Expr Node, bool Expanded)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, expanded) = stack.Pop();
            if (expanded)
            {
                order.Add(node);
                continue;
            }
            if (!done.Add(node)) continue;
            if (node is ApplyNode a)
            {
                stack.Push((node, true));
                if (a.Arguments.Length == 2) stack.Push((a.Arguments[1], false));
                stack.Push((a.Arguments[0], false));
            }
            else
            {
                order.Add(node);
            }
        }
        return order;
    }
}
