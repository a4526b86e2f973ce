using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;

namespace FunctionalAD;

/// <summary>
/// Functions written once with .NET generic math (<see cref="IRealFunction"/>, <see cref="IMultivariateFunction"/>,
/// <see cref="IVectorFunction"/>), differentiated in fluent chains:
/// <c>Differentiate.Function(new Rosenbrock()).At(1.0, 2.0).Gradient()</c>. Each step is one call into
/// <see cref="Transform"/>; the façade has no derivative rule of its own.
/// </summary>
public static partial class Differentiate
{
    /// <summary>Starts differentiating a function of one real variable.</summary>
    /// <example><code>Differentiate.Function(new Cube()).At(2.0).Derivative()   // 12</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    public static RealFunctionDifferentiation Function(IRealFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new(function);
    }

    /// <summary>Starts differentiating a function from ℝⁿ to ℝ.</summary>
    /// <example><code>Differentiate.Function(new Rosenbrock()).At(1.0, 2.0).Gradient()</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    public static FunctionDifferentiation Function(IMultivariateFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new(function);
    }

    /// <summary>Starts differentiating a function from ℝⁿ to ℝᵐ.</summary>
    /// <example><code>Differentiate.Function(new Polar()).At(1.0, 0.5).Jacobian()</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    public static VectorFunctionDifferentiation Function(IVectorFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new(function);
    }
}

/// <summary>A function of one variable waiting for its point.</summary>
public sealed class RealFunctionDifferentiation
{
    private readonly IRealFunction function;

    internal RealFunctionDifferentiation(IRealFunction function) => this.function = function;

    /// <summary>The point: <c>.At(2.0)</c>.</summary>
    public RealFunctionAtPoint At(double x) => new(function, x);
}

/// <summary>A function of one variable at a point.</summary>
public sealed class RealFunctionAtPoint
{
    private readonly IRealFunction function;
    private readonly double x;

    internal RealFunctionAtPoint(IRealFunction function, double x) => (this.function, this.x) = (function, x);

    /// <summary>The value f(x).</summary>
    public double Value() => function.Invoke(x);

    /// <summary>The derivative f′(x), in forward mode.</summary>
    public double Derivative() => Transform.Derivative(function, x);

    /// <summary>The derivative of order <paramref name="order"/> (0 is the value), by nesting dual numbers.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    public double Derivative(int order) => Transform.NthDerivative(function, order).Invoke(x);
}

/// <summary>A function from ℝⁿ to ℝ waiting for its point.</summary>
public sealed class FunctionDifferentiation
{
    private readonly IMultivariateFunction function;

    internal FunctionDifferentiation(IMultivariateFunction function) => this.function = function;

    /// <summary>The point, one number per variable: <c>.At(1.0, 2.0)</c>. The numbers are copied.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="point"/> is null.</exception>
    public FunctionAtPoint At(params double[] point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new(function, [.. point], Mode.Reverse);
    }
}

/// <summary>A function from ℝⁿ to ℝ at a point, ready to give its value and derivatives.</summary>
public sealed class FunctionAtPoint
{
    private readonly IMultivariateFunction function;
    private readonly ImmutableArray<double> point;

    internal FunctionAtPoint(IMultivariateFunction function, ImmutableArray<double> point, Mode mode) =>
        (this.function, this.point, Mode) = (function, point, mode);

    /// <summary>The mode <see cref="Gradient"/> uses (reverse unless <see cref="Forward"/> was asked for).</summary>
    public Mode Mode { get; }

    /// <summary>The same request, computed in forward mode (one dual-number run per variable).</summary>
    public FunctionAtPoint Forward() => new(function, point, Mode.Forward);

    /// <summary>The same request, computed in reverse mode (one backward sweep).</summary>
    public FunctionAtPoint Reverse() => new(function, point, Mode.Reverse);

    /// <summary>The value f(x).</summary>
    public double Value() => function.Invoke(point.AsSpan());

    /// <summary>The gradient: one partial derivative per variable.</summary>
    public ImmutableArray<double> Gradient() =>
        Mode == Mode.Forward
            ? [.. Enumerable.Range(0, point.Length).Select(i => Transform.Jvp(function, point.AsSpan(), UnitVector(i)).Tangent)]
            : Transform.Grad(function, point.AsSpan());

    /// <summary>The value and the gradient together (reverse mode).</summary>
    public ValueAndGradient<double, ImmutableArray<double>> ValueAndGradient() => Transform.ValueAndGrad(function, point.AsSpan());

    /// <summary>The Hessian matrix (forward over reverse), a fresh matrix the caller owns.</summary>
    public Matrix<double> Hessian() => Transform.Hessian(function, point.AsSpan());

    /// <summary>The Hessian times <paramref name="direction"/> (one forward-over-reverse run), without forming the Hessian.</summary>
    /// <exception cref="ArgumentException">The direction's length differs from the point's.</exception>
    public ImmutableArray<double> HessianTimes(params double[] direction)
    {
        ArgumentNullException.ThrowIfNull(direction);
        return Transform.HessianVectorProduct(function, point.AsSpan(), direction.AsSpan());
    }

    private double[] UnitVector(int axis)
    {
        var e = new double[point.Length];
        e[axis] = 1;
        return e;
    }
}

/// <summary>A function from ℝⁿ to ℝᵐ waiting for its point.</summary>
public sealed class VectorFunctionDifferentiation
{
    private readonly IVectorFunction function;

    internal VectorFunctionDifferentiation(IVectorFunction function) => this.function = function;

    /// <summary>The point, one number per variable. The numbers are copied.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="point"/> is null.</exception>
    public VectorFunctionAtPoint At(params double[] point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new(function, [.. point], JacobianMode.Auto);
    }
}

/// <summary>A function from ℝⁿ to ℝᵐ at a point.</summary>
public sealed class VectorFunctionAtPoint
{
    private readonly IVectorFunction function;
    private readonly ImmutableArray<double> point;
    private readonly JacobianMode mode;

    internal VectorFunctionAtPoint(IVectorFunction function, ImmutableArray<double> point, JacobianMode mode) =>
        (this.function, this.point, this.mode) = (function, point, mode);

    /// <summary>The Jacobian by forward columns (one JVP per input).</summary>
    public VectorFunctionAtPoint Forward() => new(function, point, JacobianMode.Forward);

    /// <summary>The Jacobian by reverse rows (one VJP per output).</summary>
    public VectorFunctionAtPoint Reverse() => new(function, point, JacobianMode.Reverse);

    /// <summary>The value f(x), a fresh array.</summary>
    public ImmutableArray<double> Value() => [.. function.Invoke(point.AsSpan())];

    /// <summary>
    /// The m×n Jacobian, a fresh matrix the caller owns: by columns when there are no more inputs than outputs, by
    /// rows otherwise, unless <see cref="Forward"/> or <see cref="Reverse"/> chose.
    /// </summary>
    public Matrix<double> Jacobian() => Transform.Jacobian(function, point.AsSpan(), mode);
}
