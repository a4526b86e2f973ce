using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Generators;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Full Jacobians of tensor graphs computed three independent ways — JVPs on basis tangents, VJPs on basis
/// cotangents, central finite differences — and the checks between them. Elements are numbered in row-major order.
/// </summary>
public static class TensorChecks
{
    /// <summary>A tensor of <paramref name="shape"/> with elements drawn uniformly from [−1, 1).</summary>
    public static Tensor Uniform(Shape shape, Random random) =>
        Tensor.Of([.. Enumerable.Range(0, shape.Count).Select(_ => random.NextDouble() * 2 - 1)], shape);

    /// <summary>The basis tensor of <paramref name="shape"/> with a 1 at row-major element <paramref name="k"/>.</summary>
    public static Tensor Basis(Shape shape, int k)
    {
        var elements = new double[shape.Count];
        elements[k] = 1;
        return Tensor.Of(elements, shape);
    }

    /// <summary>A copy of <paramref name="t"/> with <paramref name="delta"/> added to row-major element <paramref name="k"/>.</summary>
    public static Tensor Nudge(Tensor t, int k, double delta)
    {
        var elements = t.ToArray();
        elements[k] += delta;
        return Tensor.Of(elements, t.Shape);
    }

    /// <summary>The input elements of a case, as (name, element) pairs in name order.</summary>
    public static List<(string Name, int Element)> Columns(TensorGraphCase c) =>
        [.. Graph.Inputs(c.Graph).SelectMany(n => Enumerable.Range(0, c.Point[n].Shape.Count).Select(k => (n, k)))];

    /// <summary>J by columns: the JVP along each basis tangent.</summary>
    public static double[][] ForwardJacobian(TensorGraphCase c) =>
        [.. Columns(c).Select(col => Forward.Jvp(c.Graph, c.Point, Bindings.Of((col.Name, Basis(c.Point[col.Name].Shape, col.Element)))).Tangent.ToArray())];

    /// <summary>J by rows: the pullback of each basis cotangent, transposed here into columns.</summary>
    public static double[][] ReverseJacobian(TensorGraphCase c)
    {
        var vjp = Reverse.Vjp(c.Graph, c.Point);
        var outputs = c.Graph.Shape.Count;
        var rows = Enumerable.Range(0, outputs).Select(o => vjp.Pullback(Basis(c.Graph.Shape, o))).ToArray();
        return [.. Columns(c).Select(col => rows.Select(g => g[col.Name].ToArray()[col.Element]).ToArray())];
    }

    /// <summary>
    /// J by columns from central differences with one Richardson step (as <see cref="GradientChecks.CentralDifference"/>),
    /// step h = <see cref="GradientChecks.Step"/>·max(1, |x|).
    /// </summary>
    public static double[][] FiniteDifferenceJacobian(TensorGraphCase c) =>
        [.. Columns(c).Select(col =>
        {
            var x = c.Point[col.Name];
            var h = GradientChecks.Step * Math.Max(1, Math.Abs(x.ToArray()[col.Element]));
            var (d1, d2) = (Central(c, col, h), Central(c, col, 2 * h));
            return d1.Select((d, o) => (4 * d - d2[o]) / 3).ToArray();
        })];

    private static double[] Central(TensorGraphCase c, (string Name, int Element) col, double h)
    {
        var x = c.Point[col.Name];
        var up = Graph.Evaluate(c.Graph, c.Point.With(col.Name, Nudge(x, col.Element, h))).ToArray();
        var down = Graph.Evaluate(c.Graph, c.Point.With(col.Name, Nudge(x, col.Element, -h))).ToArray();
        return [.. up.Select((u, o) => (u - down[o]) / (2 * h))];
    }

    /// <summary>Forward and reverse Jacobians agree to <see cref="GradientChecks.ModeTolerance"/>·max(1, sensitivity).</summary>
    public static void ForwardEqualsReverse(TensorGraphCase c)
    {
        var (forward, reverse) = (ForwardJacobian(c), ReverseJacobian(c));
        var tolerance = GradientChecks.ModeTolerance * Math.Max(1, c.Sensitivity);
        Compare(c, forward, reverse, tolerance, "forward vs reverse");
    }

    /// <summary>Both modes match finite differences to <see cref="GradientChecks.FiniteDifferenceTolerance"/>·(1 + sensitivity + max |f|).</summary>
    public static void MatchesFiniteDifferences(TensorGraphCase c)
    {
        var estimate = FiniteDifferenceJacobian(c);
        var value = TensorGraphGen.MaxAbs(Graph.Evaluate(c.Graph, c.Point));
        var tolerance = GradientChecks.FiniteDifferenceTolerance * (1 + c.Sensitivity + value);
        Compare(c, ForwardJacobian(c), estimate, tolerance, "forward vs finite differences");
        Compare(c, ReverseJacobian(c), estimate, tolerance, "reverse vs finite differences");
    }

    /// <summary>
    /// ⟨u, J v⟩ = ⟨Jᵀ u, v⟩ for u of the output's shape and v of the inputs' shapes (entries in [−1, 1]), to
    /// <see cref="GradientChecks.ModeTolerance"/>·max(1, outputs·sensitivity), which bounds Σ |u|·|J|·|v|.
    /// </summary>
    public static void TransposeIdentity(TensorGraphCase c, Random random)
    {
        var u = Tensor.Create(c.Graph.Shape, (_, _) => 2 * random.NextDouble() - 1);
        var v = Bindings.From(Graph.Inputs(c.Graph).Select(n =>
            KeyValuePair.Create(n, Tensor.Create(c.Point[n].Shape, (_, _) => 2 * random.NextDouble() - 1))));
        var jv = Forward.Jvp(c.Graph, c.Point, v).Tangent.ToArray();
        var jTu = Reverse.Vjp(c.Graph, c.Point).Pullback(u);
        var left = u.ToArray().Zip(jv, (a, b) => a * b).Sum();
        var right = v.Names.Sum(n => jTu[n].ToArray().Zip(v[n].ToArray(), (a, b) => a * b).Sum());
        GradientChecks.Close(left, right, GradientChecks.ModeTolerance * Math.Max(1, c.Graph.Shape.Count * c.Sensitivity),
            $"⟨u, Jv⟩ vs ⟨Jᵀu, v⟩ for {c}");
    }

    private static void Compare(TensorGraphCase c, double[][] a, double[][] b, double tolerance, string what)
    {
        var columns = Columns(c);
        for (var col = 0; col < a.Length; col++)
        for (var o = 0; o < a[col].Length; o++)
            GradientChecks.Close(a[col][o], b[col][o], tolerance, $"{what}: ∂out[{o}]/∂{columns[col].Name}[{columns[col].Element}]");
    }
}
