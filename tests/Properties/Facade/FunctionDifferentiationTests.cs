using System.Numerics;
using FunctionalAD.Properties.Examples;

namespace FunctionalAD.Properties.Facade;

/// <summary>The fluent chains over generic functions and over graphs agree with the core transformations and with hand-worked derivatives.</summary>
public class FunctionDifferentiationTests
{
    private sealed class Cube : IRealFunction
    {
        public T Invoke<T>(T x) where T : IFloatingPointIeee754<T> => x * x * x;
    }

    // f(x, y) = x²y + sin y: ∇f = (2xy, x² + cos y), H = [[2y, 2x], [2x, −sin y]].
    private sealed class Surface : IMultivariateFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T> => v[0] * v[0] * v[1] + T.Sin(v[1]);
    }

    // (r, θ) ↦ (r cos θ, r sin θ): J = [[cos θ, −r sin θ], [sin θ, r cos θ]].
    private sealed class Polar : IVectorFunction
    {
        public T[] Invoke<T>(ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T> => [v[0] * T.Cos(v[1]), v[0] * T.Sin(v[1])];
    }

    [Fact]
    public void A_real_function_gives_its_value_and_derivatives_of_any_order()
    {
        var at = Differentiate.Function(new Cube()).At(2.0);
        Assert.Equal(8.0, at.Value());
        Assert.Equal(12.0, at.Derivative());
        Assert.Equal(12.0, at.Derivative(2));
        Assert.Equal(6.0, at.Derivative(3));
        Assert.Equal(0.0, at.Derivative(4));
    }

    [Fact]
    public void A_multivariate_function_gives_gradient_in_both_modes_and_its_hessian()
    {
        double x = 1.5, y = 0.7;
        var at = Differentiate.Function(new Surface()).At(x, y);
        Assert.Equal(x * x * y + Math.Sin(y), at.Value(), 15);
        double[] gradient = [2 * x * y, x * x + Math.Cos(y)];
        Near(gradient, at.Gradient());
        Near(gradient, at.Forward().Gradient());
        Assert.Equal(Mode.Forward, at.Forward().Mode);
        var (value, both) = at.ValueAndGradient();
        Assert.Equal(at.Value(), value);
        Near(gradient, both);

        var hessian = at.Hessian();
        double[,] expected = { { 2 * y, 2 * x }, { 2 * x, -Math.Sin(y) } };
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 2; j++)
                Assert.Equal(expected[i, j], hessian[i, j], 14);
        Near([2 * y * 1 + 2 * x * -2, 2 * x * 1 - Math.Sin(y) * -2], at.HessianTimes(1, -2));
    }

    [Fact]
    public void A_vector_function_gives_the_same_jacobian_by_rows_and_by_columns()
    {
        double r = 2, theta = 0.3;
        var at = Differentiate.Function(new Polar()).At(r, theta);
        Near([r * Math.Cos(theta), r * Math.Sin(theta)], at.Value(), 1e-15);
        double[,] expected = { { Math.Cos(theta), -r * Math.Sin(theta) }, { Math.Sin(theta), r * Math.Cos(theta) } };
        foreach (var jacobian in new[] { at.Jacobian(), at.Forward().Jacobian(), at.Reverse().Jacobian() })
            for (var i = 0; i < 2; i++)
                for (var j = 0; j < 2; j++)
                    Assert.Equal(expected[i, j], jacobian[i, j], 14);
    }

    [Fact]
    public void The_point_is_copied()
    {
        double[] point = [1.5, 0.7];
        var at = Differentiate.Function(new Surface()).At(point);
        var before = at.Gradient();
        point[0] = 100;
        Assert.Equal(before.ToArray(), at.Gradient().ToArray());
    }

    [Fact]
    public void An_expression_gives_its_value_and_gradient_together_and_its_hessian()
    {
        var (x, y) = (Expr.Input("x"), Expr.Input("y"));
        var at = Differentiate.Expression(x * x * y + Expr.Sin(y)).At(("x", 1.5), ("y", 0.7));
        var (value, gradient) = at.ValueAndGradient();
        Assert.Equal(at.Value(), value);
        Assert.Equal(at.Gradient(), gradient);
        var hessian = at.Hessian();   // rows and columns in input-name order: x, y
        Assert.Equal(2 * 0.7, hessian[0, 0], 14);
        Assert.Equal(2 * 1.5, hessian[0, 1], 14);
        Assert.Equal(2 * 1.5, hessian[1, 0], 14);
        Assert.Equal(-Math.Sin(0.7), hessian[1, 1], 14);
    }

    [Fact]
    public void Null_functions_and_points_are_refused_by_name()
    {
        Assert.Equal("function", Assert.Throws<ArgumentNullException>(() => Differentiate.Function((IRealFunction)null!)).ParamName);
        Assert.Equal("point", Assert.Throws<ArgumentNullException>(() => Differentiate.Function(new Surface()).At(null!)).ParamName);
    }

    private static void Near(double[] expected, IReadOnlyList<double> actual, double relative = 1e-14)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++) Close.Relative(expected[i], actual[i], relative);
    }
}
