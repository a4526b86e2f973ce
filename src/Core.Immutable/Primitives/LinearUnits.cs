using System.Collections.Immutable;
using System.Numerics;

namespace FunctionalAD;

public static partial class Primitives
{
    /// <summary>
    /// The exponential linear unit with parameter α: <c>x</c> for x &gt; 0, <c>α(e^x − 1)</c> for x ≤ 0. d/dx = 1 for
    /// x &gt; 0 and α·e^x for x &lt; 0; at x = 0 the derivative is (1 + α)/2, the mean of the one-sided derivatives
    /// (1 for α = 1, where elu is smooth there). Named <c>elu</c> with its parameter, <c>elu[1]</c>.
    /// </summary>
    /// <param name="alpha">α, the negative saturation value is −α.</param>
    public static Primitive EluOf(double alpha) =>
        Rules.Unary("elu", new EluRule(alpha), parameters: ImmutableArray.Create(alpha));

    /// <summary>
    /// The leaky rectified linear unit with slope s: <c>x</c> for x &gt; 0, <c>s·x</c> for x ≤ 0. d/dx = 1 for x &gt; 0
    /// and s for x &lt; 0; at the kink x = 0 the derivative is (1 + s)/2, the mean of the one-sided derivatives
    /// (so s = 0 is <see cref="Relu"/>'s ½). Named <c>leaky_relu</c> with its parameter, <c>leaky_relu[0.01]</c>.
    /// </summary>
    /// <param name="slope">s, the slope for negative x.</param>
    public static Primitive LeakyReluOf(double slope) =>
        Rules.Unary("leaky_relu", new LeakyReluRule(slope), parameters: ImmutableArray.Create(slope));

    internal readonly struct EluRule(double alpha) : IUnaryRule
    {
        public Primitive Primitive => EluOf(alpha);
        public T Value<T>(T x) where T : IFloatingPointIeee754<T>
        {
            if (!Generic.IsDouble<T>()) return Generic.Lift(this, x);
            var v = Generic.AsDouble(x);
            return Generic.FromDouble<T>(v > 0 ? v : alpha * double.ExpM1(v));
        }
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> =>
            // α·e^x is z + α where x < 0; the strong zero keeps an overflowing branch out where x > 0.
            Generic.Step(x, T.Zero) + Generic.Times(Generic.Step(T.Zero, x), z + Generic.Constant<T>(alpha));
    }

    internal readonly struct LeakyReluRule(double slope) : IUnaryRule
    {
        public Primitive Primitive => LeakyReluOf(slope);
        public T Value<T>(T x) where T : IFloatingPointIeee754<T>
        {
            if (!Generic.IsDouble<T>()) return Generic.Lift(this, x);
            var v = Generic.AsDouble(x);
            return Generic.FromDouble<T>(v > 0 ? v : slope * v);
        }
        public T Derivative<T>(T x, T z) where T : IFloatingPointIeee754<T> =>
            Generic.Step(x, T.Zero) + Generic.Constant<T>(slope) * Generic.Step(T.Zero, x);
    }
}

public abstract partial class Expr
{
    /// <summary>The exponential linear unit with parameter α (<see cref="Primitives.EluOf"/>).</summary>
    public static Expr Elu(Expr x, double alpha) => Apply(Primitives.EluOf(alpha), x);
    /// <summary>The leaky rectified linear unit with slope s (<see cref="Primitives.LeakyReluOf"/>).</summary>
    public static Expr LeakyRelu(Expr x, double slope) => Apply(Primitives.LeakyReluOf(slope), x);
}

public readonly partial struct Dual<T>
{
    /// <summary>The exponential linear unit with parameter α, as in <see cref="Primitives.EluOf"/>.</summary>
    public static Dual<T> Elu(Dual<T> x, double alpha) => Apply(new Primitives.EluRule(alpha), x);
    /// <summary>The leaky rectified linear unit with slope s, as in <see cref="Primitives.LeakyReluOf"/>.</summary>
    public static Dual<T> LeakyRelu(Dual<T> x, double slope) => Apply(new Primitives.LeakyReluRule(slope), x);
}

public readonly partial struct ReverseNumber<T>
{
    /// <summary>The exponential linear unit with parameter α, as in <see cref="Primitives.EluOf"/>.</summary>
    public static ReverseNumber<T> Elu(ReverseNumber<T> x, double alpha) => Apply(new Primitives.EluRule(alpha), x);
    /// <summary>The leaky rectified linear unit with slope s, as in <see cref="Primitives.LeakyReluOf"/>.</summary>
    public static ReverseNumber<T> LeakyRelu(ReverseNumber<T> x, double slope) => Apply(new Primitives.LeakyReluRule(slope), x);
}

public static partial class Dual
{
    /// <summary>The exponential linear unit; see <see cref="Dual{T}.Elu"/>.</summary>
    public static Dual<T> Elu<T>(Dual<T> x, double alpha) where T : IFloatingPointIeee754<T> => Dual<T>.Elu(x, alpha);
    /// <summary>The leaky rectified linear unit; see <see cref="Dual{T}.LeakyRelu"/>.</summary>
    public static Dual<T> LeakyRelu<T>(Dual<T> x, double slope) where T : IFloatingPointIeee754<T> => Dual<T>.LeakyRelu(x, slope);
}

public static partial class ReverseNumber
{
    /// <summary>The exponential linear unit; see <see cref="ReverseNumber{T}.Elu"/>.</summary>
    public static ReverseNumber<T> Elu<T>(ReverseNumber<T> x, double alpha) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.Elu(x, alpha);
    /// <summary>The leaky rectified linear unit; see <see cref="ReverseNumber{T}.LeakyRelu"/>.</summary>
    public static ReverseNumber<T> LeakyRelu<T>(ReverseNumber<T> x, double slope) where T : IFloatingPointIeee754<T> => ReverseNumber<T>.LeakyRelu(x, slope);
}
