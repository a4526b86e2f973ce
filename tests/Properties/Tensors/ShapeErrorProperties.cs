using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Every operation on every pair of small shapes either builds a node whose evaluation, JVP and VJP succeed with
/// values of the declared shapes, or fails while building with a <see cref="ShapeMismatchException"/> that names
/// the operation and the shapes — never an IndexOutOfRange, a MathNet exception or any other failure later.
/// </summary>
public class ShapeErrorProperties
{
    private static readonly Shape[] Shapes =
    [
        Shape.Scalar, Shape.Vector(1), Shape.Vector(2), Shape.Vector(3),
        Shape.Matrix(1, 1), Shape.Matrix(1, 3), Shape.Matrix(2, 1), Shape.Matrix(2, 3), Shape.Matrix(3, 2), Shape.Matrix(3, 3),
    ];

    /// <summary>Each builder, named as its error messages start, over two arguments (unary ones ignore the second).</summary>
    private static readonly (string Name, Func<Expr, Expr, Random, Expr> Build)[] Builders =
    [
        ("add", (x, y, _) => x + y), ("max", (x, y, _) => Expr.Max(x, y)), ("pow", (x, y, _) => Expr.Pow(x, y)),
        ("MatMul", (x, y, _) => Expr.MatMul(x, y)), ("Dot", (x, y, _) => Expr.Dot(x, y)),
        ("Transpose", (x, _, _) => Expr.Transpose(x)),
        ("Sum", (x, _, r) => Expr.Sum(x, r.Next(-2, 3))), ("Mean", (x, _, r) => Expr.Mean(x, r.Next(-2, 3))),
        ("Reshape", (x, _, r) => Expr.Reshape(x, Shapes[r.Next(Shapes.Length)])),
        ("Rows", (x, _, r) => Expr.Rows(x, r.Next(-1, 3), r.Next(0, 4))), ("Row", (x, _, r) => Expr.Row(x, r.Next(-1, 4))),
        ("Concat", (x, y, r) => Expr.Concat(x, y, r.Next(-1, 3))),
        ("LogSumExp", (x, _, r) => Expr.LogSumExp(x, r.Next(-2, 3))), ("Softmax", (x, _, r) => Expr.Softmax(x, r.Next(-2, 3))),
        ("LogSoftmax", (x, _, r) => Expr.LogSoftmax(x, r.Next(-2, 3))),
        ("MeanSquaredError", (x, y, _) => Expr.MeanSquaredError(x, y)), ("CrossEntropy", (x, y, _) => Expr.CrossEntropy(x, y)),
        ("BinaryCrossEntropyWithLogits", (x, y, _) => Expr.BinaryCrossEntropyWithLogits(x, y)),
        ("BroadcastTo", (x, _, r) => Expr.BroadcastTo(x, Shapes[r.Next(Shapes.Length)])),
        ("SumTo", (x, _, r) => Expr.SumTo(x, Shapes[r.Next(Shapes.Length)])),
        ("OneHot", (x, _, r) => Expr.OneHot(x - x, r.Next(0, 4))), // x − x: zeros, a valid label
    ];

    [Fact]
    public void ShapeErrorsAreRaisedWhileBuildingAndNameTheOperationAndShapes() =>
        Cases.Check(Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), seed =>
        {
            var random = new Random(seed);
            var (name, build) = Builders[random.Next(Builders.Length)];
            Shape sx = Shapes[random.Next(Shapes.Length)], sy = Shapes[random.Next(Shapes.Length)];
            var (x, y) = (Expr.Input("x", sx), Expr.Input("y", sy));
            Expr node;
            try
            {
                node = build(x, y, random);
            }
            catch (ShapeMismatchException e)
            {
                GradientChecks.Require(e.Message.StartsWith(name + ": ", StringComparison.Ordinal) && e.Message.Contains(sx.ToString()),
                    () => $"{name} on {sx}, {sy}: the message '{e.Message}' does not name the operation and the shapes");
                return;
            }
            // Labels must be class indices: bind y to zeros, a valid label whatever the classes.
            var at = Bindings.Of(("x", Tensor.Create(sx, (_, _) => random.NextDouble() + 0.5)), ("y", Tensor.Zeros(sy)));
            var used = Graph.Inputs(node);
            at = Bindings.From(at.Where(p => used.Contains(p.Key)));
            var value = Graph.Evaluate(node, at);
            var tangent = Forward.Jvp(node, at, at).Tangent;
            var cotangents = Reverse.Vjp(node, at).Pullback(Tensor.Filled(node.Shape, 1));
            GradientChecks.Require(value.Shape == node.Shape && tangent.Shape == node.Shape, () => $"{node}: value {value.Shape}, tangent {tangent.Shape}, declared {node.Shape}");
            foreach (var input in used)
                GradientChecks.Require(cotangents[input].Shape == at[input].Shape, () => $"{node}: cotangent of {input} has shape {cotangents[input].Shape}");
        }), Cases.Count(2000));

    [Fact]
    public void MismatchedCotangentsAndTangentsAreNamed()
    {
        var w = Expr.Input("W", Shape.Matrix(2, 3));
        var at = Bindings.Of(("W", Tensor.Zeros(Shape.Matrix(2, 3))));
        Assert.Contains("cotangent has shape 3", Assert.Throws<ShapeMismatchException>(() => Reverse.Vjp(w, at).Pullback(Tensor.Zeros(Shape.Vector(3)))).Message);
        Assert.Contains("tangent has shape scalar", Assert.Throws<ShapeMismatchException>(() => Forward.Jvp(w, at, Bindings.Of(("W", 1.0)))).Message);
        Assert.Contains("no such input", Assert.Throws<ArgumentException>(() => Forward.Jvp(w, at, Bindings.Of(("V", 1.0)))).Message);
        Assert.Contains("no such input", Assert.Throws<ArgumentException>(() => Reverse.Grad(Expr.Sum(w), at, ["V"])).Message);
        Assert.Contains("scalar output", Assert.Throws<InvalidOperationException>(() => Reverse.Grad(w, at)).Message);
        Assert.Contains("scalar output", Assert.Throws<InvalidOperationException>(() => Forward.Grad(w, at)).Message);
    }
}
