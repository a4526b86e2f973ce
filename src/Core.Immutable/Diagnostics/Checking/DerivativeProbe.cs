using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A subject of <see cref="GradientCheck"/> reduced to flat arrays: its inputs and outputs as numbers with labels, its
/// value, and what its modes give (a JVP, a VJP, a Hessian and the gradient at any point, each where the subject has
/// it). One checker then compares them all with central differences and with each other.
/// </summary>
internal sealed record DerivativeProbe(
    string Subject,
    ImmutableArray<string> InputLabels,
    ImmutableArray<string> OutputLabels,
    Func<double[], double[]> Value,
    Func<double[], double[]>? Jvp = null,
    Func<double[], double[]>? Vjp = null,
    Func<double[,]>? Hessian = null,
    Func<double[], double[]>? GradientAt = null)
{
    /// <summary>Runs every comparison the probe allows at <paramref name="point"/>.</summary>
    public GradientCheckReport Check(double[] point, GradientCheckOptions options)
    {
        options.Validate();
        var mismatches = ImmutableArray.CreateBuilder<GradientMismatch>();
        var comparisons = 0;
        void Compare(string comparison, string input, string output, double actual, double expected)
        {
            comparisons++;
            if (!options.Agrees(actual, expected)) mismatches.Add(new(comparison, input, output, expected, actual));
        }

        int n = InputLabels.Length, m = OutputLabels.Length;
        var differences = new double[n][];
        for (var k = 0; k < n; k++) differences[k] = CentralDifference(Value, point, k, options.Step);
        double[][]? columns = null, rows = null;
        if (Jvp is not null)
        {
            columns = new double[n][];
            for (var k = 0; k < n; k++)
            {
                columns[k] = Jvp(Unit(n, k));
                for (var o = 0; o < m; o++) Compare("forward mode vs finite differences", InputLabels[k], OutputLabels[o], columns[k][o], differences[k][o]);
            }
        }
        if (Vjp is not null)
        {
            rows = new double[m][];
            for (var o = 0; o < m; o++)
            {
                rows[o] = Vjp(Unit(m, o));
                for (var k = 0; k < n; k++) Compare("reverse mode vs finite differences", InputLabels[k], OutputLabels[o], rows[o][k], differences[k][o]);
            }
        }
        if (columns is not null && rows is not null)
        {
            for (var k = 0; k < n; k++)
            for (var o = 0; o < m; o++)
                Compare("reverse mode vs forward mode", InputLabels[k], OutputLabels[o], rows[o][k], columns[k][o]);
            var random = new Random(options.Seed);
            double[] u = Draw(random, m), v = Draw(random, n);
            Compare("transpose identity ⟨u, Jv⟩ = ⟨Jᵀu, v⟩ (random u, v)", "v", "u", Dot(Vjp!(u), v), Dot(u, Jvp!(v)));
        }
        if (options.SecondOrder && Hessian is not null && GradientAt is not null)
        {
            var hessian = Hessian();
            for (var j = 0; j < n; j++)
            {
                var column = CentralDifference(GradientAt, point, j, options.Step);
                for (var i = 0; i < n; i++)
                    Compare("second order (Hessian) vs finite differences of the gradient", InputLabels[j], $"(∂f/∂{InputLabels[i]})", hessian[i, j], column[i]);
            }
        }
        return new GradientCheckReport(Subject, comparisons, mismatches.ToImmutable(), options);
    }

    private static double[] CentralDifference(Func<double[], double[]> f, double[] point, int k, double h)
    {
        var shifted = (double[])point.Clone();
        shifted[k] = point[k] + h;
        var plus = f(shifted);
        shifted[k] = point[k] - h;
        var minus = f(shifted);
        var result = new double[plus.Length];
        for (var o = 0; o < result.Length; o++) result[o] = (plus[o] - minus[o]) / (2 * h);
        return result;
    }

    private static double[] Unit(int length, int k)
    {
        var unit = new double[length];
        unit[k] = 1;
        return unit;
    }

    private static double[] Draw(Random random, int length) => [.. Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1)];

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
