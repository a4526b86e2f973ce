using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// The compiler emits add, subtract, multiply, divide and negate as opcodes, restating the catalogue's rules,
/// tests a product for the strong zero only when it is NaN, splits graphs into chunks of shared shape and passes
/// numbers between chunks through memory. Each of these must still give the interpreter's numbers bit for bit:
/// here at the IEEE special values, where a restated rule or a dropped test would show, and on graphs that cross
/// chunk boundaries. At the special values two NaNs count as equal: when both operands of an addition are NaN,
/// IEEE 754 leaves open which one the result carries, and the JIT may swap the operands of an addition in the
/// interpreter or in the emitted code, so the sign bit of such a NaN is not part of either's contract.
/// </summary>
public class CompiledArithmeticTests
{
    private static readonly double[] Special =
        [0.0, -0.0, 1.0, -1.0, 2.5, -3.0, 1e-310, 1e300, double.PositiveInfinity, double.NegativeInfinity, double.NaN];

    public static TheoryData<string> Arithmetic => ["add", "sub", "mul", "div", "neg", "square"];

    private static Expr Apply(string op, Expr x, Expr y) => op switch
    {
        "add" => x + y,
        "sub" => x - y,
        "mul" => x * y,
        "div" => x / y,
        "neg" => -x,
        _ => x * x,
    };

    /// <summary>
    /// op(x, y), op(x, k) and op(k, x) for constants k, each scaled by an input c so that the adjoint reaching the
    /// operation is itself a special value (zero, infinite, NaN), with every pair of special values for x, y and c.
    /// </summary>
    [Theory]
    [MemberData(nameof(Arithmetic))]
    public void EachArithmeticPrimitiveGivesTheInterpretersBitsAtSpecialValues(string op)
    {
        var (x, y, c) = (Expr.Input("x"), Expr.Input("y"), Expr.Input("c"));
        var graphs = new List<Expr> { c * Apply(op, x, y), Apply(op, x, y) + c * x };
        foreach (var k in Special)
        {
            graphs.Add(c * Apply(op, x, Expr.Constant(k)));
            graphs.Add(c * Apply(op, Expr.Constant(k), x) + y);
        }
        foreach (var graph in graphs)
        foreach (var vx in Special)
        foreach (var vy in Special)
        foreach (var vc in new[] { 1.0, 0.0, -0.0, double.PositiveInfinity, double.NaN })
        {
            var at = Bindings.Of(("x", vx), ("y", vy), ("c", vc));
            var direction = Bindings.From(Graph.Inputs(graph).Select(n => KeyValuePair.Create(n, n == "x" ? vy : n == "y" ? vc : vx)));
            var compiled = Reverse.Compile(graph).Invoke(at);
            var interpreted = Reverse.ValueAndGrad(graph, at);
            Same(compiled.Value, interpreted.Value, "value", graph, at);
            foreach (var name in interpreted.Gradient.Names) Same(compiled.Gradient[name], interpreted.Gradient[name], $"∂/∂{name}", graph, at);
            Same(Forward.Compile(graph).Invoke(at, direction).Tangent, Forward.Jvp(graph, at, direction).Tangent, "JVP", graph, at);
        }
    }

    private static void Same(double compiled, double interpreted, string what, Expr graph, Bindings at) =>
        Assert.True(
            BitConverter.DoubleToInt64Bits(compiled) == BitConverter.DoubleToInt64Bits(interpreted) || (double.IsNaN(compiled) && double.IsNaN(interpreted)),
            $"{what} of {graph} at {at}: compiled {compiled:R} ({BitConverter.DoubleToInt64Bits(compiled):X16}) vs interpreted {interpreted:R} ({BitConverter.DoubleToInt64Bits(interpreted):X16})");

    /// <summary>
    /// A random graph whose nodes are used again and again by a long repeated tail: values and adjoints cross
    /// chunk boundaries (to multiplications and divisions that read them backward) and the tail's chunks share methods.
    /// </summary>
    [Fact]
    public void GraphsAcrossChunkBoundariesGiveTheInterpretersBits() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), Numbers.Direction(), (c, direction) =>
        {
            var graph = c.Graph;
            for (var k = 0; k < 60; k++) graph = graph * 0.5 + c.Graph / (1.0 + graph * graph) - Expr.Sin(graph) * c.Graph;
            SameEverywhere(graph, c.Point, direction);
        }), 200);

    /// <summary>A sum of terms of the same shape compiles to fewer methods than chunks, and to the interpreter's numbers.</summary>
    [Fact]
    public void RepeatedTermsShareMethods()
    {
        var graph = Benchmarks.Rosenbrock.Graph(1000); // about 11,000 nodes, 86 chunks of 128 run forward and backward
        var program = Reverse.Compile(graph).Program!;
        Assert.True(program.Methods * 4 < program.Chunks.Length, $"{program.Methods} methods for {program.Chunks.Length} chunks");
        var at = Bindings.From(Enumerable.Range(0, 1000).Select(i => KeyValuePair.Create($"x{i}", 0.5 + 0.01 * (i % 7))));
        SameEverywhere(graph, at, [0.3, -0.7]);
    }

    /// <summary>Beyond <see cref="Moves.Most"/> inputs, loops instead of straight-line copies move the inputs and the gradient.</summary>
    [Fact]
    public void ManyInputsGiveTheInterpretersBits()
    {
        var n = Moves.Most + 10;
        var graph = Benchmarks.Rosenbrock.Graph(n);
        var compiled = Reverse.Compile(graph);
        Assert.Null(compiled.Program!.Gathers);
        var at = Bindings.From(Enumerable.Range(0, n).Select(i => KeyValuePair.Create($"x{i}", 0.5 + 0.01 * (i % 7) - 0.3 * (i % 3))));
        SameEverywhere(graph, at, [0.3, -0.7, 0.0]);
    }

    /// <summary>
    /// An input that reaches the output only through a zero partial has gradient +0 (the strong zero), not −0,
    /// although the compiled sweep may pass a −0 adjoint on the way.
    /// </summary>
    [Fact]
    public void AnInputBehindAZeroPartialHasGradientPositiveZero()
    {
        var (x, y) = (Expr.Input("x"), Expr.Input("y"));
        foreach (var graph in new[] { x * 0.0 + y, -(x * 0.0) - y, (0.0 - x * 0.0) * y, x / double.PositiveInfinity * -1.0 + y })
        {
            var at = Bindings.Of(("x", 2.0), ("y", -3.0));
            CompilationProperties.SameGradient(graph, at);
            Assert.Equal(0L, BitConverter.DoubleToInt64Bits(Reverse.Compile(graph).Invoke(at).Gradient["x"]));
        }
    }

    private static void SameEverywhere(Expr graph, Bindings at, double[] direction)
    {
        CompilationProperties.SameGradient(graph, at);
        CompilationProperties.SameJvp(graph, at, Bindings.From(Graph.Inputs(graph).Select((n, i) => KeyValuePair.Create(n, direction[i % direction.Length]))));
    }
}
