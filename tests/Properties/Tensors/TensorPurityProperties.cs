using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using MathNet.Numerics.LinearAlgebra;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Tensors never share storage with their users: the arrays and MathNet objects a user builds tensors from are
/// unchanged by every transformation, writing into them afterwards changes no result, and writing into what a
/// tensor hands out changes nothing either. Hessians, Jacobians, Hessian-vector products and finite differences repeat
/// bit for bit, and the matrices they return are new each time.
/// </summary>
public class TensorPurityProperties
{
    [Fact]
    public void UserArraysAndMatricesAreUnchangedAndUnaliased() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), c =>
        {
            // Rebind every input from a user-owned array or MathNet object, keeping copies to compare with.
            var owned = new Dictionary<string, (object Source, double[] Copy)>();
            var point = Bindings.From(c.Point.Select(p =>
            {
                var t = p.Value;
                (object source, Tensor tensor) = t.Shape.Rank switch
                {
                    0 => ((object)new[] { t.ToScalar() }, Tensor.Scalar(t.ToScalar())),
                    1 => Vector<double>.Build.DenseOfArray(t.ToArray()) is var v ? (v, Tensor.Of(v)) : default,
                    _ => t.ToArray2D() is var a ? (a, Tensor.Matrix(a)) : default,
                };
                owned[p.Key] = (source, t.ToArray());
                return KeyValuePair.Create(p.Key, tensor);
            }));
            var c2 = c with { Point = point };
            var value = Graph.Evaluate(c.Graph, point);
            var jacobian = TensorChecks.ReverseJacobian(c2);
            var forward = TensorChecks.ForwardJacobian(c2);
            foreach (var (name, (source, copy)) in owned)
                GradientChecks.Require(Elements(source).SequenceEqual(copy), () => $"the user's {name} changed");

            // Writing into the user's objects now, and into every tensor handed out, changes no later result.
            foreach (var (_, (source, _)) in owned) Scribble(source);
            value.ToArray()[0] = double.NaN;
            if (value.Shape.Rank == 2) value.ToMatrix()[0, 0] = double.NaN;
            GradientChecks.Require(Graph.Evaluate(c.Graph, point) == value, () => "the value changed after writing to user objects");
            GradientChecks.Require(TensorChecks.ReverseJacobian(c2).Zip(jacobian).All(p => p.First.SequenceEqual(p.Second)), () => "the reverse Jacobian changed");
            GradientChecks.Require(TensorChecks.ForwardJacobian(c2).Zip(forward).All(p => p.First.SequenceEqual(p.Second)), () => "the forward Jacobian changed");
        }), Cases.Count());

    [Fact]
    public void SecondOrderResultsRepeatBitForBitAndAreTheCallersOwn() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), c =>
        {
            var loss = TensorGradientGraphProperties.Loss(c.Graph);
            var gradient = Reverse.GradGraph(loss);
            var hessian = gradient.Hessian(c.Point);
            var jacobian = Transform.Jacobian(c.Graph, c.Point);
            var direction = Bindings.From(c.Point.Select(p => KeyValuePair.Create(p.Key, Tensor.Filled(p.Value.Shape, 0.5))));
            var hvp = gradient.HessianVectorProduct(c.Point, direction);
            var differences = Graph.CentralDifferences(loss, c.Point);
            var (hessianCopy, jacobianCopy) = (hessian.Clone(), jacobian.Clone());
            // Writing into the matrices handed out changes nothing later: each call makes new ones.
            if (hessian.RowCount > 0) hessian[0, 0] = double.NaN;
            if (jacobian.RowCount > 0 && jacobian.ColumnCount > 0) jacobian[0, 0] = double.NaN;
            GradientChecks.Require(gradient.Hessian(c.Point).Equals(hessianCopy), () => $"the Hessian of {c} does not repeat");
            GradientChecks.Require(Reverse.GradGraph(loss).Hessian(c.Point).Equals(hessianCopy), () => $"a new gradient graph of {c} has another Hessian");
            GradientChecks.Require(Transform.Jacobian(c.Graph, c.Point).Equals(jacobianCopy), () => $"the Jacobian of {c} does not repeat");
            GradientChecks.Require(gradient.HessianVectorProduct(c.Point, direction).Equals(hvp), () => $"the HVP of {c} does not repeat");
            GradientChecks.Require(Graph.CentralDifferences(loss, c.Point).Equals(differences), () => $"the differences of {c} do not repeat");
        }), Cases.Count(300));

    private static IEnumerable<double> Elements(object source) => source switch
    {
        double[] a => a,
        Vector<double> v => v.ToArray(),
        double[,] m => Enumerable.Range(0, m.GetLength(0)).SelectMany(i => Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j])),
        _ => throw new InvalidOperationException(),
    };

    private static void Scribble(object source)
    {
        switch (source)
        {
            case double[] a: Array.Fill(a, 1e300); break;
            case Vector<double> v: v.Clear(); break;
            case double[,] m: m[0, 0] = -1e300; break;
        }
    }
}
