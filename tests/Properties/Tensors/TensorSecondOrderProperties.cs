using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using MathNet.Numerics.LinearAlgebra;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Second order and Jacobians on tensor graphs: the Hessian of a small network's loss with respect to a weight matrix
/// equals central differences of its gradient; over random tensor graphs the Hessian is symmetric, a Hessian-vector
/// product equals H·v, the Hessian equals differences of the reverse gradient, and the Jacobian's rows are VJPs and its
/// columns JVPs in both modes. Elements are flattened as the API documents: inputs in ordinal order, row-major.
/// </summary>
public class TensorSecondOrderProperties
{
    /// <summary>A 3 → 4 (tanh) → 2 network with softmax cross-entropy over a batch of 5, and a point for it.</summary>
    internal static (Expr Loss, Bindings At) Mlp(int seed)
    {
        var random = new Random(seed);
        Tensor Random(Shape shape, double scale) => Tensor.Create(shape, (_, _) => scale * (2 * random.NextDouble() - 1));
        var (x, w1, b1) = (Expr.Input("X", Shape.Matrix(5, 3)), Expr.Input("W1", Shape.Matrix(3, 4)), Expr.Input("b1", Shape.Vector(4)));
        var (w2, b2, y) = (Expr.Input("W2", Shape.Matrix(4, 2)), Expr.Input("b2", Shape.Vector(2)), Expr.Input("y", Shape.Vector(5)));
        var hidden = Expr.Tanh(Expr.MatMul(x, w1) + b1);
        var loss = Expr.CrossEntropy(Expr.MatMul(hidden, w2) + b2, y);
        var at = Bindings.Of(
            ("X", Random(Shape.Matrix(5, 3), 2)), ("W1", Random(Shape.Matrix(3, 4), 1)), ("b1", Random(Shape.Vector(4), 0.5)),
            ("W2", Random(Shape.Matrix(4, 2), 1)), ("b2", Random(Shape.Vector(2), 0.5)),
            ("y", Tensor.Create(Shape.Vector(5), (_, _) => random.Next(2))));
        return (loss, at);
    }

    /// <summary>
    /// The Hessian's column for element <paramref name="element"/> of <paramref name="name"/> by central differences of the
    /// reverse gradient in <paramref name="name"/> (in every input, in ordinal order, when <paramref name="all"/>), one Richardson step.
    /// </summary>
    private static double[] GradientDifference(Expr loss, Bindings at, string name, int element, bool all = false)
    {
        var x = at[name];
        var h = GradientChecks.Step * Math.Max(1, Math.Abs(x.ToArray()[element]));
        double[] Central(double step)
        {
            var up = Flat(Reverse.Grad(loss, at.With(name, TensorChecks.Nudge(x, element, step))));
            var down = Flat(Reverse.Grad(loss, at.With(name, TensorChecks.Nudge(x, element, -step))));
            return [.. up.Select((u, i) => (u - down[i]) / (2 * step))];
        }
        double[] Flat(Gradient g) => all ? [.. g.Values.SelectMany(t => t.ToArray())] : g[name].ToArray();
        var (d1, d2) = (Central(h), Central(2 * h));
        return [.. d1.Select((d, i) => (4 * d - d2[i]) / 3)];
    }

    [Theory]
    [InlineData("W1")]
    [InlineData("W2")]
    public void TheHessianOfANetworksLossInAWeightMatrixEqualsDifferencesOfItsGradient(string weights)
    {
        for (var seed = 0; seed < 5; seed++)
        {
            var (loss, at) = Mlp(seed);
            var hessian = Transform.Hessian(loss, at, [weights]);
            var count = at[weights].Shape.Count;
            Assert.Equal(count, hessian.RowCount);
            Assert.Equal(count, hessian.ColumnCount);
            Assert.True(hessian.Enumerate().Any(h => Math.Abs(h) > 1e-3), "the Hessian is not trivially zero");
            for (var j = 0; j < count; j++)
            {
                var column = GradientDifference(loss, at, weights, j);
                for (var i = 0; i < count; i++)
                    GradientChecks.Close(hessian[i, j], column[i], 1e-7 * (1 + Math.Abs(column[i])), $"∂²loss/∂{weights}[{i}]∂{weights}[{j}], seed {seed}");
            }
        }
    }

    [Fact]
    public void TheNetworksHessianInAllWeightsHasTheDocumentedLayout()
    {
        var (loss, at) = Mlp(7);
        var gradient = Reverse.GradGraph(loss);
        var all = gradient.Hessian(at, ["W1", "W2"]);
        var first = gradient.Hessian(at, ["W1"]);
        var second = gradient.Hessian(at, ["W2"]);
        // W1 (12 elements) comes before W2 (8) in ordinal order; each block is the Hessian in that input alone.
        Assert.Equal(20, all.RowCount);
        Assert.Equal(first, all.SubMatrix(0, 12, 0, 12));
        Assert.Equal(second, all.SubMatrix(12, 8, 12, 8));
        // The mixed block is ∂²/∂W1∂W2: the derivative of the W2 gradient along W1's element 5 (row 1, column 1).
        var along = gradient.HessianVectorProduct(at, Bindings.Of(("W1", TensorChecks.Basis(Shape.Matrix(3, 4), 5))));
        Assert.Equal(along["W2"].ToArray(), all.Column(5).SubVector(12, 8).ToArray());
    }

