namespace FunctionalAD;

// The ways to build a graph: C# operators, each with a named twin for languages without them, and one
// static function per primitive. F#'s own sin, exp, log, sqrt, tanh, abs and ( ** ) find these members.
public abstract partial class Expr
{
    /// <summary>A constant node; lets numbers mix with graphs, as in <c>2.0 * x</c>.</summary>
    public static implicit operator Expr(double value) => Constant(value);

    /// <summary><c>x + y</c>.</summary>
    public static Expr operator +(Expr x, Expr y) => Add(x, y);
    /// <summary><c>x + c</c>.</summary>
    public static Expr operator +(Expr x, double y) => Add(x, Constant(y));
    /// <summary><c>c + y</c>.</summary>
    public static Expr operator +(double x, Expr y) => Add(Constant(x), y);
    /// <summary><c>x − y</c>.</summary>
    public static Expr operator -(Expr x, Expr y) => Subtract(x, y);
    /// <summary><c>x − c</c>.</summary>
    public static Expr operator -(Expr x, double y) => Subtract(x, Constant(y));
    /// <summary><c>c − y</c>.</summary>
    public static Expr operator -(double x, Expr y) => Subtract(Constant(x), y);
    /// <summary><c>x · y</c>.</summary>
    public static Expr operator *(Expr x, Expr y) => Multiply(x, y);
    /// <summary><c>x · c</c>.</summary>
    public static Expr operator *(Expr x, double y) => Multiply(x, Constant(y));
    /// <summary><c>c · y</c>.</summary>
    public static Expr operator *(double x, Expr y) => Multiply(Constant(x), y);
    /// <summary><c>x / y</c>.</summary>
    public static Expr operator /(Expr x, Expr y) => Divide(x, y);
    /// <summary><c>x / c</c>.</summary>
    public static Expr operator /(Expr x, double y) => Divide(x, Constant(y));
    /// <summary><c>c / y</c>.</summary>
    public static Expr operator /(double x, Expr y) => Divide(Constant(x), y);
    /// <summary><c>−x</c>.</summary>
    public static Expr operator -(Expr x) => Negate(x);

    /// <summary><c>x + y</c> (<see cref="Primitives.Add"/>).</summary>
    public static Expr Add(Expr x, Expr y) => Apply(Primitives.Add, x, y);
    /// <summary><c>x − y</c> (<see cref="Primitives.Subtract"/>).</summary>
    public static Expr Subtract(Expr x, Expr y) => Apply(Primitives.Subtract, x, y);
    /// <summary><c>x · y</c> (<see cref="Primitives.Multiply"/>).</summary>
    public static Expr Multiply(Expr x, Expr y) => Apply(Primitives.Multiply, x, y);
    /// <summary><c>x / y</c> (<see cref="Primitives.Divide"/>).</summary>
    public static Expr Divide(Expr x, Expr y) => Apply(Primitives.Divide, x, y);
    /// <summary><c>−x</c> (<see cref="Primitives.Negate"/>).</summary>
    public static Expr Negate(Expr x) => Apply(Primitives.Negate, x);
    /// <summary><c>x ^ y</c>, both differentiable (<see cref="Primitives.Pow"/>).</summary>
    public static Expr Pow(Expr x, Expr y) => Apply(Primitives.Pow, x, y);
    /// <summary><c>x ^ p</c> for a constant exponent (<see cref="Primitives.PowerOf"/>).</summary>
    public static Expr Pow(Expr x, double exponent) => Apply(Primitives.PowerOf(exponent), x);
    /// <summary><c>e^x</c> (<see cref="Primitives.Exp"/>).</summary>
    public static Expr Exp(Expr x) => Apply(Primitives.Exp, x);
    /// <summary><c>ln x</c> (<see cref="Primitives.Log"/>).</summary>
    public static Expr Log(Expr x) => Apply(Primitives.Log, x);
    /// <summary><c>√x</c> (<see cref="Primitives.Sqrt"/>).</summary>
    public static Expr Sqrt(Expr x) => Apply(Primitives.Sqrt, x);
    /// <summary><c>sin x</c> (<see cref="Primitives.Sin"/>).</summary>
    public static Expr Sin(Expr x) => Apply(Primitives.Sin, x);
    /// <summary><c>cos x</c> (<see cref="Primitives.Cos"/>).</summary>
    public static Expr Cos(Expr x) => Apply(Primitives.Cos, x);
    /// <summary><c>tan x</c> (<see cref="Primitives.Tan"/>).</summary>
    public static Expr Tan(Expr x) => Apply(Primitives.Tan, x);
    /// <summary><c>tanh x</c> (<see cref="Primitives.Tanh"/>).</summary>
    public static Expr Tanh(Expr x) => Apply(Primitives.Tanh, x);
    /// <summary><c>σ(x)</c> (<see cref="Primitives.Sigmoid"/>).</summary>
    public static Expr Sigmoid(Expr x) => Apply(Primitives.Sigmoid, x);
    /// <summary><c>ln(1 + e^x)</c> (<see cref="Primitives.Softplus"/>).</summary>
    public static Expr Softplus(Expr x) => Apply(Primitives.Softplus, x);
    /// <summary><c>max(x, 0)</c> (<see cref="Primitives.Relu"/>).</summary>
    public static Expr Relu(Expr x) => Apply(Primitives.Relu, x);
    /// <summary><c>|x|</c> (<see cref="Primitives.Abs"/>).</summary>
    public static Expr Abs(Expr x) => Apply(Primitives.Abs, x);
    /// <summary><c>min(x, y)</c> (<see cref="Primitives.Min"/>).</summary>
    public static Expr Min(Expr x, Expr y) => Apply(Primitives.Min, x, y);
    /// <summary><c>max(x, y)</c> (<see cref="Primitives.Max"/>).</summary>
    public static Expr Max(Expr x, Expr y) => Apply(Primitives.Max, x, y);
}
