using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Loops;

/// <summary>
/// A long scalar loop runs its body compiled (<see cref="ScalarStepper.CompiledFrom"/> steps or more): a step is its compiled
/// forward sweep, and a step's VJP its compiled backward sweep from the kept values, seeded with the cotangent. Its numbers are the
/// interpreter's, bit for bit: the value, the initial carry's cotangent and every parameter's, under every checkpointing
/// option.
/// </summary>
public class CompiledBodyTests
{
    private static readonly ReverseOptions[] Options =
        [ReverseOptions.Default, ReverseOptions.StoreEveryStep, ReverseOptions.WithBudget(1), ReverseOptions.WithBudget(3)];

    private static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    [Fact]
    public void ACompiledBodyGivesTheInterpretersNumbersBitForBit() =>
        Cases.Check(Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), seed =>
        {
            var c = LoopCase.Draw(new Random(seed));
            var body = new LoopBody(c.Body, "c");
            double[] parameters = [.. body.Parameters.Select(name => c.Point[name].ToScalar())];
            var start = c.Point["c"].ToScalar();
            foreach (var options in Options)
            {
                var interpreted = new ScalarStepper(body, parameters);
                var compiled = new ScalarStepper(body, parameters, ScalarStepper.CompiledFrom);
                GradientChecks.Require(compiled.IsCompiled || !body.IsScalar || Compiler.IsConstant(body.Topology, body.Topology.Count - 1), () => "the body runs compiled");
                var value = LoopSchedule<double>.Forward<double, ScalarStepper>(ref interpreted, start, c.Count, options, null, out var schedule);
                var compiledValue = LoopSchedule<double>.Forward<double, ScalarStepper>(ref compiled, start, c.Count, options, null, out var compiledSchedule);
                GradientChecks.Require(SameBits(value, compiledValue), () => $"values {value} and {compiledValue}");
                var cotangent = schedule.Backward<double, ScalarStepper>(ref interpreted, 0.75);
                var compiledCotangent = compiledSchedule.Backward<double, ScalarStepper>(ref compiled, 0.75);
                GradientChecks.Require(SameBits(cotangent, compiledCotangent), () => $"the carry's cotangents {cotangent} and {compiledCotangent}");
                for (var j = 0; j < parameters.Length; j++)
                {
                    double want = interpreted.InputAdjoints[body.SlotOf(j)], got = compiled.InputAdjoints[body.SlotOf(j)];
                    GradientChecks.Require(SameBits(want, got), () => $"∂/∂{body.Parameters[j]}: {want} and {got}");
                }
            }
        }));

    [Fact]
    public void ALongFoldRunsItsBodyCompiledAndEqualsTheUnrolledGraph()
    {
        const int steps = (int)ScalarStepper.CompiledFrom + 17;
        var body = Expr.Input("x") + 1e-7 * Expr.Sin(Expr.Input("x")) * Expr.Input("a");
        var loop = Expr.Fold(body, "x", Expr.Input("x0"), steps);
        var unrolled = Expr.Input("x0");
        for (var k = 0; k < steps; k++) unrolled = Graph.Substitute(body, "x", unrolled);
        var at = Bindings.Of(("x0", 0.3), ("a", 1.5));

        Assert.True(new ScalarStepper(new LoopBody(body, "x"), [1.5], steps).IsCompiled);
        Assert.Equal(Graph.Evaluate(unrolled, at).ToScalar(), Graph.Evaluate(loop, at).ToScalar());
        var expected = Reverse.Grad(unrolled, at);
        var gradient = Reverse.Grad(loop, at);
        Assert.Equal(expected["x0"].ToScalar(), gradient["x0"].ToScalar());
        Assert.Equal(expected["a"].ToScalar(), gradient["a"].ToScalar(), 1e-12 * Math.Abs(expected["a"].ToScalar()));
    }

    [Fact]
    public void ABodyOfManyChunksGivesTheInterpretersNumbersBitForBit()
    {
        // About 500 nodes: several compiled chunks, whose values and adjoints pass between them through the buffers.
        Expr x = Expr.Input("c"), a = Expr.Input("a"), b = Expr.Input("b");
        var body = x;
        for (var k = 0; k < 100; k++) body = body + 1e-3 * Expr.Sin(body * a) / (1.0 + b * body * body);
        var loop = new LoopBody(body, "c");
        Assert.True(loop.Topology.Count > 4 * Compiler.ChunkSize);
        foreach (var options in (ReverseOptions[])[ReverseOptions.Default, ReverseOptions.StoreEveryStep])
        {
            var interpreted = new ScalarStepper(loop, [0.7, 1.3]);
            var compiled = new ScalarStepper(loop, [0.7, 1.3], ScalarStepper.CompiledFrom);
            Assert.True(compiled.IsCompiled);
            var value = LoopSchedule<double>.Forward<double, ScalarStepper>(ref interpreted, 0.4, 50, options, null, out var schedule);
            var compiledValue = LoopSchedule<double>.Forward<double, ScalarStepper>(ref compiled, 0.4, 50, options, null, out var compiledSchedule);
            Assert.True(SameBits(value, compiledValue));
            var cotangent = schedule.Backward<double, ScalarStepper>(ref interpreted, -1.25);
            var compiledCotangent = compiledSchedule.Backward<double, ScalarStepper>(ref compiled, -1.25);
            Assert.True(SameBits(cotangent, compiledCotangent), $"{cotangent} vs {compiledCotangent}");
            Assert.Equal(interpreted.InputAdjoints.Select(BitConverter.DoubleToInt64Bits), compiled.InputAdjoints.Select(BitConverter.DoubleToInt64Bits));
        }
    }
}
