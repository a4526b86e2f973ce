using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>
/// Softmax cross-entropy, averaged over the m rows of the logits (an m×k matrix; a vector of k is one row), in the
/// stable form LogSumExp(row) − logit, which never forms softmax's log of 0. The target is either
/// <list type="bullet">
/// <item>class labels — a vector of m class indices (a scalar for vector logits): loss = (1/m) Σᵣ [LSE(xᵣ) − xᵣ,yᵣ];
/// ∂/∂x = (softmax(x) − onehot(y))/m. Labels are piecewise constant: their derivative is 0.</item>
/// <item>target probabilities t of the logits' shape: loss = −(1/m) Σᵣ Σᵢ tᵣᵢ log softmax(xᵣ)ᵢ;
/// ∂/∂x = (softmax(x)·Σᵢ tᵣᵢ − t)/m, which is (softmax − t)/m for rows summing to 1; ∂/∂t = −log softmax(x)/m.</item>
/// </list>
/// A label that is not an integer in 0 … k − 1 is rejected when the loss is evaluated, naming its row.
/// </summary>
internal sealed class CrossEntropyOperation(bool withLabels) : TensorOperation
{
    public bool WithLabels { get; } = withLabels;
    public override ImmutableArray<double> Parameters => [WithLabels ? 1 : 0];
    public override string Name => "CrossEntropy";
    public override int Arity => 2;

    public override Shape OutputShape(Shape logits, Shape target)
    {
        if (logits.Rank is 0 or > 2) throw Mismatch($"needs logits as a vector or a matrix (one row per example), not {logits}; reshape a batch of higher rank to rows first.");
        var fits = WithLabels
            ? (logits.Rank == 2 && target.Rank == 1 && target[0] == logits[0]) || (logits.Rank == 1 && target.IsScalar)
            : target == logits;
        return fits
            ? Shape.Scalar
            : throw Mismatch($"cannot pair logits {logits} with {(WithLabels ? "labels" : "targets")} {target}: give one class index per row of the logits, or target probabilities of the logits' shape.");
    }

    public override Tensor Value(Tensor x, Tensor y)
    {
        var (lanes, lse) = Rows(x);
        var sum = 0.0;
        for (var r = 0; r < lanes.Count; r++)
        {
            if (WithLabels)
            {
                sum += lse[r] - x.At(lanes.Index(r, Label(y, r, lanes.Length)));
                continue;
            }
            for (var t = 0; t < lanes.Length; t++)
            {
                var k = lanes.Index(r, t);
                var p = y.At(k);
                if (p != 0) sum -= p * (x.At(k) - lse[r]);
            }
        }
        return sum / lanes.Count;
    }

    public override Tensor Jvp(Tensor x, Tensor y, Tensor output, Tensor? dx, Tensor? dy)
    {
        var (lanes, lse) = Rows(x);
        var sum = 0.0;
        for (var r = 0; r < lanes.Count; r++)
        {
            // Σᵢ (sᵢ·T − tᵢ) dxᵢ − Σᵢ dtᵢ log sᵢ, with T = Σᵢ tᵢ (1 and a one-hot t for labels).
            var (total, label) = RowTargets(y, lanes, r);
            var moved = 0.0;
            for (var t = 0; t < lanes.Length; t++)
            {
                var k = lanes.Index(r, t);
                var target = Target(y, k, t, label);
                var logS = x.At(k) - lse[r];
                if (dx is { } a) moved += Rules.Times(Math.Exp(logS) * total - target, a.At(k));
                if (!WithLabels && dy is { } b) moved -= Rules.Times(logS, b.At(k));
            }
            sum += moved;
        }
        return sum / lanes.Count;
    }

    public override TensorPullback Vjp(Tensor x, Tensor y, Tensor output) => (g, first, second) =>
    {
        var (lanes, lse) = Rows(x);
        var scale = g.ToScalar() / lanes.Count;
        double[]? gx = first ? new double[x.Shape.Count] : null, gy = second && !WithLabels ? new double[x.Shape.Count] : null;
        for (var r = 0; r < lanes.Count; r++)
        {
            var (total, label) = RowTargets(y, lanes, r);
            for (var t = 0; t < lanes.Length; t++)
            {
                var k = lanes.Index(r, t);
                var target = Target(y, k, t, label);
                var logS = x.At(k) - lse[r];
                if (gx is not null) gx[k] = scale * (Math.Exp(logS) * total - target);
                if (gy is not null) gy[k] = -scale * logS;
            }
        }
        return new(gx is null ? null : new Tensor(x.Shape, gx), gy is null ? null : new Tensor(y.Shape, gy));
    };

    /// <summary>((g/m)(softmax·T − t), −(g/m) log softmax) along the rows, with t one-hot for labels (which get no cotangent).</summary>
    internal override (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? y, Expr output, Expr g)
    {
        var matrix = x.Shape.Rank == 2;
        var scale = g / (matrix ? x.Shape[0] : 1);
        var softmax = Expr.Softmax(x, -1);
        if (WithLabels) return (scale * (softmax - Expr.OneHot(y!, matrix ? x.Shape[1] : x.Shape[0])), null);
        var totals = BroadcastToOperation.Spread(matrix ? Expr.Sum(y!, 1) : Expr.Sum(y!), x.Shape, matrix ? 1 : null);
        return (scale * (softmax * totals - y!), -scale * Expr.LogSoftmax(x, -1));
    }

    /// <summary>The rows as lanes (a vector is one row) and each row's LogSumExp.</summary>
    private static (Lanes Lanes, double[] Lse) Rows(Tensor x)
    {
        var lanes = Lanes.Of(x.Shape, x.Shape.Rank == 2 ? 1 : null);
        return (lanes, SoftmaxOperation.LogSumExp(x, lanes));
    }

    /// <summary>Row <paramref name="row"/>'s target total T = Σᵢ tᵢ (1 for labels) and its label (−1 for probabilities).</summary>
    private (double Total, int Label) RowTargets(Tensor y, Lanes lanes, int row)
    {
        if (WithLabels) return (1, Label(y, row, lanes.Length));
        var total = 0.0;
        for (var t = 0; t < lanes.Length; t++) total += y.At(lanes.Index(row, t));
        return (total, -1);
    }

    /// <summary>The target of element <paramref name="k"/> (class <paramref name="t"/> of its row): one-hot for labels.</summary>
    private double Target(Tensor y, int k, int t, int label) => WithLabels ? (t == label ? 1 : 0) : y.At(k);

    private int Label(Tensor labels, int row, int classes)
    {
        var value = labels.At(row);
        return value >= 0 && value < classes && value == Math.Floor(value)
            ? (int)value
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: the label {value:R} of row {row} is not a class index in 0 … {classes - 1}."));
    }
}
