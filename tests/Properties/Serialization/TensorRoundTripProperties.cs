using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Serialization;

/// <summary>
/// Tensor graphs round-trip through JSON exactly: structurally equal, the same distinct nodes, the same
/// printed form, bit-identical values and gradients in both modes, and the same document when written again.
/// </summary>
public class TensorRoundTripProperties
{
    private static void RoundTrips(Expr graph, Bindings point)
    {
        foreach (var indented in new[] { false, true })
        {
            var json = GraphJson.Serialize(graph, indented);
            var back = GraphJson.Deserialize(json);
            Require(!ReferenceEquals(back, graph) && back == graph && back.GetHashCode() == graph.GetHashCode(),
                () => $"the graph read back differs: {back}");
            Require(back.Shape == graph.Shape, () => $"shape {back.Shape} read back, {graph.Shape} written");
            Require(Graph.NodeCount(back) == Graph.NodeCount(graph),
                () => $"{Graph.NodeCount(back)} distinct nodes read back, {Graph.NodeCount(graph)} written: sharing changed");
            Require(back.ToString() == graph.ToString(), () => $"prints as {back}");
            Require(Graph.Evaluate(back, point) == Graph.Evaluate(graph, point), () => "the value differs");
            if (graph.Shape.IsScalar)
            {
                Require(Reverse.Grad(back, point).Equals(Reverse.Grad(graph, point)), () => "the reverse gradient differs");
                Require(Forward.Grad(back, point).Equals(Forward.Grad(graph, point)), () => "the forward gradient differs");
            }
            Require(GraphJson.Serialize(back, indented) == json, () => "writing the graph read back gives another document");
        }
    }

