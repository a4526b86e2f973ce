using System.Text.Json;

namespace FunctionalAD;

/// <summary>The integer parameters an operation node may carry in a document; null when absent.</summary>
internal readonly record struct OperationParameters(int? Axis, int? Start, int? Count, int? Index);

/// <summary>
/// The tensor operations a document may name, each with the parameters it takes (BroadcastTo, SumTo and OneHot,
/// which gradient graphs hold, take theirs from the node's shape, as Reshape does). Reading rebuilds an operation
/// through the public <see cref="Expr"/> builder of that name, so every shape is checked as when the graph was
/// first built; only these operations can be made.
/// </summary>
internal static class OperationNames
{
    /// <summary>The names, as <see cref="Primitive.Name"/> gives them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "MatMul", "Dot", "Transpose", "Sum", "Mean", "Reshape", "Rows", "Row", "Concat", "LogSumExp", "Softmax",
        "LogSoftmax", "MeanSquaredError", "CrossEntropy", "BinaryCrossEntropyWithLogits", "BroadcastTo", "SumTo", "OneHot",
    ];

    /// <summary>Writes the operation's name and parameters (the reshape target is the node's shape).</summary>
    public static void Write(Utf8JsonWriter writer, TensorOperation operation)
    {
        writer.WriteString("operation", operation.Name);
        switch (operation)
        {
            case ReduceOperation { Axis: { } a }: writer.WriteNumber("axis", a); break;
            case SoftmaxOperation { Axis: { } a }: writer.WriteNumber("axis", a); break;
            case ConcatOperation c: writer.WriteNumber("axis", c.Axis); break;
            case SliceOperation { DropAxis: true } s: writer.WriteNumber("index", s.Start); break;
            case SliceOperation s:
                writer.WriteNumber("start", s.Start);
                writer.WriteNumber("count", s.Count);
                break;
        }
    }

    /// <summary>
    /// The arity of operation <paramref name="name"/>, or a problem: an unknown name, a missing parameter, or one
    /// the operation does not take. <paramref name="hasShape"/> says whether the node declares its shape (Reshape needs it).
    /// </summary>
    public static (int Arity, string? Problem) Check(string name, OperationParameters p, bool hasShape)
    {
        var (arity, axis, startCount, index, shape) = name switch
        {
            "MatMul" or "Dot" or "MeanSquaredError" or "CrossEntropy" or "BinaryCrossEntropyWithLogits" => (2, Need.No, Need.No, Need.No, false),
            "Transpose" => (1, Need.No, Need.No, Need.No, false),
            "Sum" or "Mean" or "LogSumExp" => (1, Need.Maybe, Need.No, Need.No, false),
            "Softmax" or "LogSoftmax" => (1, Need.Yes, Need.No, Need.No, false),
            "Concat" => (2, Need.Yes, Need.No, Need.No, false),
            "Reshape" or "BroadcastTo" or "SumTo" or "OneHot" => (1, Need.No, Need.No, Need.No, true),
            "Rows" => (1, Need.No, Need.Yes, Need.No, false),
            "Row" => (1, Need.No, Need.No, Need.Yes, false),
            _ => (0, Need.No, Need.No, Need.No, false),
        };
        if (arity == 0) return (0, $"unknown operation '{name}'; the operations are {string.Join(", ", All)}");
        var problem = Problem(name, "axis", axis, p.Axis is not null)
            ?? Problem(name, "start", startCount, p.Start is not null)
            ?? Problem(name, "count", startCount, p.Count is not null)
            ?? Problem(name, "index", index, p.Index is not null)
            ?? (shape && !hasShape ? $"operation '{name}' needs the property 'shape' (the node's shape)" : null);
        return (arity, problem);
    }

    private enum Need { No, Maybe, Yes }

    private static string? Problem(string name, string parameter, Need need, bool present) => (need, present) switch
    {
        (Need.No, true) => $"operation '{name}' takes no parameter '{parameter}'",
        (Need.Yes, false) => $"operation '{name}' needs the parameter '{parameter}'",
        _ => null,
    };

    /// <summary>Builds the operation node through its public builder; shape errors surface as <see cref="ShapeMismatchException"/>.</summary>
    public static Expr Build(string name, OperationParameters p, Shape shape, Expr x, Expr? y) => name switch
    {
        "MatMul" => Expr.MatMul(x, y!),
        "Dot" => Expr.Dot(x, y!),
        "MeanSquaredError" => Expr.MeanSquaredError(x, y!),
        "CrossEntropy" => Expr.CrossEntropy(x, y!),
        "BinaryCrossEntropyWithLogits" => Expr.BinaryCrossEntropyWithLogits(x, y!),
        "Transpose" => Expr.Transpose(x),
        "Sum" => p.Axis is { } a ? Expr.Sum(x, a) : Expr.Sum(x),
        "Mean" => p.Axis is { } a ? Expr.Mean(x, a) : Expr.Mean(x),
        "LogSumExp" => p.Axis is { } a ? Expr.LogSumExp(x, a) : Expr.LogSumExp(x),
        "Softmax" => Expr.Softmax(x, p.Axis!.Value),
        "LogSoftmax" => Expr.LogSoftmax(x, p.Axis!.Value),
        "Concat" => Expr.Concat(x, y!, p.Axis!.Value),
        "Reshape" => Expr.Reshape(x, shape),
        "BroadcastTo" => Expr.BroadcastTo(x, shape),
        "SumTo" => Expr.SumTo(x, shape),
        "OneHot" => Expr.OneHot(x, shape.Rank == 0 ? 0 : shape[shape.Rank - 1]),
        "Rows" => Expr.Rows(x, p.Start!.Value, p.Count!.Value),
        "Row" => Expr.Row(x, p.Index!.Value),
        _ => throw new InvalidOperationException($"unchecked operation '{name}'"),
    };
}
