using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// <c>OneHot(labels, classes)</c>: a vector of m class indices becomes an m×k matrix whose row r is 1 at column
/// labelᵣ and 0 elsewhere (a scalar label becomes a vector of k). The gradient graph of a cross-entropy with labels
/// uses it. Labels are piecewise constant, so the derivative is 0 (tangent zero, no cotangent). A label that is
/// not an integer in 0 … k − 1 is rejected when the graph is evaluated, naming its row.
/// </summary>
internal sealed class OneHotOperation(int classes) : TensorOperation
{
    public int Classes { get; } = classes;
    public override ImmutableArray<double> Parameters => [Classes];
    public override string Name => "OneHot";
    public override int Arity => 1;
    internal override string? ParameterText => string.Create(CultureInfo.InvariantCulture, $"classes: {Classes}");

    public override Shape OutputShape(Shape labels, Shape _) => labels.Rank switch
    {
        _ when Classes < 1 => throw Mismatch($"cannot make one-hot rows of {Classes} classes from labels {labels}: there must be at least one class."),
        0 => Shape.Vector(Classes),
        1 => Shape.Matrix(labels[0], Classes),
        _ => throw Mismatch($"cannot make one-hot rows from labels {labels}: give a vector of class indices (or one index)."),
    };

    public override Tensor Value(Tensor labels, Tensor _)
    {
        var shape = OutputShape(labels.Shape, default);
        var rows = labels.Shape.Count;
        var result = new double[shape.Count];
        for (var r = 0; r < rows; r++)
        {
            var value = labels.At(r);
            if (!(value >= 0 && value < Classes && value == Math.Floor(value)))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{Name}: the label {value:R} of row {r} is not a class index in 0 … {Classes - 1}."));
            result[(int)value * rows + r] = 1; // column-major: column label, row r
        }
        return new(shape, result);
    }

    public override Tensor Jvp(Tensor labels, Tensor _, Tensor output, Tensor? dx, Tensor? __) => Tensor.Zeros(output.Shape);

    public override TensorPullback Vjp(Tensor labels, Tensor _, Tensor output) => (_, _, _) => default;

    internal override (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? y, Expr output, Expr cotangent) => (null, null);
}
