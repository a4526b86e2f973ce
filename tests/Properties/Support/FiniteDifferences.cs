using FunctionalAD.Properties.Core;

namespace FunctionalAD.Properties.Support;

/// <summary>
/// Central finite differences with one Richardson step, (4·D(h) − D(2h))/3, step hᵢ =
/// <see cref="GradientChecks.Step"/>·max(1, |xᵢ|): the same scheme and error budget as
/// <see cref="GradientChecks.CentralDifference"/>, for functions on arrays.
/// </summary>
public static class FiniteDifferences
{
    /// <summary>∂f/∂xᵢ at <paramref name="x"/>.</summary>
    public static double Partial(Func<double[], double> f, double[] x, int i)
    {
        var h = GradientChecks.Step * Math.Max(1, Math.Abs(x[i]));
        return (4 * Central(f, x, i, h) - Central(f, x, i, 2 * h)) / 3;
    }

    /// <summary>The gradient of f at <paramref name="x"/>, one partial per component.</summary>
    public static double[] Gradient(Func<double[], double> f, double[] x) =>
        [.. Enumerable.Range(0, x.Length).Select(i => Partial(f, x, i))];

    /// <summary>The derivative of a function of one variable.</summary>
    public static double Derivative(Func<double, double> f, double x) => Partial(v => f(v[0]), [x], 0);

    private static double Central(Func<double[], double> f, double[] x, int i, double h)
    {
        var plus = x.ToArray();
        var minus = x.ToArray();
        plus[i] += h;
        minus[i] -= h;
        return (f(plus) - f(minus)) / (2 * h);
    }
}
