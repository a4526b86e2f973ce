using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Transformations;

/// <summary>
/// <see cref="Forward.JvpOf{T}(Func{Dual{T}[], Dual{T}}, ReadOnlySpan{T}, ReadOnlySpan{T}, Dual{T}[])"/>, the JVP that
/// writes its seeds into the caller's buffer: on random functions it gives the allocating overload's value and tangent
/// bit for bit, a reused buffer carries nothing from one call into the next, and a loop of calls allocates nothing.
/// </summary>
public class JvpIntoBufferProperties
{
    [Fact]
    public void TheBufferedJvpEqualsTheAllocatingOneBitForBit() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), Numbers.Direction(), Numbers.Direction(), (c, first, second) =>
        {
            var generic = GraphTools.AsGenericFunction(c.Graph);
            Func<Dual<double>[], Dual<double>> f = v => generic.Invoke<Dual<double>>(v);
            double[] x = [.. Graph.Inputs(c.Graph).Select(n => c.Point[n])];
            double[] u = [.. first.Take(x.Length)], w = [.. second.Take(x.Length)];
            // One buffer for both directions: the second call must not see the first one's seeds.
            var seeds = new Dual<double>[x.Length];
            foreach (var v in new[] { u, w })
            {
                var expected = Forward.JvpOf(f, x, v);
                var actual = Forward.JvpOf(f, x, v, seeds);
                GradientChecks.Require(SameBits(expected.Value, actual.Value) && SameBits(expected.Tangent, actual.Tangent),
                    () => $"buffered {actual} vs allocating {expected}");
            }
        }), Cases.Count());

    [Fact]
    public void ALoopOfBufferedJvpsAllocatesNothing()
    {
        double[] point = [0.5, 0.6, 0.7, 0.8], direction = [1, 0, -1, 2];
        var seeds = new Dual<double>[point.Length];
        Func<Dual<double>[], Dual<double>> f = Rosenbrock;
        var sum = Forward.JvpOf(f, point, direction, seeds).Tangent; // the first call JIT-compiles and sets up the thread
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) sum += Forward.JvpOf(f, point, direction, seeds).Tangent;
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(101 * Forward.JvpOf(f, point, direction).Tangent, sum, 9);
    }

    [Fact]
    public void ABufferOfAnotherLengthIsRejectedInTheCallersTerms()
    {
        var e = Assert.Throws<ArgumentException>(() => Forward.JvpOf(v => v[0], [1.0, 2.0], [1.0, 0.0], new Dual<double>[3]));
        Assert.Contains("seed buffer has 3 components but the point has 2", e.Message);
        Assert.Throws<ArgumentNullException>(() => Forward.JvpOf(v => v[0], [1.0], [1.0], null!));
    }

    // The buffered JVP nests like the others: at the outer call's level, a function of the outer x is confusion; one
    // level up, d/dx [x · (d/dt (x + t))] = d/dx x = 1.
    [Fact]
    public void NestedBufferedJvpsKeepTheirLevels()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            Forward.Derivative(x => x * Forward.JvpOf(v => v[0] + x, [1.0], [1.0], new Dual<double>[1]).Tangent, 1.0));
        Assert.Contains("Perturbation confusion", e.Message);
        Assert.Equal(1.0, Forward.Derivative(x =>
            x * Forward.JvpOf<Dual<double>>(v => v[0] + x, [Dual<double>.One], [Dual<double>.One], new Dual<Dual<double>>[1]).Tangent, 1.0));
    }

    private static Dual<double> Rosenbrock(Dual<double>[] x)
    {
        Dual<double> sum = 0;
        for (var i = 0; i < x.Length - 1; i++)
        {
            var a = x[i + 1] - x[i] * x[i];
            var b = 1 - x[i];
            sum += 100 * (a * a) + b * b;
        }
        return sum;
    }

    private static bool SameBits(double a, double b) =>
        (double.IsNaN(a) && double.IsNaN(b)) || BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
}
