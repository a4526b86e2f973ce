using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;

namespace FunctionalAD;

/// <summary>
/// The fluent entry point: <c>Differentiate.Expression(w * x + b).At(("x", 3.0), ("w", 2.0), ("b", 1.0)).Gradient()</c>.
/// Every step is a short call into the core; the façade has no derivative rule of its own.
/// </summary>
public static partial class Differentiate
{
    /// <summary>Starts differentiating a graph; choose the point next with <see cref="ExpressionDifferentiation.At(ValueTuple{string, double}[])"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="expression"/> is null.</exception>
    public static ExpressionDifferentiation Expression(Expr expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new ExpressionDifferentiation(expression);
    }
}

/// <summary>Which mode computes a gradient.</summary>
public enum Mode
{
    /// <summary>Reverse mode: one backward sweep for the whole gradient (the default).</summary>
    Reverse,
    /// <summary>Forward mode: one dual-number sweep per input.</summary>
    Forward,
}

/// <summary>A graph waiting for the point at which to differentiate it.</summary>
public sealed class ExpressionDifferentiation
{
    private readonly Expr expression;

    internal ExpressionDifferentiation(Expr expression) => this.expression = expression;

    /// <summary>The point, as name–value pairs: <c>.At(("x", 3.0), ("w", 2.0))</c>.</summary>
    public ExpressionAtPoint At(params (string Name, double Value)[] point) => At(Bindings.Of(point));

    /// <summary>The point, as bindings.</summary>
    public ExpressionAtPoint At(Bindings point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new ExpressionAtPoint(expression, point, Mode.Reverse);
    }
}

/// <summary>A graph at a point, ready to give its value and derivatives.</summary>
public sealed class ExpressionAtPoint
{
    private readonly Expr expression;
    private readonly Bindings point;

    internal ExpressionAtPoint(Expr expression, Bindings point, Mode mode)
    {
        this.expression = expression;
        this.point = point;
        Mode = mode;
    }

    /// <summary>The mode <see cref="Gradient"/> uses.</summary>
    public Mode Mode { get; }

    /// <summary>The same request, computed in forward mode.</summary>
    public ExpressionAtPoint Forward() => new(expression, point, Mode.Forward);

    /// <summary>The same request, computed in reverse mode.</summary>
    public ExpressionAtPoint Reverse() => new(expression, point, Mode.Reverse);

    /// <summary>The value of the graph at the point.</summary>
    public double Value() => Graph.Evaluate(expression, point).ToScalar();

    /// <summary>The gradient at the point, one partial derivative per input name.</summary>
    /// <example><code>Differentiate.Expression(w * x + b).At(("x", 3.0), ("w", 2.0), ("b", 1.0)).Gradient()["w"]   // 3</code></example>
    public Gradient Gradient() =>
        Mode == Mode.Forward ? FunctionalAD.Forward.Grad(expression, point) : FunctionalAD.Reverse.Grad(expression, point);

    /// <summary>The value and the gradient together, from one forward and one backward sweep (always reverse mode).</summary>
    /// <example><code>var (value, gradient) = Differentiate.Expression(y).At(at).ValueAndGradient();</code></example>
    public ValueAndGradient<double, Gradient> ValueAndGradient() => FunctionalAD.Reverse.ValueAndGrad(expression, point);

    /// <summary>
    /// The Hessian at the point: entry (i, j) is ∂²y/∂xᵢ∂xⱼ, rows and columns in the order of the input names (forward
    /// mode over the gradient graph, <see cref="GradientGraph.Hessian(Bindings)"/>).
    /// </summary>
    /// <example><code>Differentiate.Expression(x * x * y).At(("x", 1.0), ("y", 2.0)).Hessian()[0, 0]   // ∂²/∂x² = 2y = 4</code></example>
    public Matrix<double> Hessian() => FunctionalAD.Reverse.GradGraph(expression).Hessian(point);

    /// <summary>The derivative along one input: <c>.DerivativeBy("x")</c>.</summary>
    public double DerivativeBy(string input) =>
        FunctionalAD.Forward.Jvp(expression, point, Bindings.Of((input, 1.0))).Tangent;
}