    /// <summary>The case's loss, its Hessian over all inputs, and the flattened input elements.</summary>
    private static (Expr Loss, Matrix<double> Hessian) HessianOf(TensorGraphCase c)
    {
        var loss = TensorGradientGraphProperties.Loss(c.Graph);
        return (loss, Reverse.GradGraph(loss).Hessian(c.Point));
    }

    /// <summary>Rounding scale of second-order results: the sensitivity bound squared, times the outputs summed.</summary>
    private static double Scale(TensorGraphCase c) => Math.Max(1, 1.5 * c.Graph.Shape.Count * c.Sensitivity * Math.Max(1, c.Sensitivity));

    [Fact]
    public void TheHessianIsSymmetric() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), c =>
        {
            var (_, h) = HessianOf(c);
            for (var i = 0; i < h.RowCount; i++)
            for (var j = 0; j < i; j++)
                GradientChecks.Close(h[i, j], h[j, i], GradientChecks.ModeTolerance * Scale(c), $"H[{i},{j}] vs H[{j},{i}] of {c}");
        }), Cases.Count(500));

    [Fact]
    public void AHessianVectorProductIsTheHessianTimesTheVector() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), Arb.From(Gen.Choose(0, int.MaxValue - 1)), (c, seed) =>
        {
            var (loss, h) = HessianOf(c);
            var random = new Random(seed);
            var names = Graph.Inputs(loss);
            var v = Bindings.From(names.Select(n => KeyValuePair.Create(n, Tensor.Create(c.Point[n].Shape, (_, _) => 2 * random.NextDouble() - 1))));
            var flat = Vector<double>.Build.DenseOfEnumerable(names.SelectMany(n => v[n].ToArray()));
            var expected = h * flat;
            var hvp = Transform.HessianVectorProduct(loss, c.Point, v);
            var actual = names.SelectMany(n => hvp[n].ToArray()).ToArray();
            for (var i = 0; i < actual.Length; i++)
                GradientChecks.Close(actual[i], expected[i], GradientChecks.ModeTolerance * Scale(c) * Math.Max(1, h.Row(i).L1Norm()), $"(Hv)[{i}] of {c}");
        }), Cases.Count(500));

    [Fact]
    public void TheHessianEqualsDifferencesOfTheReverseGradient() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), c =>
        {
            var (loss, h) = HessianOf(c);
            var columns = TensorChecks.Columns(c);
            var value = Math.Abs(Graph.Evaluate(loss, c.Point).ToScalar());
            for (var j = 0; j < columns.Count; j++)
            {
                var (name, element) = columns[j];
                var differences = GradientDifference(loss, c.Point, name, element, all: true);
                for (var i = 0; i < differences.Length; i++)
                    GradientChecks.Close(h[i, j], differences[i], GradientChecks.FiniteDifferenceTolerance * (1 + Scale(c) + value),
                        $"∂²/∂{columns[i].Name}[{columns[i].Element}]∂{name}[{element}] of {c}");
            }
        }), Cases.Count(300));

    [Fact]
    public void JacobianRowsAreVjpsAndColumnsAreJvps() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), c =>
        {
            var forward = Transform.Jacobian(c.Graph, c.Point, JacobianMode.Forward);
            var reverse = Transform.Jacobian(c.Graph, c.Point, JacobianMode.Reverse);
            var auto = Transform.Jacobian(c.Graph, c.Point);
            var columns = TensorChecks.Columns(c);
            var (jvps, vjps) = (TensorChecks.ForwardJacobian(c), TensorChecks.ReverseJacobian(c));
            GradientChecks.Require(forward.RowCount == c.Graph.Shape.Count && forward.ColumnCount == columns.Count,
                () => $"a {forward.RowCount}×{forward.ColumnCount} Jacobian for {c}");
            var tolerance = GradientChecks.ModeTolerance * Math.Max(1, c.Sensitivity);
            for (var j = 0; j < columns.Count; j++)
            for (var o = 0; o < c.Graph.Shape.Count; o++)
            {
                // Each mode is the same sweep as the single JVP or VJP, so those agree bit for bit.
                GradientChecks.Require(forward[o, j].Equals(jvps[j][o]), () => $"column {j} of the forward Jacobian is not the JVP for {c}");
                GradientChecks.Require(reverse[o, j].Equals(vjps[j][o]), () => $"row {o} of the reverse Jacobian is not the VJP for {c}");
                GradientChecks.Require(auto[o, j].Equals(columns.Count <= c.Graph.Shape.Count ? forward[o, j] : reverse[o, j]),
                    () => $"Auto took the mode with more sweeps for {c}");
                GradientChecks.Close(forward[o, j], reverse[o, j], tolerance, $"J[{o},{j}] forward vs reverse of {c}");
            }
        }));
}
