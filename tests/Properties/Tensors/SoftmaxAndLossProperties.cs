using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// The softmax family and the losses against independent computations written here: softmax rows sum to 1 and
/// LogSumExp stays finite for inputs of magnitude 1e3; the cross-entropy gradient is (softmax − onehot)/batch.
/// </summary>
public class SoftmaxAndLossProperties
{
    /// <summary>A batch of logits (1–5 rows, 1–5 classes) with entries in ±<paramref name="magnitude"/>, and a label per row.</summary>
    private static Arbitrary<(Tensor Logits, int[] Labels)> Batches(double magnitude) =>
        Arb.From(Gen.Choose(0, int.MaxValue - 1).Select(seed =>
        {
            var random = new Random(seed);
            int rows = random.Next(1, 6), classes = random.Next(1, 6);
            var logits = Tensor.Create(Shape.Matrix(rows, classes), (_, _) => magnitude * (2 * random.NextDouble() - 1));
            return (logits, Enumerable.Range(0, rows).Select(_ => random.Next(classes)).ToArray());
        }));

    /// <summary>softmax of one row, computed here directly from its definition with the maximum subtracted.</summary>
    private static double[] SoftmaxOfRow(Tensor logits, int row)
    {
        var values = Enumerable.Range(0, logits.Shape[1]).Select(j => logits[row, j]).ToArray();
        var max = values.Max();
        var exps = values.Select(v => Math.Exp(v - max)).ToArray();
        return [.. exps.Select(e => e / exps.Sum())];
    }

    [Fact]
    public void SoftmaxRowsSumToOne() =>
        Cases.Check(Prop.ForAll(Batches(1e3), batch =>
        {
            var x = Expr.Input("x", batch.Logits.Shape);
            var softmax = Graph.Evaluate(Expr.Softmax(x), Bindings.Of(("x", batch.Logits)));
            for (var r = 0; r < batch.Logits.Shape[0]; r++)
            {
                var row = Enumerable.Range(0, batch.Logits.Shape[1]).Select(j => softmax[r, j]).ToArray();
                GradientChecks.Require(row.All(p => p >= 0 && p <= 1), () => $"row {r} has an entry outside [0, 1]: {softmax}");
                GradientChecks.Close(row.Sum(), 1, 1e-15 * row.Length, $"row {r} of softmax({batch.Logits})");
            }
        }), Cases.Count());

    [Fact]
    public void LogSumExpIsFiniteAndBoundedForInputsOfMagnitude1e3() =>
        Cases.Check(Prop.ForAll(Batches(1e3), batch =>
        {
            var x = Expr.Input("x", batch.Logits.Shape);
            var at = Bindings.Of(("x", batch.Logits));
            var rows = Graph.Evaluate(Expr.LogSumExp(x, 1), at);
            var all = Graph.Evaluate(Expr.LogSumExp(x), at).ToScalar();
            var max = batch.Logits.ToArray().Max();
            // max ≤ LogSumExp ≤ max + log(count), as exp(xᵢ − max) ≤ 1 for every term and one term is 1.
            GradientChecks.Require(double.IsFinite(all) && all >= max && all <= max + Math.Log(batch.Logits.Shape.Count) + 1e-12,
                () => $"LogSumExp = {all:R} for max {max:R}");
            for (var r = 0; r < rows.Shape.Count; r++)
                GradientChecks.Require(double.IsFinite(rows[r]), () => $"row {r}: LogSumExp = {rows[r]:R}");
        }), Cases.Count());

    [Fact]
    public void CrossEntropyGradientIsSoftmaxMinusOneHotOverBatch() =>
        Cases.Check(Prop.ForAll(Batches(5), batch =>
        {
            var (rows, classes) = (batch.Logits.Shape[0], batch.Logits.Shape[1]);
            var x = Expr.Input("x", batch.Logits.Shape);
            var labels = Tensor.Create(Shape.Vector(rows), (_, j) => batch.Labels[j]);
            var oneHot = Tensor.Create(batch.Logits.Shape, (i, j) => batch.Labels[i] == j ? 1 : 0);
            var at = Bindings.Of(("x", batch.Logits));
            foreach (var loss in new[] { Expr.CrossEntropy(x, Expr.Constant(labels)), Expr.CrossEntropy(x, Expr.Constant(oneHot)) })
            {
                var reverse = Reverse.Grad(loss, at)["x"];
                var forward = Forward.Grad(loss, at)["x"];
                for (var r = 0; r < rows; r++)
                {
                    var softmax = SoftmaxOfRow(batch.Logits, r);
                    for (var c = 0; c < classes; c++)
                    {
                        var expected = (softmax[c] - (batch.Labels[r] == c ? 1 : 0)) / rows;
                        GradientChecks.Close(reverse[r, c], expected, 1e-15, $"reverse ∂/∂x[{r}, {c}] of {loss}");
                        GradientChecks.Close(forward[r, c], expected, 1e-15, $"forward ∂/∂x[{r}, {c}] of {loss}");
                    }
                }
            }
        }), Cases.Count());

    [Fact]
    public void CrossEntropyAndBinaryCrossEntropyStayFiniteForLargeLogits()
    {
        var x = Expr.Input("x", Shape.Matrix(2, 3));
        var logits = Tensor.Matrix(new[,] { { 1000.0, -1000, 0 }, { -800, 800, 799 } });
        var at = Bindings.Of(("x", logits));
        var ce = Reverse.ValueAndGrad(Expr.CrossEntropy(x, Expr.Constant(Tensor.Vector(1, 2))), at);
        // Row 0: LSE = 1000, label logit −1000: 2000. Row 1: LSE = 800 + log(1 + e⁻¹), label logit 799.
        Assert.Equal((2000 + 1 + Math.Log(1 + Math.Exp(-1))) / 2, ce.Value, 12);
        Assert.All(ce.Gradient["x"].ToArray(), g => Assert.True(double.IsFinite(g)));
        var bce = Reverse.ValueAndGrad(Expr.BinaryCrossEntropyWithLogits(x, Expr.Constant(Tensor.Filled(Shape.Matrix(2, 3), 1))), at);
        // softplus(z) − z = softplus(−z): 0 for z = 1000, 1000 for z = −1000, log 2 for 0, …
        var expected = new[] { 0, 1000, Math.Log(2), 800, 0, 0 }.Sum() / 6;
        Assert.Equal(expected, bce.Value, 12);
        Assert.All(bce.Gradient["x"].ToArray(), g => Assert.True(double.IsFinite(g)));
    }
}
