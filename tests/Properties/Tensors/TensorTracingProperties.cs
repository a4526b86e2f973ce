using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Random graphs rewritten as generic functions (<see cref="GraphTools.AsGenericFunction"/>) and traced with tensor
/// inputs — the first input a scalar, the others vectors, so that broadcasting is exercised — give the function
/// element by element: the value of each element is the function on doubles, and the gradient of the sum of the
/// elements is the original graph's gradient, summed over the elements a scalar input was broadcast to.
/// </summary>
public class TensorTracingProperties
{
    private const int Length = 3;

    [Fact]
    public void AGenericFunctionTracedOverTensorsIsTheFunctionElementByElement() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var names = Graph.Inputs(c.Graph);
            var generic = GraphTools.AsGenericFunction(c.Graph);
            var shapes = names.Select((n, i) => (n, i == 0 ? Shape.Scalar : Shape.Vector(Length))).ToArray();
            var traced = Graph.Trace(v => generic.Invoke<Expr>(v), shapes);
            var at = Bindings.Of([.. shapes.Select(s => (s.Item1, s.Item2 == Shape.Scalar
                ? Tensor.Scalar(c.Point[s.Item1]) : Tensor.Filled(s.Item2, c.Point[s.Item1])))]);

            var expected = generic.Invoke<double>([.. names.Select(n => c.Point[n])]);
            var value = Graph.Evaluate(traced, at).ToArray();
            foreach (var element in value)
            {
                // The vectorised exp kernel is within 2 ulps of Math.Exp, so elements are compared to a tight bound, not bitwise.
                Require(double.IsNaN(expected) ? double.IsNaN(element) : Math.Abs(element - expected) <= 1e-9 * (1 + Math.Abs(expected)),
                    () => $"element {element:R} of {traced} vs the function {expected:R}");
            }

            var gradient = Reverse.Grad(Expr.Sum(traced), at);
            var original = Reverse.Grad(c.Graph, c.Point);
            var scale = GraphTools.AbsoluteGradient(c.Graph, c.Point);
            foreach (var (name, shape) in shapes)
            {
                var elements = gradient[name].ToArray();
                // A scalar input is broadcast to every element of the output (one element when no vector input is used).
                var copies = traced.Shape.Count;
                if (shape == Shape.Scalar)
                    Close(elements[0], copies * original[name], ModeTolerance * copies * Math.Max(1, scale[name]), $"∂Σ/∂{name} (broadcast scalar)");
                else
                    foreach (var e in elements) Close(e, original[name], ModeTolerance * Math.Max(1, scale[name]), $"∂Σ/∂{name}ᵢ");
            }
        }));

    [Fact]
    public void ShapesThatDoNotFitAreNamedWhileTracing()
    {
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Graph.Trace(v => v[0] + v[1], ("a", Shape.Vector(3)), ("b", Shape.Vector(4))));
        Assert.Contains("3", e.Message);
        Assert.Contains("4", e.Message);
    }

    [Fact]
    public void ANameGivenTwiceIsRefused() =>
        Assert.Throws<ArgumentException>(() => Graph.Trace(v => v[0], ("a", Shape.Scalar), ("a", Shape.Vector(2))));
}
