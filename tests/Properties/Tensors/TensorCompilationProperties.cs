using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// On random well-shaped tensor graphs: a compiled plan gives the interpreter's value, gradient and JVP bit for bit;
/// calling it again gives the same bits, and a result it handed out is not overwritten by later calls at other points.
/// A graph with no tensor node compiles to straight-line code, which gives the interpreter's bits through the same Invoke.
/// </summary>
public class TensorCompilationProperties
{
    [Fact]
    public void CompiledGradientEqualsInterpretedBitForBit() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), c =>
        {
            var loss = Loss(c.Graph);
            var expected = Reverse.ValueAndGrad(loss, c.Point);
            var compiled = Reverse.Compile(loss).Invoke(c.Point);
            return Bits(expected) == Bits(compiled);
        }), Cases.Count());

    [Fact]
    public void CompiledJvpEqualsInterpretedBitForBit() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), Arb.From(Gen.Choose(0, int.MaxValue - 1)), (c, seed) =>
        {
            var direction = Direction(c.Point, new Random(seed));
            var expected = Forward.Jvp(c.Graph, c.Point, direction);
            var compiled = Forward.Compile(c.Graph).Invoke(c.Point, direction);
            return Bits(expected.Value) == Bits(compiled.Value) && Bits(expected.Tangent) == Bits(compiled.Tangent);
        }), Cases.Count());

    [Fact]
    public void RepeatedCallsAgreeAndNeverOverwriteAHandedOutResult() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), Arb.From(Gen.Choose(0, int.MaxValue - 1)), (c, seed) =>
        {
            var random = new Random(seed);
            var loss = Loss(c.Graph);
            if (!loss.Topology.HasTensors) return true.Label("a scalar graph: no plan");
            var (grad, jvp) = (Reverse.Compile(loss), Forward.Compile(c.Graph));
            var direction = Direction(c.Point, random);
            var first = grad.Invoke(c.Point);
            var firstJvp = jvp.Invoke(c.Point, direction);
            var (bits, jvpBits) = (Bits(first), Bits(firstJvp.Value) + Bits(firstJvp.Tangent));
            // Calls at another point write other numbers into the plan's buffers.
            var elsewhere = Moved(c.Point, random);
            grad.Invoke(elsewhere);
            jvp.Invoke(elsewhere, direction);
            var again = grad.Invoke(c.Point);
            var againJvp = jvp.Invoke(c.Point, direction);
            grad.Invoke(elsewhere);
            jvp.Invoke(elsewhere, direction);
            return (Bits(first) == bits).Label("the first gradient was overwritten")
                .And((Bits(firstJvp.Value) + Bits(firstJvp.Tangent) == jvpBits).Label("the first JVP was overwritten"))
                .And((Bits(again) == bits).Label("a second gradient call differs"))
                .And((Bits(againJvp.Value) + Bits(againJvp.Tangent) == jvpBits).Label("a second JVP call differs"));
        }), Cases.Count(300));

    /// <summary>The graph itself when its output is a scalar, else the sum of its elements.</summary>
    internal static Expr Loss(Expr graph) => graph.Shape.IsScalar ? graph : Expr.Sum(graph);

    /// <summary>A random tangent for most inputs, with one in three left out (a zero tangent).</summary>
    internal static Bindings Direction(Bindings point, Random random) =>
        Bindings.From(point.Where(_ => random.Next(3) > 0).Select(p =>
            KeyValuePair.Create(p.Key, Tensor.Create(p.Value.Shape, (_, _) => 2 * random.NextDouble() - 1))));

    /// <summary>Every input moved by a small random amount: inside the domains the generator kept 0.05 from.</summary>
    private static Bindings Moved(Bindings point, Random random) =>
        Bindings.From(point.Select(p => KeyValuePair.Create(p.Key, Tensor.Create(p.Value.Shape, (i, j) =>
            p.Value.At(j * p.Value.Shape.PaddedRows + i) + 1e-3 * (2 * random.NextDouble() - 1)))));

    internal static string Bits(Tensor t) =>
        $"{t.Shape}:" + string.Join(",", t.ToArray().Select(v => BitConverter.DoubleToInt64Bits(v).ToString("X16")));

    internal static string Bits(ValueAndGradient<double, Gradient> r) =>
        BitConverter.DoubleToInt64Bits(r.Value).ToString("X16") + ";" + string.Join(";", r.Gradient.Select(p => p.Key + "=" + Bits(p.Value)));
}
