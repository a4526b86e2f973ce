using System.Numerics;

namespace FunctionalAD.Properties.Transformations;

/// <summary>
/// Custom derivatives of generic functions over the number types (<see cref="ICustomFunction"/>): the value is
/// computed at double by any means, the derivative is the rule's at every level of nesting.
/// </summary>
public sealed class CustomFunctionTests
{
    /// <summary>√a by Newton's iteration to convergence, differentiated by the implicit function theorem on y² − a = 0.</summary>
    private readonly struct NewtonSqrt : ICustomFunction
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

    /// <summary>A stable log(eᵃ + eᵇ) with its partials σ(a − b) and σ(b − a).</summary>
    private readonly struct LogAddExp : ICustomFunction
    {
        public int Arity => 2;

        public double Value(ReadOnlySpan<double> x) => Math.Max(x[0], x[1]) + Math.Log(1 + Math.Exp(-Math.Abs(x[0] - x[1])));

        public T Jvp<T>(ReadOnlySpan<T> x, T y, ReadOnlySpan<T> dx) where T : IFloatingPointIeee754<T> =>
            T.Exp(x[0] - y) * dx[0] + T.Exp(x[1] - y) * dx[1];
    }

    private static T Sqrt<T>(T a) where T : IFloatingPointIeee754<T> => CustomFunctions.Apply(new NewtonSqrt(), a);

    [Theory]
    [InlineData(0.25)]
    [InlineData(2.0)]
    [InlineData(9.0)]
    public void AnImplicitSquareRootIsExactInBothModesAndToSecondOrder(double a)
    {
        Assert.Equal(Math.Sqrt(a), Sqrt(a), 1e-15);
        var first = 0.5 / Math.Sqrt(a);
        var second = -0.25 / (a * Math.Sqrt(a));
        Assert.Equal(first, Forward.Derivative(Sqrt, a), 1e-12);
        Assert.Equal(first, Reverse.GradOf(x => Sqrt(x[0]), [a])[0], 1e-12);
        Assert.Equal(second, Forward.Derivative(x => Forward.Derivative<Dual<double>>(Sqrt, x), a), 1e-12);
        Assert.Equal(second, Transform.HessianOf(x => Sqrt(x[0]), [a])[0, 0], 1e-12);
        Assert.Equal(second, Reverse.GradOf(x => Reverse.GradOf(y => Sqrt(y[0]), new[] { x[0] })[0], new[] { a })[0], 1e-12);
    }

    [Fact]
    public void AFunctionOfTwoArgumentsGivesEachPartialInBothModesAndItsHessian()
    {
        double[] point = [0.3, -1.2];
        var gradient = Reverse.GradOf(x => CustomFunctions.Apply(new LogAddExp(), x[0], x[1]), point);
        var forward = Forward.GradOf(x => CustomFunctions.Apply(new LogAddExp(), x[0], x[1]), point);
        var expected = Reverse.GradOf(x => ReverseNumber<double>.Log(ReverseNumber<double>.Exp(x[0]) + ReverseNumber<double>.Exp(x[1])), point);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(expected[i], gradient[i], 1e-15);
            Assert.Equal(expected[i], forward[i], 1e-15);
        }
        var hessian = Transform.HessianOf(x => CustomFunctions.Apply(new LogAddExp(), x[0], x[1]), point);
        var reference = Transform.HessianOf(x => ReverseNumber<Dual<double>>.Log(ReverseNumber<Dual<double>>.Exp(x[0]) + ReverseNumber<Dual<double>>.Exp(x[1])), point);
        for (var i = 0; i < 2; i++)
        for (var j = 0; j < 2; j++)
            Assert.Equal(reference[i, j], hessian[i, j], 1e-14);
    }

    [Fact]
    public void PlainFloatingPointTypesGoThroughDoubleAndGraphsAreToldToUseCustomDerivative()
    {
        Assert.Equal(MathF.Sqrt(2f), Sqrt(2f), 1e-6f);
        var graph = Assert.Throws<NotSupportedException>(() => Sqrt(Expr.Input("a")));
        Assert.Contains("state it as a CustomDerivative", graph.Message);
        var arity = Assert.Throws<ArgumentException>(() => CustomFunctions.Apply(new NewtonSqrt(), 1.0, 2.0));
        Assert.Contains("takes 1 argument, not 2", arity.Message);
    }
}
