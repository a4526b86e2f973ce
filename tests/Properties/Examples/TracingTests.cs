using System.Numerics;

namespace FunctionalAD.Properties.Examples;

/// <summary>Generic functions traced into graphs with T = Expr: values, gradients, branches and unsupported members.</summary>
public class TracingTests
{
    private static T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x) * x + T.Exp(x) / T.CreateChecked(2);

    private static T Rosenbrock<T>(T[] x) where T : IFloatingPointIeee754<T>
    {
        var sum = T.Zero;
        for (var i = 0; i + 1 < x.Length; i++)
        {
            var a = x[i + 1] - x[i] * x[i];
            var b = T.One - x[i];
            sum += T.CreateChecked(100) * a * a + b * b;
        }
        return sum;
    }

    private static T Relu<T>(T x) where T : IFloatingPointIeee754<T> => x > T.Zero ? x : T.Zero;

    [Fact]
    public void AGenericFunctionTracesIntoAGraph()
    {
        var y = Graph.Trace(F<Expr>);
        Assert.Equal("sin(x) * x + exp(x) / 2", y.ToString());
        foreach (var x in new[] { -2.0, 0.0, 0.3, 1.0, 5.0 })
        {
            var at = Bindings.Of(("x", x));
            Assert.Equal(F(x), Graph.Evaluate(y, at).ToScalar()); // the same operations in the same order
            Close.Relative(Math.Sin(x) + x * Math.Cos(x) + Math.Exp(x) / 2, Reverse.Grad(y, at)["x"], 1e-14);
        }
    }

    [Fact]
    public void LoopsUnrollIntoTheGraph()
    {
        var names = Enumerable.Range(0, 5).Select(i => $"x{i}").ToArray();
        var y = Graph.Trace(Rosenbrock<Expr>, names);
        var point = new[] { 0.5, 0.51, 0.52, 0.53, 0.54 };
        var at = Bindings.From(names.Select((n, i) => KeyValuePair.Create(n, point[i])));
        Assert.Equal(Rosenbrock(point), Graph.Evaluate(y, at).ToScalar());
        var gradient = Reverse.Grad(y, at);
        for (var i = 0; i < point.Length; i++)
        {
            // The analytic gradient of the extended Rosenbrock function.
            var expected = (i + 1 < point.Length ? -400 * point[i] * (point[i + 1] - point[i] * point[i]) - 2 * (1 - point[i]) : 0)
                           + (i > 0 ? 200 * (point[i] - point[i - 1] * point[i - 1]) : 0);
            Close.Relative(expected, gradient[names[i]], 1e-12);
        }
    }

    [Fact]
    public void AValueDependentBranchIsAClearError()
    {
        var error = Assert.Throws<TracingException>(() => Graph.Trace(Relu<Expr>));
        Assert.Equal("operator >", error.Member);
        Assert.Contains("Value-dependent branch while tracing", error.Message);
        Assert.Contains("Expr.Where", error.Message);
        Assert.Throws<TracingException>(() => Graph.Trace(x => Expr.Constant(double.IsNaN(Evaluate(x)) ? 0 : 1)));
        Assert.Throws<TracingException>(() => Graph.Trace(x => IsNaN(x) ? x : -x));
        Assert.Throws<TracingException>(() => Graph.Trace(x => Expr.Constant(ToInt(x))));
        Assert.Throws<TracingException>(() => Graph.Trace(x => Expr.Constant(AtMost(x, x + 1) ? 1 : 0)));
        Assert.True(AtMost(Expr.Input("x"), Expr.Input("x"))); // equal graphs are equal at every point
    }

    private static bool AtMost<T>(T x, T y) where T : IFloatingPointIeee754<T> => x <= y;

    [Fact]
    public void WhereWritesTheBranchIntoTheGraph()
    {
        var relu = Graph.Trace(x => Expr.Where(Expr.Step(x, 0.0), x, 0.0));
        var root = Graph.Trace(x => Expr.Where(Expr.Step(x, 0.0), Expr.Sqrt(x), 0.0));
        foreach (var x in new[] { -1.5, -0.0, 0.0, 0.7, 2.0 })
        {
            var at = Bindings.Of(("x", x));
            Assert.Equal(Math.Max(x, 0), Graph.Evaluate(relu, at).ToScalar());
            Assert.Equal(x >= 0 ? 1 : 0, Reverse.Grad(relu, at)["x"].ToScalar()); // step(0, 0) = ½ is not 0: the tie takes x
            Assert.Equal(x > 0 ? Math.Sqrt(x) : 0, Graph.Evaluate(root, at).ToScalar()); // √x is NaN for x < 0, but not taken
            Assert.Equal(Reverse.Grad(root, at)["x"], Reverse.GradGraph(root).Evaluate(at).Gradient["x"]);
        }
        Assert.Equal(0.0, Reverse.Grad(root, Bindings.Of(("x", -1.0)))["x"].ToScalar()); // no NaN from the branch not taken
    }

    [Fact]
    public void ConstantsAnswerQuestionsAboutTheirValue()
    {
        static T Scaled<T>(T x, T alpha) where T : IFloatingPointIeee754<T> => T.IsZero(alpha) ? T.Zero : alpha > T.One ? alpha * x : x / alpha;
        Assert.Equal("0", Graph.Trace(x => Scaled(x, Expr.Constant(0))).ToString());
        Assert.Equal("3 * x", Graph.Trace(x => Scaled(x, Expr.Constant(3))).ToString());
        Assert.Equal("x / 0.5", Graph.Trace(x => Scaled(x, Expr.Constant(0.5))).ToString());
        Assert.Equal("2", Graph.Trace(_ => Floor<Expr>(Expr.Constant(2.7))).ToString());
    }

    [Fact]
    public void MembersWithoutAPrimitiveAreCompositions()
    {
        var cases = new (Func<Expr, Expr> Traced, Func<double, double> Plain)[]
        {
            (Exp2, x => Math.Pow(2, x)), (Exp10, x => Math.Pow(10, x)), (Log2, x => Math.Log2(Math.Abs(x))), (Log10, x => Math.Log10(Math.Abs(x))),
            (Sinh, Math.Sinh), (Cosh, Math.Cosh), (Asinh, x => Math.Asinh(Math.Abs(x))), (Cbrt, Math.Cbrt),
            (x => RootN(x, 5), x => Math.Sign(x) * Math.Pow(Math.Abs(x), 0.2)), (x => Hypot(x, x + 1), x => double.Hypot(x, x + 1)),
            (x => SinCos(x).Item1 * SinCos(x).Item2, x => Math.Sin(x) * Math.Cos(x)), (x => Clamp(x, -1, 1), x => Math.Clamp(x, -1, 1)),
            (x => Fma(x, x, x), x => x * x + x), (x => Increment(x), x => x + 1), (SinPi, double.SinPi),
        };
        foreach (var (traced, plain) in cases)
        {
            var y = Graph.Trace(traced);
            foreach (var x in new[] { -1.7, -0.4, 0.35, 0.9, 2.5 })
                Close.Relative(plain(x), Graph.Evaluate(y, Bindings.Of(("x", x))), 1e-13);
        }
    }

    [Fact]
    public void AMemberWithNeitherSaysSo()
    {
        var error = Assert.Throws<NotSupportedException>(() => Graph.Trace(AtanPi<Expr>));
        Assert.Contains("AtanPi", error.Message);
        Assert.Contains("Ceiling", Assert.Throws<NotSupportedException>(() => Graph.Trace(Ceiling<Expr>)).Message);
    }

    /// <summary>The members that are primitives trace to their primitive, not to a composition or a throw.</summary>
    [Fact]
    public void MembersThatArePrimitivesTraceToThem()
    {
        Assert.Equal("atan(x)", Graph.Trace(Atan<Expr>).ToString());
        Assert.Equal("floor(x)", Graph.Trace(Floor<Expr>).ToString());
        Assert.Equal("atan2(x, 2)", Graph.Trace(x => TraceAtan2(x, Expr.Constant(2))).ToString());
        Assert.Equal("hypot(x, x)", Graph.Trace(x => HypotOf(x, x)).ToString());
        Assert.Equal("asinh(log1p(x))", Graph.Trace(AsinhOfLogP1<Expr>).ToString());
        Assert.Equal("clamp(x, -1, 1)", Graph.Trace(x => Clamp(x, -1, 1)).ToString());
        Assert.Equal("round(cbrt(x))", Graph.Trace(RoundOfCbrt<Expr>).ToString());
        Assert.Equal("erf(x)", Graph.Trace(x => ScalarMath.Erf(x)).ToString());
    }

    /// <summary>== on Expr compares graphs, as everywhere, not values: x == 0 is false for an input x.</summary>
    [Fact]
    public void EqualityComparesGraphs()
    {
        static bool IsZeroByEquality<T>(T x) where T : IFloatingPointIeee754<T> => x == T.Zero;
        Assert.False(IsZeroByEquality(Expr.Input("x")));
        Assert.True(IsZeroByEquality(Expr.Constant(0)));
    }

    [Fact]
    public void BadArgumentsAreClearErrors()
    {
        Assert.Throws<ArgumentNullException>(() => Graph.Trace((Func<Expr, Expr>)null!));
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => Graph.Trace(v => v[0], "a", "a")).Message);
        Assert.Throws<ArgumentException>(() => Graph.Trace(v => v[0], " "));
        Assert.Equal("2", Graph.Trace(_ => Expr.Constant(2)).ToString()); // no inputs: a constant
        Assert.Throws<InvalidOperationException>(() => Graph.Trace(_ => null!));
    }

    private static double Evaluate<T>(T x) where T : IFloatingPointIeee754<T> => double.CreateChecked(x);
    private static bool IsNaN<T>(T x) where T : IFloatingPointIeee754<T> => T.IsNaN(x);
    private static int ToInt<T>(T x) where T : IFloatingPointIeee754<T> => int.CreateTruncating(x);
    private static T Floor<T>(T x) where T : IFloatingPointIeee754<T> => T.Floor(x);
    private static T Atan<T>(T x) where T : IFloatingPointIeee754<T> => T.Atan(x);
    private static T AtanPi<T>(T x) where T : IFloatingPointIeee754<T> => T.AtanPi(x);
    private static T Ceiling<T>(T x) where T : IFloatingPointIeee754<T> => T.Ceiling(x);
    private static T TraceAtan2<T>(T y, T x) where T : IFloatingPointIeee754<T> => T.Atan2(y, x);
    private static T HypotOf<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Hypot(x, y);
    private static T AsinhOfLogP1<T>(T x) where T : IFloatingPointIeee754<T> => T.Asinh(T.LogP1(x));
    private static T RoundOfCbrt<T>(T x) where T : IFloatingPointIeee754<T> => T.Round(T.Cbrt(x));
    private static T Exp2<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp2(x);
    private static T Exp10<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp10(x);
    private static T Log2<T>(T x) where T : IFloatingPointIeee754<T> => T.Log2(T.Abs(x));
    private static T Log10<T>(T x) where T : IFloatingPointIeee754<T> => T.Log10(T.Abs(x));
    private static T Sinh<T>(T x) where T : IFloatingPointIeee754<T> => T.Sinh(x);
    private static T Cosh<T>(T x) where T : IFloatingPointIeee754<T> => T.Cosh(x);
    private static T Asinh<T>(T x) where T : IFloatingPointIeee754<T> => T.Asinh(T.Abs(x));
    private static T Cbrt<T>(T x) where T : IFloatingPointIeee754<T> => T.Cbrt(x);
    private static T RootN<T>(T x, int n) where T : IFloatingPointIeee754<T> => T.RootN(x, n);
    private static T Hypot<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Hypot(x, y);
    private static (T, T) SinCos<T>(T x) where T : IFloatingPointIeee754<T> => T.SinCos(x);
    private static T Clamp<T>(T x, double low, double high) where T : IFloatingPointIeee754<T> => T.Clamp(x, T.CreateChecked(low), T.CreateChecked(high));
    private static T Fma<T>(T a, T b, T c) where T : IFloatingPointIeee754<T> => T.FusedMultiplyAdd(a, b, c);
    private static T Increment<T>(T x) where T : IFloatingPointIeee754<T> => ++x;
    private static T SinPi<T>(T x) where T : IFloatingPointIeee754<T> => T.SinPi(x);
}
