using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.NumberTypes;

/// <summary>
/// Every generic-math member beyond the catalogue (<see cref="MathMember.All"/>) carries its true derivative:
/// on dual numbers, reverse numbers and doubles the value is the same, forward and reverse mode give the same
/// partials (the same products of the same partials), both match central finite differences, and the second
/// derivative on <c>Dual&lt;Dual&lt;double&gt;&gt;</c> matches finite differences of the first. Rounding
/// members have derivative exactly zero.
/// </summary>
public class MathMemberProperties
{
    private const int CaseCount = 500;

    public static TheoryData<string> Members() => [.. MathMember.All.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Members))]
    public void FirstDerivativesAgreeAndMatchFiniteDifferences(string name)
    {
        var m = MathMember.All.Single(x => x.Name == name);
        Cases.Check(Prop.ForAll(Points(m), point =>
        {
            double[] x = [point.X, point.Y];
            var value = m.Apply(x[0], x[1]);
            var reverse = Transform.ValueAndGrad(m, x);
            var forward = new[] { Transform.Jvp(m, x, [1.0, 0.0]), Transform.Jvp(m, x, [0.0, 1.0]) };
            Exact(value, reverse.Value, $"{m} value on reverse numbers");
            Exact(value, forward[0].Value, $"{m} value on dual numbers");
            for (var i = 0; i < m.Arity; i++)
            {
                Exact(forward[i].Tangent, reverse.Gradient[i], $"{m} ∂/∂x{i}: forward vs reverse");
                if (m.IsRounding)
                {
                    Exact(0.0, reverse.Gradient[i], $"{m} ∂/∂x{i} of a rounding function");
                    continue;
                }
                var fd = FiniteDifferences.Partial(v => m.Apply(v[0], v[1]), x, i);
                GradientChecks.Close(reverse.Gradient[i], fd,
                    GradientChecks.FiniteDifferenceTolerance * (1 + Math.Abs(fd) + Math.Abs(value)), $"{m} ∂/∂x{i} vs finite differences");
            }
        }), Cases.Count(CaseCount));
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void SecondDerivativesOnNestedDualsMatchFiniteDifferencesOfTheFirst(string name)
    {
        var m = MathMember.All.Single(x => x.Name == name);
        var along = new AlongX(m);
        var first = Transform.Derivative(along);
        var second = Transform.NthDerivative(along, 2);
        Cases.Check(Prop.ForAll(Points(m), point =>
        {
            var d2 = second.Invoke(point.X);
            var fd = FiniteDifferences.Derivative(first.Invoke, point.X);
            GradientChecks.Close(d2, fd,
                GradientChecks.FiniteDifferenceTolerance * (1 + Math.Abs(fd) + Math.Abs(first.Invoke(point.X))), $"{m} ∂²/∂x² vs finite differences");
        }), Cases.Count(CaseCount));
    }

    private static FsCheck.Arbitrary<NumberCase> Points(MathMember m) => Arb.From(
        from x in Generators.Numbers.Uniform(m.Low, m.High)
        from y in Generators.Numbers.Uniform(m.YRange.Low, m.YRange.High)
        select new NumberCase(x, y, 0, 0, 0));

    private static void Exact(double expected, double actual, string what) =>
        GradientChecks.Require(expected == actual || (double.IsNaN(expected) && double.IsNaN(actual)),
            () => $"{what}: expected {expected:R}, got {actual:R}");

    /// <summary>The member as a function of x alone, with y fixed inside its range.</summary>
    private sealed class AlongX(MathMember m) : IRealFunction
    {
        private readonly double y = (m.YRange.Low + m.YRange.High) / 2 + 0.0123;

        public T Invoke<T>(T x) where T : System.Numerics.IFloatingPointIeee754<T> => m.Apply(x, T.CreateChecked(y));
    }
}
