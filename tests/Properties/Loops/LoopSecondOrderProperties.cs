using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Support;
using MathNet.Numerics.LinearAlgebra;

namespace FunctionalAD.Properties.Loops;

/// <summary>
/// Second order through loop nodes: the gradient graph of a graph with a fold or a bounded while loop holds a node per
/// argument cotangent, whose JVP is forward over reverse through the body. On random bodies its Hessian and its
/// Hessian-vector products equal those of the unrolled graph to <see cref="Relative"/> of the Hessian's largest entry
/// (the same second derivatives, summed in another order: the loop adds each step's share as it pulls back, the unrolled
/// gradient graph adds a parameter's shares in the order its simplified graph holds them), and evaluating it gives
/// <see cref="Reverse.Grad(Expr, Bindings)"/> exactly (its cotangent nodes run the loop's own reverse sweep).
/// </summary>
public class LoopSecondOrderProperties
{
    /// <summary>The tolerance relative to max(1, the largest |Hᵢⱼ|).</summary>
    private const double Relative = 1e-9;

    private static Arbitrary<LoopCase> Loops() => Arb.From(Gen.Choose(0, int.MaxValue - 1).Select(seed => LoopCase.Draw(new Random(seed))));

    /// <summary>Equal as numbers (−0 = +0: the rest of a gradient graph may give an exact zero another sign than Reverse.Grad), or both NaN.</summary>
    private static bool Same(double a, double b) => a == b || (double.IsNaN(a) && double.IsNaN(b));

    [Fact]
    public void AFoldsHessianAndHessianVectorProductsEqualTheUnrolledGraphs() =>
        Cases.Check(Prop.ForAll(Loops(), c => RequireSameSecondOrder(c.Loop, c.Unrolled, c.Point)), Cases.Count(300));

    /// <summary>The while loop of <see cref="WhileTests.ALoopEqualsItsUnrolledWhereChain"/>: the condition c &lt; p0 + 1 held fixed.</summary>
    [Fact]
    public void AWhileLoopsHessianEqualsItsUnrolledWhereChains() =>
        Cases.Check(Prop.ForAll(Loops(), c =>
        {
            Expr Condition(Expr x) => Expr.Step(Expr.Input("p0") + 1, x);
            var loop = Expr.While(Expr.Input("c"), c.Count, Condition, x => Graph.Substitute(c.Body, "c", x));
            var unrolled = Expr.Input("c");
            for (var k = 0; k < c.Count; k++) unrolled = Expr.Where(Condition(unrolled), Graph.Substitute(c.Body, "c", unrolled), unrolled);
            var point = c.Point.Names.Contains("p0") ? c.Point : Bindings.From(c.Point.Append(KeyValuePair.Create("p0", (Tensor)0.25)));
            RequireSameSecondOrder(loop, unrolled, point);
        }), Cases.Count(300));

    /// <summary>
    /// A vector carry through a matrix parameter (the tensor sweeps), a loss of the last carry: the Hessian over all 15
    /// elements of W, b and v equals the unrolled graph's, and the gradient graph evaluates to Reverse.Grad.
    /// </summary>
    [Fact]
    public void ARecurrentTensorBodysHessianEqualsTheUnrolledGraphs()
    {
        var (w, b, v) = (Expr.Input("W", Shape.Matrix(3, 3)), Expr.Input("b", Shape.Vector(3)), Expr.Input("v", Shape.Vector(3)));
        Expr Step(Expr h) => Expr.Tanh(Expr.MatMul(w, h) + b);
        var loop = Expr.Fold(v, 6, Step);
        var unrolled = v;
        for (var k = 0; k < 6; k++) unrolled = Step(unrolled);
        var random = new Random(11);
        var at = Bindings.Of(
            ("W", Tensor.Create(Shape.Matrix(3, 3), (_, _) => random.NextDouble() - 0.5)),
            ("b", Tensor.Create(Shape.Vector(3), (_, _) => random.NextDouble() - 0.5)),
            ("v", Tensor.Create(Shape.Vector(3), (_, _) => random.NextDouble() - 0.5)));
        RequireSameSecondOrder(Expr.Sum(loop * loop), Expr.Sum(unrolled * unrolled), at);
    }

    /// <summary>
    /// A while loop over a vector carry (the tensor sweeps) that stops before its bound: the Hessian over W, b and v equals
    /// that of its unrolled where-chain of the most steps.
    /// </summary>
    [Fact]
    public void ATensorWhileLoopsHessianEqualsItsUnrolledWhereChains()
    {
        var (w, b, v) = (Expr.Input("W", Shape.Matrix(2, 2)), Expr.Input("b", Shape.Vector(2)), Expr.Input("v", Shape.Vector(2)));
        Expr Condition(Expr h) => Expr.Step(3.0, Expr.Sum(h * h));
        Expr Step(Expr h) => 1.5 * h + Expr.Tanh(Expr.MatMul(w, h) + b);
        var loop = Expr.While(v, 8, Condition, Step);
        var unrolled = v;
        for (var k = 0; k < 8; k++) unrolled = Expr.Where(Condition(unrolled), Step(unrolled), unrolled);
        var at = Bindings.Of(
            ("W", Tensor.Matrix(new[,] { { 0.5, -0.3 }, { 0.2, 0.8 } })), ("b", Tensor.Vector(0.1, -0.2)), ("v", Tensor.Vector(0.3, 0.4)));
        var fold = Expr.Fold(v, 8, Step);
        Assert.NotEqual(Graph.Evaluate(fold, at).ToArray(), Graph.Evaluate(loop, at).ToArray()); // it stops early
        RequireSameSecondOrder(Expr.Sum(loop * loop), Expr.Sum(unrolled * unrolled), at);
    }

