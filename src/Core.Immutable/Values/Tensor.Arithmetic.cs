using System.Numerics.Tensors;

namespace FunctionalAD;

public readonly partial struct Tensor
{
    /// <summary>
    /// <c>x + y</c> element by element, broadcasting by numpy's rule (a scalar with anything, a vector of n over the rows of
    /// an m×n matrix, an m×1 matrix over its columns), so an update step needs no detour through MathNet:
    /// <c>w - 0.1 * g["w"]</c>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast; the message names both.</exception>
    public static Tensor operator +(Tensor x, Tensor y) => Combine(ElementwiseOperation.Add, x, y);

    /// <summary><c>x − y</c> element by element, broadcasting as <c>+</c> does.</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast; the message names both.</exception>
    public static Tensor operator -(Tensor x, Tensor y) => Combine(ElementwiseOperation.Subtract, x, y);

    /// <summary><c>x · y</c> element by element (not a matrix product: that is <see cref="Expr.MatMul"/>), broadcasting as <c>+</c> does.</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast; the message names both.</exception>
    public static Tensor operator *(Tensor x, Tensor y) => Combine(ElementwiseOperation.Multiply, x, y);

    /// <summary><c>x / y</c> element by element, broadcasting as <c>+</c> does.</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast; the message names both.</exception>
    public static Tensor operator /(Tensor x, Tensor y) => Combine(ElementwiseOperation.Divide, x, y);

    /// <summary><c>x + c</c> for every element (so that <c>t + 1</c> is a tensor, not a number).</summary>
    public static Tensor operator +(Tensor x, double c) => Combine(ElementwiseOperation.Add, x, Scalar(c));

    /// <summary><c>c + x</c> for every element.</summary>
    public static Tensor operator +(double c, Tensor x) => Combine(ElementwiseOperation.Add, Scalar(c), x);

    /// <summary><c>x − c</c> for every element.</summary>
    public static Tensor operator -(Tensor x, double c) => Combine(ElementwiseOperation.Subtract, x, Scalar(c));

    /// <summary><c>c − x</c> for every element.</summary>
    public static Tensor operator -(double c, Tensor x) => Combine(ElementwiseOperation.Subtract, Scalar(c), x);

    /// <summary><c>x · c</c>: the tensor scaled.</summary>
    public static Tensor operator *(Tensor x, double c) => Combine(ElementwiseOperation.Multiply, x, Scalar(c));

    /// <summary><c>c · x</c>: the tensor scaled.</summary>
    public static Tensor operator *(double c, Tensor x) => Combine(ElementwiseOperation.Multiply, Scalar(c), x);

    /// <summary><c>x / c</c> for every element.</summary>
    public static Tensor operator /(Tensor x, double c) => Combine(ElementwiseOperation.Divide, x, Scalar(c));

    /// <summary><c>c / x</c> for every element.</summary>
    public static Tensor operator /(double c, Tensor x) => Combine(ElementwiseOperation.Divide, Scalar(c), x);

    /// <summary><c>x + c</c> for every element, for an integer <paramref name="c"/> (as <c>t + 2</c>).</summary>
    public static Tensor operator +(Tensor x, int c) => Combine(ElementwiseOperation.Add, x, Scalar(c));

    /// <summary><c>c + x</c> for every element, for an integer <paramref name="c"/>.</summary>
    public static Tensor operator +(int c, Tensor x) => Combine(ElementwiseOperation.Add, Scalar(c), x);

    /// <summary><c>x − c</c> for every element, for an integer <paramref name="c"/> (as <c>t - 2</c>).</summary>
    public static Tensor operator -(Tensor x, int c) => Combine(ElementwiseOperation.Subtract, x, Scalar(c));

    /// <summary><c>c − x</c> for every element, for an integer <paramref name="c"/>.</summary>
    public static Tensor operator -(int c, Tensor x) => Combine(ElementwiseOperation.Subtract, Scalar(c), x);

    /// <summary><c>x · c</c> for every element, for an integer <paramref name="c"/> (as <c>t * 2</c>).</summary>
    public static Tensor operator *(Tensor x, int c) => Combine(ElementwiseOperation.Multiply, x, Scalar(c));

    /// <summary><c>c · x</c> for every element, for an integer <paramref name="c"/>.</summary>
    public static Tensor operator *(int c, Tensor x) => Combine(ElementwiseOperation.Multiply, Scalar(c), x);

    /// <summary><c>x / c</c> for every element, for an integer <paramref name="c"/> (as <c>t / 2</c>).</summary>
    public static Tensor operator /(Tensor x, int c) => Combine(ElementwiseOperation.Divide, x, Scalar(c));

    /// <summary><c>c / x</c> for every element, for an integer <paramref name="c"/>.</summary>
    public static Tensor operator /(int c, Tensor x) => Combine(ElementwiseOperation.Divide, Scalar(c), x);

    /// <summary><c>−x</c> for every element.</summary>
    public static Tensor operator -(Tensor x)
    {
        if (x.data is null) return Scalar(-x.scalar);
        var result = new double[x.data.Length];
        TensorPrimitives.Negate(x.data, result);
        return new(x.Shape, result);
    }

    /// <summary>A tensor of this shape with <paramref name="f"/> applied to every element.</summary>
    /// <example><code>t.Map(Math.Abs)</code></example>
    public Tensor Map(Func<double, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (data is null) return Scalar(f(scalar));
        var result = new double[data.Length];
        for (var k = 0; k < result.Length; k++) result[k] = f(data[k]);
        return new(Shape, result);
    }

    /// <summary><paramref name="f"/> of the elements of <paramref name="x"/> and <paramref name="y"/>, pair by pair, broadcasting as <c>+</c> does.</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast; the message names both.</exception>
    public static Tensor Map(Tensor x, Tensor y, Func<double, double, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var shape = BroadcastRule.Shape("Tensor.Map", x.Shape, y.Shape);
        return Broadcast(x, y, shape, f);
    }

    private enum ElementwiseOperation { Add, Subtract, Multiply, Divide }

    // Equal shapes and a scalar on either side take the vectorised kernels; other broadcasts go element by element.
    private static Tensor Combine(ElementwiseOperation operation, Tensor x, Tensor y)
    {
        var shape = BroadcastRule.Shape(Symbol(operation), x.Shape, y.Shape);
        if (shape.IsScalar) return Scalar(Apply(operation, x.scalar, y.scalar));
        var result = new double[shape.Count];
        if (x.Shape == y.Shape)
        {
            ReadOnlySpan<double> a = x.data, b = y.data;
            switch (operation)
            {
                case ElementwiseOperation.Add: TensorPrimitives.Add(a, b, result); break;
                case ElementwiseOperation.Subtract: TensorPrimitives.Subtract(a, b, result); break;
                case ElementwiseOperation.Multiply: TensorPrimitives.Multiply(a, b, result); break;
                default: TensorPrimitives.Divide(a, b, result); break;
            }
            return new(shape, result);
        }
        if (y.Shape.IsScalar)
        {
            ReadOnlySpan<double> a = x.data;
            switch (operation)
            {
                case ElementwiseOperation.Add: TensorPrimitives.Add(a, y.scalar, result); break;
                case ElementwiseOperation.Subtract: TensorPrimitives.Subtract(a, y.scalar, result); break;
                case ElementwiseOperation.Multiply: TensorPrimitives.Multiply(a, y.scalar, result); break;
                default: TensorPrimitives.Divide(a, y.scalar, result); break;
            }
            return new(shape, result);
        }
        if (x.Shape.IsScalar)
        {
            ReadOnlySpan<double> b = y.data;
            switch (operation)
            {
                case ElementwiseOperation.Add: TensorPrimitives.Add(b, x.scalar, result); break;
                case ElementwiseOperation.Subtract: TensorPrimitives.Subtract(x.scalar, b, result); break;
                case ElementwiseOperation.Multiply: TensorPrimitives.Multiply(b, x.scalar, result); break;
                default: TensorPrimitives.Divide(x.scalar, b, result); break;
            }
            return new(shape, result);
        }
        return Broadcast(x, y, shape, (a, b) => Apply(operation, a, b));
    }

    private static Tensor Broadcast(Tensor x, Tensor y, Shape shape, Func<double, double, double> f)
    {
        if (shape.IsScalar) return Scalar(f(x.scalar, y.scalar));
        var result = new double[shape.Count];
        int[]? xs = BroadcastRule.Map(x.Shape, shape), ys = BroadcastRule.Map(y.Shape, shape);
        for (var k = 0; k < result.Length; k++) result[k] = f(x.At(xs?[k] ?? k), y.At(ys?[k] ?? k));
        return new(shape, result);
    }

    private static double Apply(ElementwiseOperation operation, double a, double b) => operation switch
    {
        ElementwiseOperation.Add => a + b,
        ElementwiseOperation.Subtract => a - b,
        ElementwiseOperation.Multiply => a * b,
        _ => a / b,
    };

    private static string Symbol(ElementwiseOperation operation) => operation switch
    {
        ElementwiseOperation.Add => "Tensor +",
        ElementwiseOperation.Subtract => "Tensor −",
        ElementwiseOperation.Multiply => "Tensor *",
        _ => "Tensor /",
    };
}
