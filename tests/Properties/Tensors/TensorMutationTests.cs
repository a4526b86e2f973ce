using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Generators;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// The tensor checks catch a wrong rule of every operation: each operation, applied to random inputs, with its JVP
/// or its VJP scaled by 1.01 for the first argument, fails forward = reverse and the finite-difference check; with
/// its VJP as graph operations scaled so, the gradient graph no longer evaluates to the reverse gradient.
/// </summary>
public class TensorMutationTests
{
    /// <summary>An operation whose JVP, or whose VJP for the first argument (as numbers or as graphs), is 1 % off.</summary>
    private sealed class MutantOperation(TensorOperation original, bool wrongJvp, bool wrongGraph = false) : TensorOperation
    {
        private TensorOperation Original { get; } = original;
        private bool WrongJvp { get; } = wrongJvp;
        private bool WrongGraph { get; } = wrongGraph;
        public override string Name => Original.Name;
        public override int Arity => Original.Arity;
        public override System.Collections.Immutable.ImmutableArray<double> Parameters => Original.Parameters;
        public override string Symbol => Original.Symbol;
        internal override string? ParameterText => Original.ParameterText;
        public override Shape OutputShape(Shape x, Shape y) => Original.OutputShape(x, y);
        public override Tensor Value(Tensor x, Tensor y) => Original.Value(x, y);

        public override Tensor Jvp(Tensor x, Tensor y, Tensor output, Tensor? dx, Tensor? dy)
        {
            var tangent = Original.Jvp(x, y, output, dx, dy);
            return WrongJvp ? Scaled(tangent) : tangent;
        }

        public override TensorPullback Vjp(Tensor x, Tensor y, Tensor output)
        {
            var pullback = Original.Vjp(x, y, output);
            return WrongJvp || WrongGraph ? pullback : (g, first, second) =>
            {
                var (a, b) = pullback(g, first, second);
                return new(a is { } t ? Scaled(t) : null, b);
            };
        }

        internal override (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? y, Expr output, Expr cotangent)
        {
            var (a, b) = Original.VjpGraph(x, y, output, cotangent);
            return (WrongGraph && a is not null ? 1.01 * a : a, b);
        }

        private static Tensor Scaled(Tensor t) => 1.01 * t;
    }

    private static readonly (string Name, Func<Expr, Expr, Expr> Build, Shape X, Shape Y)[] Samples =
    [
        ("MatMul", Expr.MatMul, Shape.Matrix(2, 3), Shape.Matrix(3, 2)),
        ("MatMul vector", Expr.MatMul, Shape.Matrix(2, 3), Shape.Vector(3)),
        ("Dot", Expr.Dot, Shape.Vector(3), Shape.Vector(3)),
        ("Transpose", (x, _) => Expr.Transpose(x), Shape.Matrix(2, 3), Shape.Scalar),
        ("Sum", (x, _) => Expr.Sum(x, 0), Shape.Matrix(2, 3), Shape.Scalar),
        ("Mean", (x, _) => Expr.Mean(x), Shape.Matrix(2, 3), Shape.Scalar),
        ("Reshape", (x, _) => Expr.Reshape(x, Shape.Matrix(3, 2)), Shape.Matrix(2, 3), Shape.Scalar),
        ("Rows", (x, _) => Expr.Rows(x, 1, 2), Shape.Matrix(3, 2), Shape.Scalar),
        ("Row", (x, _) => Expr.Row(x, 1), Shape.Matrix(3, 2), Shape.Scalar),
        ("Concat", (x, y) => Expr.Concat(x, y, 1), Shape.Matrix(2, 2), Shape.Matrix(2, 1)),
        ("LogSumExp", (x, _) => Expr.LogSumExp(x, 1), Shape.Matrix(2, 3), Shape.Scalar),
        ("Softmax", (x, _) => Expr.Softmax(x, 0), Shape.Matrix(2, 3), Shape.Scalar),
        ("LogSoftmax", (x, _) => Expr.LogSoftmax(x), Shape.Matrix(2, 3), Shape.Scalar),
        ("MeanSquaredError", Expr.MeanSquaredError, Shape.Matrix(2, 3), Shape.Matrix(2, 3)),
        ("CrossEntropy labels", (x, _) => Expr.CrossEntropy(x, Expr.Constant(Tensor.Vector(2, 0))), Shape.Matrix(2, 3), Shape.Scalar),
        ("CrossEntropy targets", Expr.CrossEntropy, Shape.Matrix(2, 3), Shape.Matrix(2, 3)),
        ("BinaryCrossEntropyWithLogits", Expr.BinaryCrossEntropyWithLogits, Shape.Vector(3), Shape.Vector(3)),
        ("BroadcastTo", (x, _) => Expr.BroadcastTo(x, Shape.Matrix(2, 3)), Shape.Vector(3), Shape.Scalar),
        ("SumTo", (x, _) => Expr.SumTo(x, Shape.Matrix(2, 1)), Shape.Matrix(2, 3), Shape.Scalar),
        ("Conv2D", (x, k) => Expr.Conv2D(x, k, padding: 1), Shape.Of(2, 2, 4, 4), Shape.Of(3, 2, 3, 3)),
        ("Conv2D strided, grouped", (x, k) => Expr.Conv2D(x, k, (2, 1), (1, 0), (1, 2), groups: 2), Shape.Of(1, 4, 5, 5), Shape.Of(2, 2, 2, 2)),
        ("MaxPool2D", (x, _) => Expr.MaxPool2D(x, 2), Shape.Of(2, 2, 4, 4), Shape.Scalar),
        ("Permute", (x, _) => Expr.Permute(x, [2, 0, 1]), Shape.Of(2, 3, 4), Shape.Scalar),
        ("Max", (x, _) => Expr.Max(x, 1), Shape.Of(2, 3, 4), Shape.Scalar),
        ("Min", (x, _) => Expr.Min(x), Shape.Of(2, 3), Shape.Scalar),
        ("Slice", (x, _) => Expr.Slice(x, 1, 1, 2, 2), Shape.Of(2, 5, 3), Shape.Scalar),
        ("Concat rank 3", (x, y) => Expr.Concat(x, y, 1), Shape.Of(2, 2, 3), Shape.Of(2, 1, 3)),
        ("BatchedProduct", (x, y) => Expr.Operate(BatchedProductOperation.Instance, x, y), Shape.Of(2, 3, 4), Shape.Of(3, 2, 4)),
        ("Take", (x, _) => Expr.Take(x, Expr.Constant(Tensor.Vector(2, 0, 2)), 1), Shape.Of(2, 3, 2), Shape.Scalar),
        ("Dropout", (x, _) => Expr.Dropout(x, 0.5, Expr.Constant(7.0)), Shape.Of(2, 3, 4), Shape.Scalar),
    ];

