using System.Numerics;

namespace FunctionalAD.Documentation.Tests;

/// <summary>
/// Every C# snippet of docs/transformations.md, run, with the results the document shows asserted.
/// If a snippet changes in the document, change it here too (and the other way round).
/// </summary>
public class TransformationsDocumentationExamples
{
    private sealed class Cube : IRealFunction
    {
        public T Invoke<T>(T x) where T : IFloatingPointIeee754<T> => x * x * x;
    }

    private sealed class Rosenbrock : IMultivariateFunction // (1 − x)² + 100 (y − x²)²
    {
        public T Invoke<T>(ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T>
        {
            T x = v[0], y = v[1], a = T.One - x, b = y - x * x;
            return a * a + T.CreateChecked(100) * b * b;
        }
    }

    private sealed class Polar : IVectorFunction // (r, θ) ↦ (r cos θ, r sin θ)
    {
        public T[] Invoke<T>(ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T> =>
            [v[0] * T.Cos(v[1]), v[0] * T.Sin(v[1])];
    }

    private sealed class ClassicCase : IRealFunction
    {
        public T Invoke<T>(T x) where T : IFloatingPointIeee754<T> => x * Forward.Derivative<T>(y => x + y, T.One);
    }

    // "Numbers that are generic-math numbers".
    [Fact]
    public void NumbersThatAreGenericMathNumbers()
    {
        var x = new Dual<double>(1.0, 1.0);
        Assert.Equal(0.5, Dual<double>.Atan2(x, 1.0).Tangent);
        Assert.Equal(0.0, Dual<double>.Floor(x).Tangent);
        Assert.Equal((true, true), (x < 2.0, x == 1.0));
    }

    // "Numbers that are generic-math numbers": a tape records on its call's thread only.
    [Fact]
    public void ReverseNumbersRecordOnTheCallsThread()
    {
        Exception? seen = null;
        var squared = Reverse.GradOf(v =>
        {
            var worker = new Thread(() =>
            {
                try { _ = v[0] * v[0]; }
                catch (InvalidOperationException e) { seen = e; }
            });
            worker.Start();
            worker.Join();
            return v[0] * v[0];
        }, [3.0]);
        Assert.Equal(new[] { 6.0 }, squared);
        Assert.Contains("on another thread", Assert.IsType<InvalidOperationException>(seen).Message);
    }

    // "Derivatives, to any order".
    [Fact]
    public void DerivativesToAnyOrder()
    {
        var cube = new Cube();
        Assert.Equal(12.0, Transform.Derivative(cube, 2.0));
        Assert.Equal(12.0, Transform.Derivative(Transform.Derivative(cube)).Invoke(2.0));
        Assert.Equal(6.0, Transform.NthDerivative(cube, 3).Invoke(2.0));
    }

    // "Gradient, value and gradient, JVP, VJP".
    [Fact]
    public void GradientJvpVjp()
    {
        var r = new Rosenbrock();
        Assert.Equal(new[] { -400.0, 200.0 }, Transform.Grad<double>(r, [1.0, 2.0]));
        Assert.Equal(100.0, Transform.ValueAndGrad<double>(r, [1.0, 2.0]).Value);
        Assert.Equal(-400.0, Transform.Jvp<double>(r, [1.0, 2.0], [1.0, 0.0]).Tangent);
        Assert.Equal(new[] { -800.0, 400.0 }, Transform.Vjp<double>(r, [1.0, 2.0]).Pullback(2.0));
    }

    // "Jacobians, by columns or by rows".
    [Fact]
    public void Jacobians()
    {
        double[,] expected = { { 1, 0 }, { 0, 2 } };
        Assert.Equal(expected, Transform.Jacobian(new Polar(), [2.0, 0.0]).ToArray());
        Assert.Equal(expected, Transform.Jacobian(new Polar(), [2.0, 0.0], JacobianMode.Reverse).ToArray());
    }

    // "Hessians and Hessian-vector products".
    [Fact]
    public void Hessians()
    {
        var r = new Rosenbrock();
        Assert.Equal(new double[,] { { 402, -400 }, { -400, 200 } }, Transform.Hessian(r, [1.0, 2.0]).ToArray());
        Assert.Equal(new[] { 2.0, -200.0 }, Transform.HessianVectorProduct<double>(r, [1.0, 2.0], [1.0, 1.0]));
    }

    // "Lambdas over the number types".
    [Fact]
    public void Lambdas()
    {
        Assert.Equal(Math.Sin(1) + Math.Cos(1), Forward.Derivative(t => Dual.Sin(t) * t, 1.0), 15);
        Assert.Equal(new double[,] { { 2, 3 }, { 1, 1 } }, Forward.JacobianOf(v => [v[0] * v[1], v[0] + v[1]], [3.0, 2.0]).ToArray());
        Assert.Equal(new[] { 3.0, 2.0, 1.0 }, Reverse.GradOf(v => v[0] * v[1] + v[2], [2.0, 3.0, 1.0]));
        Assert.Equal(new double[,] { { 2, 3 }, { 1, 1 } }, Reverse.JacobianOf(v => [v[0] * v[1], v[0] + v[1]], [3.0, 2.0]).ToArray());
        Assert.Equal(new double[,] { { 4, 6 }, { 6, 0 } }, Transform.HessianOf(v => v[0] * v[0] * v[1], [3.0, 2.0]).ToArray());

        Func<Dual<double>[], Dual<double>> g = v => v[0] * v[1] + v[2];
        Assert.Equal("7 + 2ε", Forward.JvpOf(g, [2.0, 3.0, 1.0], [0.0, 1.0, 0.0]).ToString());
        var seeds = new Dual<double>[3];
        double[][] directions = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
        Assert.Equal([3.0, 2.0, 1.0], directions.Select(v => Forward.JvpOf(g, [2.0, 3.0, 1.0], v, seeds).Tangent));
    }