    [Fact]
    public void ARandomTensorGraphRoundTripsExactly() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), c =>
        {
            RoundTrips(c.Graph, c.Point);
            // The gradient of a tensor output is taken through its sum, so every graph checks both gradients.
            if (!c.Graph.Shape.IsScalar) RoundTrips(Expr.Sum(c.Graph), c.Point);
        }), Cases.Count(500));

    [Fact]
    public void ARandomGradientGraphOfATensorGraphRoundTripsExactly() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), c =>
        {
            var gradient = Reverse.GradGraph(Tensors.TensorGradientGraphProperties.Loss(c.Graph));
            foreach (var output in gradient.Outputs)
            {
                // An output may not use every input; bind only those it does.
                var point = Bindings.From(c.Point.Where(p => Graph.Inputs(output).Contains(p.Key)));
                RoundTrips(output, point);
            }
        }), Cases.Count(300));

    [Fact]
    public void ARandomGradientGraphOfAScalarGraphRoundTripsExactly() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            foreach (var partial in Reverse.GradGraph(c.Graph).Partials)
            {
                var json = GraphJson.Serialize(partial);
                var back = GraphJson.Deserialize(json);
                Require(back == partial && Graph.NodeCount(back) == Graph.NodeCount(partial), () => $"read back {back}, wrote {partial}");
                var point = Bindings.From(c.Point.Where(p => Graph.Inputs(partial).Contains(p.Key)));
                Require(BitConverter.DoubleToInt64Bits(Graph.Evaluate(back, point)) == BitConverter.DoubleToInt64Bits(Graph.Evaluate(partial, point)),
                    () => $"the value of {partial} differs");
                Require(GraphJson.Serialize(back) == json, () => "writing the graph read back gives another document");
            }
        }), Cases.Count(300));

    [Fact]
    public void GradientGraphsWithStepAndTheStrongProductRoundTrip()
    {
        var (x, y) = (Expr.Input("x"), Expr.Input("y"));
        var partial = Reverse.GradGraph(Expr.Max(x, y) * Expr.Sqrt(x))["x"];
        var printed = partial.ToString();
        Assert.Contains("step(", printed);
        Assert.Contains("⊙", printed);
        var back = GraphJson.Deserialize(GraphJson.Serialize(partial));
        Assert.Equal(partial, back);
        Assert.Equal(printed, back.ToString());
    }

    [Fact]
    public void TensorConstantsOfAnyBitPatternRoundTrip() =>
        Cases.Check(Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), seed =>
        {
            var random = new Random(seed);
            var shape = random.Next(2) == 0 ? Shape.Vector(random.Next(1, 6)) : Shape.Matrix(random.Next(1, 5), random.Next(1, 5));
            var constant = Tensor.Create(shape, (_, _) => RoundTripProperties.AnyDouble(random));
            var x = Expr.Input("x", shape);
            var graph = Expr.Sum(x * Expr.Constant(constant));
            var back = GraphJson.Deserialize(GraphJson.Serialize(graph));
            Require(back == graph, () => $"read back {back}, wrote {graph}");
            var read = Graph.Nodes(back).OfType<ConstantNode>().Single(c => !c.Shape.IsScalar).Value;
            Require(read.Shape == shape && read.ToArray().Zip(constant.ToArray()).All(p =>
                    BitConverter.DoubleToInt64Bits(p.First) == BitConverter.DoubleToInt64Bits(p.Second)),
                () => $"a constant's bits changed: {read}");
        }));

    [Fact]
    public void EveryOperationAndItsParametersRoundTrip()
    {
        var m = Expr.Input("m", Shape.Matrix(3, 2));
        var n = Expr.Input("n", Shape.Matrix(2, 3));
        var v = Expr.Input("v", Shape.Vector(3));
        var labels = Expr.Constant(Tensor.Vector(0, 1, 1));
        Expr[] graphs =
        [
            Expr.MatMul(m, n), Expr.MatMul(m, Expr.Input("u", Shape.Vector(2))), Expr.Dot(v, v), Expr.Transpose(m),
            Expr.Sum(m), Expr.Sum(m, 0), Expr.Sum(m, -1), Expr.Mean(m), Expr.Mean(m, 1), Expr.Reshape(m, Shape.Matrix(2, 3)),
            Expr.Reshape(m, Shape.Vector(6)), Expr.Reshape(v, Shape.Matrix(3, 1)), Expr.Rows(m, 1, 2), Expr.Row(m, 2),
            Expr.Row(v, 0), Expr.Concat(m, m, 0), Expr.Concat(m, m, 1), Expr.Concat(v, v, -1), Expr.LogSumExp(m),
            Expr.LogSumExp(m, 0), Expr.Softmax(m), Expr.Softmax(m, 0), Expr.LogSoftmax(v), Expr.LogSoftmax(m, 1),
            Expr.MeanSquaredError(m, Expr.Transpose(n)), Expr.CrossEntropy(m, labels), Expr.CrossEntropy(m, Expr.Softmax(m)),
            Expr.BinaryCrossEntropyWithLogits(v, Expr.Constant(Tensor.Vector(0, 0.5, 1))), Expr.Exp(m) * Expr.Reshape(v, Shape.Matrix(3, 1)),
            Expr.BroadcastTo(v, Shape.Matrix(2, 3)), Expr.BroadcastTo(Expr.Input("s"), Shape.Vector(4)), Expr.SumTo(m, Shape.Vector(2)),
            Expr.SumTo(m, Shape.Matrix(3, 1)), Expr.SumTo(v, Shape.Scalar), Expr.OneHot(labels, 4), Expr.OneHot(Expr.Input("l"), 2),
        ];
        var covered = graphs.SelectMany(g => Graph.Nodes(g)).OfType<ApplyNode>().Where(a => a.Primitive is TensorOperation).Select(o => o.Primitive.Name).ToHashSet();
        Assert.Equal(TensorGraphGen.Operations.Order(), covered.Order());
        foreach (var graph in graphs)
        {
            var back = GraphJson.Deserialize(GraphJson.Serialize(graph));
            Assert.Equal(graph, back);
            Assert.Equal(graph.ToString(), back.ToString());
        }
    }
}