    public static TheoryData<string> Names => [.. Samples.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void AWrongRuleOfEveryOperationIsCaught(string name)
    {
        var (_, build, sx, sy) = Samples.Single(s => s.Name == name);
        var random = new Random(11);
        var (x, y) = (Expr.Input("x", sx), Expr.Input("y", sy));
        var node = (ApplyNode)build(x, y);
        var operation = (TensorOperation)node.Primitive;
        var point = Bindings.From(Graph.Inputs(node).Select(n =>
            KeyValuePair.Create(n, Tensor.Create(n == "x" ? sx : sy, _ => 0.2 + random.NextDouble()))));
        var honest = new TensorGraphCase(node, point, 10);
        TensorChecks.ForwardEqualsReverse(honest);
        TensorChecks.MatchesFiniteDifferences(honest);

        foreach (var wrongJvp in new[] { true, false })
        {
            var mutant = new MutantOperation(operation, wrongJvp);
            var graph = node.Arguments.Length == 1 ? Expr.Operate(mutant, node.Arguments[0]) : Expr.Operate(mutant, node.Arguments[0], node.Arguments[1]);
            var c = honest with { Graph = graph };
            Assert.Throws<PropertyFailure>(() => TensorChecks.ForwardEqualsReverse(c));
            Assert.Throws<PropertyFailure>(() => TensorChecks.MatchesFiniteDifferences(c));
        }

        TensorGradientGraphProperties.GradGraphEqualsGrad(honest);
        var wrongGraph = new MutantOperation(operation, false, wrongGraph: true);
        var withWrongGraph = node.Arguments.Length == 1
            ? Expr.Operate(wrongGraph, node.Arguments[0])
            : Expr.Operate(wrongGraph, node.Arguments[0], node.Arguments[1]);
        Assert.Throws<PropertyFailure>(() => TensorGradientGraphProperties.GradGraphEqualsGrad(honest with { Graph = withWrongGraph }));
    }

    [Fact]
    public void AWrongElementwiseRuleIsCaughtThroughBroadcasting()
    {
        var wrong = Mutants.WithReverse(Primitives.Multiply, (x, y, z) => (y, 1.01 * x));
        var (x, b) = (Expr.Input("x", Shape.Matrix(2, 3)), Expr.Input("b", Shape.Vector(3)));
        var c = new TensorGraphCase(Expr.Sum(Expr.Apply(wrong, x, b)),
            Bindings.Of(("x", Tensor.Filled(Shape.Matrix(2, 3), 0.5)), ("b", Tensor.Vector(1, 2, 3))), 10);
        Assert.Throws<PropertyFailure>(() => TensorChecks.ForwardEqualsReverse(c));
    }
}
