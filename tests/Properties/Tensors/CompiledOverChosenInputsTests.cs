using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// <c>Reverse.Compile(graph, withRespectTo)</c>: a plan over the named inputs only gives, bit for bit, what the
/// interpreter gives for the same names, on random tensor and scalar graphs; the data of a training step are bound per
/// call and their gradient is not formed; names it lacks, and the number-span overloads, are refused clearly.
/// </summary>
public class CompiledOverChosenInputsTests
{
    [Fact]
    public void APlanOverChosenInputsEqualsTheInterpreterOverThemBitForBit() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), Arb.From(Gen.Choose(0, int.MaxValue - 1)), (c, seed) =>
        {
            var random = new Random(seed);
            var loss = TensorCompilationProperties.Loss(c.Graph);
            string[] chosen = [.. Graph.Inputs(loss).Where(_ => random.Next(2) == 0)];
            var expected = Reverse.ValueAndGrad(loss, c.Point, chosen);
            var compiled = Reverse.Compile(loss, chosen);
            var first = compiled.Invoke(c.Point);
            var again = compiled.Invoke(c.Point);
            return (TensorCompilationProperties.Bits(expected) == TensorCompilationProperties.Bits(first)).Label("first call")
                .And((TensorCompilationProperties.Bits(first) == TensorCompilationProperties.Bits(again)).Label("second call"))
                .And(compiled.WithRespectTo.SequenceEqual(chosen.Order(StringComparer.Ordinal)).Label("WithRespectTo"));
        }), Cases.Count());

    [Fact]
    public void ATrainingStepBindsItsDataPerCallAndFormsOnlyTheParametersGradients()
    {
        var (x, t) = (Expr.Input("X", Shape.Matrix(5, 3)), Expr.Input("T", Shape.Matrix(5, 2)));
        var (w, b) = (Expr.Input("W", Shape.Matrix(3, 2)), Expr.Input("b", Shape.Vector(2)));
        var loss = Expr.Mean((Expr.Tanh(Expr.MatMul(x, w) + b) - t) * (Expr.Tanh(Expr.MatMul(x, w) + b) - t));
        var step = Reverse.Compile(loss, ["W", "b"]);
        var random = new Random(3);
        Tensor Draw(Shape shape) => Tensor.Create(shape, _ => random.NextDouble() - 0.5);
        var parameters = Bindings.Of(("W", Draw(Shape.Matrix(3, 2))), ("b", Draw(Shape.Vector(2))));
        for (var batch = 0; batch < 3; batch++)
        {
            var at = parameters.With("X", Draw(Shape.Matrix(5, 3))).With("T", Draw(Shape.Matrix(5, 2)));
            var result = step.Invoke(at);
            Assert.Equal(["W", "b"], result.Gradient.Names.ToArray());
            var full = Reverse.ValueAndGrad(loss, at);
            Assert.Equal(full.Value, result.Value);
            Assert.Equal(full.Gradient["W"].ToArray(), result.Gradient["W"].ToArray());
            Assert.Equal(full.Gradient["b"].ToArray(), result.Gradient["b"].ToArray());
        }
    }

    [Fact]
    public void UnknownNamesAndTheNumberSpansAreRefusedClearly()
    {
        var (x, y) = (Expr.Input("x"), Expr.Input("y"));
        var unknown = Assert.Throws<ArgumentException>(() => Reverse.Compile(x * y, ["z"]));
        Assert.Contains("'z'", unknown.Message);
        Assert.Contains("x, y", unknown.Message);
        var compiled = Reverse.Compile(x * y, ["x"]);
        Assert.Equal(3.0, compiled.Invoke(Bindings.Of(("x", 2.0), ("y", 3.0))).Gradient["x"].ToScalar());
        var spans = Assert.Throws<InvalidOperationException>(() => compiled.Invoke([2.0, 3.0], new double[2]));
        Assert.Contains("with respect to [x] only", spans.Message);
    }
}