    /// <summary>A fold in a fold's body: the inner loop's cotangent nodes sit in the outer body's VJP graph.</summary>
    [Fact]
    public void NestedFoldsHessianEqualsTheUnrolledGraphs()
    {
        var (x0, a) = (Expr.Input("x0"), Expr.Input("a"));
        var loop = Expr.Fold(x0, 4, outer => Expr.Fold(outer, 3, inner => Expr.Sin(inner) * a + 0.1 * outer));
        var unrolled = x0;
        for (var i = 0; i < 4; i++)
        {
            var outer = unrolled;
            for (var j = 0; j < 3; j++) unrolled = Expr.Sin(unrolled) * a + 0.1 * outer;
        }
        RequireSameSecondOrder(loop * loop, unrolled * unrolled, Bindings.Of(("x0", 0.4), ("a", 0.9)));
    }

    /// <summary>
    /// A scan over a sequence, with random steps as in <see cref="ScanProperties"/>: the loss Σ w_t·y_t of the outputs
    /// y_t = c_t·x_t + c_{t+1}, against the same loss unrolled over the same vector inputs (x_t = xs·e_t): the Hessian
    /// over the initial carry, the parameter and every element of xs and ws.
    /// </summary>
    [Fact]
    public void AScansHessianEqualsTheUnrolledGraphs() =>
        Cases.Check(Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), seed =>
        {
            var random = new Random(seed);
            var drawn = Generators.GraphGen.Build(new Generators.GraphOptions
            {
                Fixed = Bindings.Of(("c", 2 * random.NextDouble() - 1), ("x", 2 * random.NextDouble() - 1)),
                Prefix = "p", MinInputs = 0, MaxInputs = 1, MaxApplications = 6, InputRange = 1,
            }, random);
            var n = random.Next(1, 9);
            Expr Next(Expr c, Expr x) => Graph.Substitute(Graph.Substitute(drawn.Graph, "c", c), "x", x);
            var (xs, ws) = (Expr.Input("xs", Shape.Vector(n)), Expr.Input("ws", Shape.Vector(n)));
            var scan = Expr.Sum(ws * Expr.Scan(Expr.Input("c"), xs, (c, x) => (Next(c, x), c * x + Next(c, x))));
            var unrolled = (Expr)0.0;
            var carry = Expr.Input("c");
            for (var t = 0; t < n; t++)
            {
                var e = Expr.Constant(Kernels.FromRowMajor(Shape.Vector(n), [.. Enumerable.Range(0, n).Select(k => k == t ? 1.0 : 0.0)]));
                var (x, w) = (Expr.Dot(xs, e), Expr.Dot(ws, e));
                var next = Next(carry, x);
                unrolled += w * (carry * x + next);
                carry = next;
            }
            Tensor Draw() => Tensor.Vector([.. Enumerable.Range(0, n).Select(_ => 2 * random.NextDouble() - 1)]);
            var point = Bindings.From(drawn.Point.Where(e => e.Key != "x")
                .Append(KeyValuePair.Create("xs", Draw())).Append(KeyValuePair.Create("ws", Draw())));
            if (!double.IsFinite(Graph.Evaluate(unrolled, point).ToScalar())) return;
            RequireSameSecondOrder(scan, unrolled, point);
        }), Cases.Count(200));

    /// <summary>
    /// A recurrent scan with a vector carry, a matrix parameter and vector output slices (a 3×2 output): the Hessian over
    /// W, h0 and the sequence xs equals the unrolled graph's.
    /// </summary>
    [Fact]
    public void ARecurrentScansHessianEqualsTheUnrolledGraphs()
    {
        var (w, h0, xs) = (Expr.Input("W", Shape.Matrix(2, 2)), Expr.Input("h0", Shape.Vector(2)), Expr.Input("xs", Shape.Vector(3)));
        var trajectory = Expr.Scan(h0, xs, (h, x) => (Expr.Tanh(Expr.MatMul(w, h) + x), h * x));
        var unrolled = (Expr)0.0;
        var carry = h0;
        for (var t = 0; t < 3; t++)
        {
            var x = Expr.Dot(xs, Expr.Constant(Kernels.FromRowMajor(Shape.Vector(3), [.. Enumerable.Range(0, 3).Select(k => k == t ? 1.0 : 0.0)])));
            var y = carry * x;
            unrolled += Expr.Sum(y * y);
            carry = Expr.Tanh(Expr.MatMul(w, carry) + x);
        }
        var at = Bindings.Of(
            ("W", Tensor.Matrix(new[,] { { 0.5, -0.3 }, { 0.2, 0.8 } })), ("h0", Tensor.Vector(0.4, -0.6)), ("xs", Tensor.Vector(0.1, 0.2, 0.3)));
        RequireSameSecondOrder(Expr.Sum(trajectory * trajectory), unrolled, at);
    }

    /// <summary>
    /// The loop's and the unrolled graph's Hessians agree, as do their Hessian-vector products along a fixed direction,
    /// and the loop's gradient graph evaluates to Reverse.Grad exactly (as numbers). Cases whose unrolled Hessian is not finite
    /// (a random body iterated) are skipped.
    /// </summary>
    private static void RequireSameSecondOrder(Expr loop, Expr unrolled, Bindings point)
    {
        var gradientGraph = Reverse.GradGraph(loop);
        var names = gradientGraph.Inputs;
        // The unrolled graph may have fewer inputs (none of the body's when it has no step): their rows are zero.
        var expected = Embed(Transform.Hessian(unrolled, point), Graph.Inputs(unrolled), names, point);
        if (expected.Enumerate().Any(h => !double.IsFinite(h))) return;
        var hessian = gradientGraph.Hessian(point);
        Assert.Equal(expected.RowCount, hessian.RowCount);
        var tolerance = Relative * Math.Max(1, expected.Enumerate().Max(Math.Abs));
        for (var i = 0; i < expected.RowCount; i++)
            for (var j = 0; j < expected.ColumnCount; j++)
                GradientChecks.Close(hessian[i, j], expected[i, j], tolerance, $"H[{i}, {j}]");

        var direction = Bindings.From(names.Select((n, i) => KeyValuePair.Create(n, Direction(point[n].Shape, i))));
        var product = gradientGraph.HessianVectorProduct(point, direction);
        var unrolledNames = Graph.Inputs(unrolled);
        var unrolledProduct = Transform.HessianVectorProduct(unrolled, point, Bindings.From(direction.Where(d => unrolledNames.Contains(d.Key))));
        double[] Want(string name) => unrolledNames.Contains(name) ? unrolledProduct[name].ToArray() : new double[point[name].Shape.Count];
        var productScale = Relative * Math.Max(1, names.Max(n => Want(n).Max(Math.Abs)));
        foreach (var name in names)
        {
            double[] got = product[name].ToArray(), want = Want(name);
            for (var k = 0; k < want.Length; k++) GradientChecks.Close(got[k], want[k], Math.Max(tolerance, productScale), $"(Hv)[{name}][{k}]");
        }

        var evaluated = gradientGraph.Evaluate(point);
        var gradient = Reverse.Grad(loop, point);
        foreach (var name in names)
        {
            double[] got = evaluated.Gradient[name].ToArray(), want = gradient[name].ToArray();
            for (var k = 0; k < want.Length; k++)
                GradientChecks.Require(Same(got[k], want[k]), () => $"the gradient graph's ∂/∂{name}[{k}] {got[k]:R} vs Reverse.Grad {want[k]:R}");
        }
    }

    /// <summary>A Hessian over the inputs <paramref name="of"/> laid out over the inputs <paramref name="over"/> (which hold them), zeros elsewhere.</summary>
    private static Matrix<double> Embed(Matrix<double> hessian, IReadOnlyList<string> of, IReadOnlyList<string> over, Bindings point)
    {
        int[] Offsets(IReadOnlyList<string> names)
        {
            var offsets = new int[names.Count + 1];
            for (var i = 0; i < names.Count; i++) offsets[i + 1] = offsets[i] + point[names[i]].Shape.Count;
            return offsets;
        }
        var (from, to) = (Offsets(of), Offsets(over));
        var embedded = Matrix<double>.Build.Dense(to[^1], to[^1]);
        for (var a = 0; a < of.Count; a++)
        for (var b = 0; b < of.Count; b++)
        {
            int ia = IndexOf(over, of[a]), ib = IndexOf(over, of[b]);
            for (var i = 0; i < from[a + 1] - from[a]; i++)
            for (var j = 0; j < from[b + 1] - from[b]; j++)
                embedded[to[ia] + i, to[ib] + j] = hessian[from[a] + i, from[b] + j];
        }
        return embedded;

        static int IndexOf(IReadOnlyList<string> names, string name) => names.ToList().IndexOf(name);
    }

    /// <summary>Distinct, nonzero tangents 1, 0.63, 0.26, … for input <paramref name="i"/>'s elements.</summary>
    private static Tensor Direction(Shape shape, int i)
    {
        var elements = new double[shape.Count];
        for (var k = 0; k < elements.Length; k++) elements[k] = 1.0 - 0.37 * ((i + k) % 7);
        return Kernels.FromRowMajor(shape, elements);
    }
}
