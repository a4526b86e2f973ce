using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// A number for reverse mode without a graph: each result of an operation carries its value, the
/// numbers it was computed from and its primitive's pullback closure. <see cref="Reverse.GradOf"/>
/// runs a function on such numbers, then sweeps the pullbacks back from the output. Immutable: the
/// same numbers can take part in any number of computations and sweeps.
/// </summary>
public sealed class ReverseNumber
{
    private readonly ReverseNumber? first;
    private readonly ReverseNumber? second;
    private readonly Pullback? pullback;

    private ReverseNumber(double value, ReverseNumber? first, ReverseNumber? second, Pullback? pullback)
    {
        Value = value;
        this.first = first;
        this.second = second;
        this.pullback = pullback;
    }

    /// <summary>The primal value.</summary>
    public double Value { get; }

    /// <summary>A constant: no cotangent flows into it.</summary>
    public static ReverseNumber Constant(double value) => new(value, null, null, null);

    /// <summary>A variable of differentiation (a leaf that receives a cotangent).</summary>
    public static ReverseNumber Variable(double value) => new(value, null, null, null);

    /// <summary>Applies a unary primitive, recording its pullback.</summary>
    public static ReverseNumber Apply(Primitive primitive, ReverseNumber x)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        ArgumentNullException.ThrowIfNull(x);
        var value = primitive.Value(x.Value, 0);
        return new(value, x, null, primitive.Vjp(x.Value, 0, value));
    }

    /// <summary>Applies a binary primitive, recording its pullback.</summary>
    public static ReverseNumber Apply(Primitive primitive, ReverseNumber x, ReverseNumber y)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var value = primitive.Value(x.Value, y.Value);
        return new(value, x, y, primitive.Vjp(x.Value, y.Value, value));
    }

    /// <summary>A constant; lets numbers mix with reverse numbers, as in <c>2.0 * x</c>.</summary>
    public static implicit operator ReverseNumber(double value) => Constant(value);

    /// <summary><c>x + y</c>.</summary>
    public static ReverseNumber operator +(ReverseNumber x, ReverseNumber y) => Add(x, y);
    /// <summary><c>x − y</c>.</summary>
    public static ReverseNumber operator -(ReverseNumber x, ReverseNumber y) => Subtract(x, y);
    /// <summary><c>x · y</c>.</summary>
    public static ReverseNumber operator *(ReverseNumber x, ReverseNumber y) => Multiply(x, y);
    /// <summary><c>x / y</c>.</summary>
    public static ReverseNumber operator /(ReverseNumber x, ReverseNumber y) => Divide(x, y);
    /// <summary><c>−x</c>.</summary>
    public static ReverseNumber operator -(ReverseNumber x) => Negate(x);

    /// <summary><c>x + y</c>.</summary>
    public static ReverseNumber Add(ReverseNumber x, ReverseNumber y) => Apply(Primitives.Add, x, y);
    /// <summary><c>x − y</c>.</summary>
    public static ReverseNumber Subtract(ReverseNumber x, ReverseNumber y) => Apply(Primitives.Subtract, x, y);
    /// <summary><c>x · y</c>.</summary>
    public static ReverseNumber Multiply(ReverseNumber x, ReverseNumber y) => Apply(Primitives.Multiply, x, y);
    /// <summary><c>x / y</c>.</summary>
    public static ReverseNumber Divide(ReverseNumber x, ReverseNumber y) => Apply(Primitives.Divide, x, y);
    /// <summary><c>−x</c>.</summary>
    public static ReverseNumber Negate(ReverseNumber x) => Apply(Primitives.Negate, x);
    /// <summary><c>x ^ y</c>, both differentiable.</summary>
    public static ReverseNumber Pow(ReverseNumber x, ReverseNumber y) => Apply(Primitives.Pow, x, y);
    /// <summary><c>x ^ p</c> for a constant exponent.</summary>
    public static ReverseNumber Pow(ReverseNumber x, double exponent) => Apply(Primitives.PowerOf(exponent), x);
    /// <summary><c>e^x</c>.</summary>
    public static ReverseNumber Exp(ReverseNumber x) => Apply(Primitives.Exp, x);
    /// <summary><c>ln x</c>.</summary>
    public static ReverseNumber Log(ReverseNumber x) => Apply(Primitives.Log, x);
    /// <summary><c>√x</c>.</summary>
    public static ReverseNumber Sqrt(ReverseNumber x) => Apply(Primitives.Sqrt, x);
    /// <summary><c>sin x</c>.</summary>
    public static ReverseNumber Sin(ReverseNumber x) => Apply(Primitives.Sin, x);
    /// <summary><c>cos x</c>.</summary>
    public static ReverseNumber Cos(ReverseNumber x) => Apply(Primitives.Cos, x);
    /// <summary><c>tan x</c>.</summary>
    public static ReverseNumber Tan(ReverseNumber x) => Apply(Primitives.Tan, x);
    /// <summary><c>tanh x</c>.</summary>
    public static ReverseNumber Tanh(ReverseNumber x) => Apply(Primitives.Tanh, x);
    /// <summary><c>σ(x)</c>.</summary>
    public static ReverseNumber Sigmoid(ReverseNumber x) => Apply(Primitives.Sigmoid, x);
    /// <summary><c>ln(1 + e^x)</c>.</summary>
    public static ReverseNumber Softplus(ReverseNumber x) => Apply(Primitives.Softplus, x);
    /// <summary><c>max(x, 0)</c>.</summary>
    public static ReverseNumber Relu(ReverseNumber x) => Apply(Primitives.Relu, x);
    /// <summary><c>|x|</c>.</summary>
    public static ReverseNumber Abs(ReverseNumber x) => Apply(Primitives.Abs, x);
    /// <summary><c>min(x, y)</c>.</summary>
    public static ReverseNumber Min(ReverseNumber x, ReverseNumber y) => Apply(Primitives.Min, x, y);
    /// <summary><c>max(x, y)</c>.</summary>
    public static ReverseNumber Max(ReverseNumber x, ReverseNumber y) => Apply(Primitives.Max, x, y);

    /// <summary>The value, in round-trip format.</summary>
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The backward sweep from <paramref name="output"/>: orders the numbers it depends on (iteratively,
    /// each once), then sends cotangents back; returns the cotangent of each of <paramref name="inputs"/>.
    /// </summary>
    internal static ImmutableArray<double> Sweep(ReverseNumber output, ReverseNumber[] inputs, double seed)
    {
        var (order, position) = PostOrder.Of(output, number => (number.first, number.second));

        var adjoints = new double[order.Count];
        adjoints[^1] = seed;
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var number = order[i];
            if (adjoints[i] == 0 || number.pullback is null) continue; // zero cotangents stay exact zeros
            var (cFirst, cSecond) = number.pullback(adjoints[i]);
            adjoints[position[number.first!]] += cFirst;
            if (number.second is { } s) adjoints[position[s]] += cSecond;
        }
        return [.. inputs.Select(x => position.TryGetValue(x, out var p) ? adjoints[p] : 0)];
    }
}
