using System.Numerics;

namespace FunctionalAD.Benchmarks;

/// <summary>
/// W1/W2's function: extended Rosenbrock, one operation per node: as plain code, as a graph, and once
/// generically (<see cref="Of{T}"/>) for the dual and reverse numbers. The graph is in Rosenbrock.Graph.cs, which
/// the property tests compile too.
/// </summary>
public static partial class Rosenbrock
{
    public static double[] Point(int n) => [.. Enumerable.Range(0, n).Select(i => 0.5 + 0.01 * (i % 7))];

    public static double Value(double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length - 1; i++)
        {
            var a = x[i + 1] - x[i] * x[i];
            var b = 1 - x[i];
            sum += 100 * (a * a) + b * b;
        }
        return sum;
    }

    /// <summary>The hand-written analytic gradient.</summary>
    public static double[] Gradient(double[] x)
    {
        var g = new double[x.Length];
        for (var i = 0; i < x.Length - 1; i++)
        {
            var a = x[i + 1] - x[i] * x[i];
            g[i] += -400 * a * x[i] - 2 * (1 - x[i]);
            g[i + 1] += 200 * a;
        }
        return g;
    }

    /// <summary>The hand-written directional derivative along <paramref name="v"/>.</summary>
    /// <summary>f and its directional derivative along v in one loop: what a JVP returns, written by hand.</summary>
    public static (double Value, double Tangent) ValueAndDirectional(double[] x, double[] v)
    {
        var (f, d) = (0.0, 0.0);
        for (var i = 0; i < x.Length - 1; i++)
        {
            double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
            f += 100 * a * a + b * b;
            d += (-400 * a * x[i] - 2 * b) * v[i] + 200 * a * v[i + 1];
        }
        return (f, d);
    }

    public static double Directional(double[] x, double[] v)
    {
        var d = 0.0;
        for (var i = 0; i < x.Length - 1; i++)
        {
            var a = x[i + 1] - x[i] * x[i];
            d += (-400 * a * x[i] - 2 * (1 - x[i])) * v[i] + 200 * a * v[i + 1];
        }
        return d;
    }

    /// <summary>f written once for any number type: <c>Dual&lt;double&gt;</c>, <c>ReverseNumber&lt;double&gt;</c>, or nested.</summary>
    public static T Of<T>(T[] x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero, hundred = T.CreateChecked(100.0);
        for (var i = 0; i < x.Length - 1; i++)
        {
            var a = x[i + 1] - x[i] * x[i];
            var b = T.One - x[i];
            sum = sum + hundred * (a * a) + b * b;
        }
        return sum;
    }

    public static Dual<double> OfDual(Dual<double>[] x) => Of(x);

    public static ReverseNumber<double> OfReverse(ReverseNumber<double>[] x) => Of(x);

    public static double[] NaiveGradient(double[] point)
    {
        var tape = new NaiveTape();
        var x = point.Select(tape.Variable).ToArray();
        var sum = tape.Variable(0);
        for (var i = 0; i < x.Length - 1; i++)
        {
            var a = x[i + 1] - x[i] * x[i];
            var b = 1.0 - x[i];
            sum = sum + 100.0 * (a * a) + b * b;
        }
        tape.Backward(sum);
        return [.. x.Select(v => v.Grad)];
    }
}