    // "Nesting, and why perturbations are never confused".
    [Fact]
    public void Nesting()
    {
        Assert.Equal(1.0, Forward.Derivative(x => x * Forward.Derivative<Dual<double>>(y => x + y, 1.0), 1.0));
        Assert.Equal(1.0, Transform.Derivative(new ClassicCase(), 1.0));
        Assert.Throws<InvalidOperationException>(() => Forward.Derivative(x => x * Forward.Derivative(y => x + y, 1.0), 1.0));
        Assert.Throws<InvalidOperationException>(() => Reverse.GradOf(x => x[0] * Reverse.GradOf(y => x[0] + y[0], [1.0])[0], [1.0]));
        Assert.Equal(1.0, Reverse.GradOf(x => x[0] * Reverse.GradOf<ReverseNumber<double>>(y => x[0] + y[0], [1.0])[0], [1.0])[0]);
        Assert.Equal(2.0, Forward.Derivative(x => x * Forward.Derivative(y => y * y, 1.0), 5.0));
    }

    private readonly struct NewtonSqrtFunction : ICustomFunction
    {
        public int Arity => 1;

        public double Value(ReadOnlySpan<double> x)
        {
            double a = x[0], y = (a + 1) / 2, previous;
            do { previous = y; y = (y + a / y) / 2; } while (y < previous);
            return y;
        }

        public T Jvp<T>(ReadOnlySpan<T> x, T y, ReadOnlySpan<T> dx) where T : IFloatingPointIeee754<T> => dx[0] / (y + y);
    }

    private static T SqrtOf<T>(T a) where T : IFloatingPointIeee754<T> => CustomFunctions.Apply(new NewtonSqrtFunction(), a);

    // docs/transformations.md, "Custom derivatives": StopGradient and a straight-through estimator.
    [Fact]
    public void StopGradientAndAStraightThroughEstimator()
    {
        var xs = Expr.Input("x");
        var straight = xs + Expr.StopGradient(Expr.Round(xs) - xs);
        Assert.Equal(2.0, Graph.Evaluate(straight, Bindings.Of(("x", 2.4))).ToScalar(), 1e-15);
        Assert.Equal(1.0, Reverse.Grad(straight, Bindings.Of(("x", 2.4)))["x"].ToScalar());
        Assert.Equal(9.0, Forward.Derivative(t => t * Dual.StopGradient(t * t), 3.0));
    }

    // docs/transformations.md, "Custom derivatives": an implicit function in a graph.
    [Fact]
    public void CustomDerivativeOfAnImplicitFunction()
    {
        static Expr NewtonSqrt(Expr a)
        {
            var y = (a + 1) / 2;
            for (var step = 0; step < 40; step++) y = (y + a / y) / 2;
            return y;
        }
        var sqrtNewton = CustomDerivative.WithJvp("sqrt_newton", NewtonSqrt, (a, y, da) => da / (2 * y));
        var root = sqrtNewton.Apply(Expr.Input("a"));
        var atTwo = Bindings.Of(("a", 2.0));
        Assert.Equal("sqrt_newton(a)", root.ToString());
        Assert.Equal(1 / (2 * Math.Sqrt(2)), Reverse.Grad(root, atTwo)["a"].ToScalar(), 1e-12);
        Assert.Equal(1 / (2 * Math.Sqrt(2)), Forward.Grad(root, atTwo)["a"].ToScalar(), 1e-12);
        Assert.Equal(-1 / (4 * Math.Pow(2, 1.5)), Transform.Hessian(root, atTwo)[0, 0], 1e-12);
    }

    // docs/transformations.md, "Custom derivatives": a clipped gradient and a straight-through estimator.
    [Fact]
    public void ClippedGradientAndStraightThroughEstimator()
    {
        var clipGradient = CustomDerivative.WithVjp("clip_gradient", v => v, (v, y, cotangent) => Expr.Clamp(cotangent, -1, 1));
        var straightThrough = CustomDerivative.WithVjp("round_ste", Expr.Round, (v, y, cotangent) => cotangent);
        var input = Expr.Input("v");
        var at = Bindings.Of(("v", 2.4));
        Assert.Equal(1.0, Reverse.Grad(10 * clipGradient.Apply(input), at)["v"].ToScalar());
        Assert.Equal(2.0, Graph.Evaluate(straightThrough.Apply(input), at).ToScalar());
        Assert.Equal(1.0, Reverse.Grad(straightThrough.Apply(input), at)["v"].ToScalar());
    }

    // docs/transformations.md, "Custom derivatives": the implicit function over the number types.
    [Fact]
    public void CustomFunctionOverTheNumberTypes()
    {
        Assert.Equal(1 / (2 * Math.Sqrt(2)), Forward.Derivative(SqrtOf, 2.0), 1e-12);
        Assert.Equal(1 / (2 * Math.Sqrt(2)), Reverse.GradOf(v => SqrtOf(v[0]), [2.0])[0], 1e-12);
        Assert.Equal(-1 / (4 * Math.Pow(2, 1.5)), Transform.HessianOf(v => SqrtOf(v[0]), [2.0])[0, 0], 1e-12);
    }
}
