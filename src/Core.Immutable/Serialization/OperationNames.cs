using System.Collections.Immutable;
using System.Text.Json;

namespace FunctionalAD;

/// <summary>The parameters an operation node may carry in a document; null when absent. <paramref name="Numbers"/> is the
/// <c>parameters</c> array of the convolution, pooling, take and dropout families (stride, padding, axis, rate and so on, in their order).</summary>
internal readonly record struct OperationParameters(int? Axis, int? Start, int? Count, int? Index, ImmutableArray<double>? Numbers = null);

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
        "BatchedProduct", "Slice", "Unslice", "Max", "Min", "MaxGather", "MinGather", "MaxScatter", "MinScatter", "Permute",
        "Conv2D", "Conv2DImagesTranspose", "Conv2DKernelsTranspose", "MaxPool2D", "MaxPool2DGather", "MaxPool2DScatter",
        "Take", "ScatterAdd", "Dropout",
    ];

    /// <summary>Writes the operation's name and parameters (the reshape target is the node's shape).</summary>
    public static void Write(Utf8JsonWriter writer, TensorOperation operation)
    {
        writer.WriteString("operation", operation.Name);
        switch (operation)
        {
            case ReduceOperation { Axis: { } a }: writer.WriteNumber("axis", a); break;
            case ExtremumOperation { Axis: { } a }: writer.WriteNumber("axis", a); break;
            case SoftmaxOperation { Axis: { } a }: writer.WriteNumber("axis", a); break;
            case ConcatOperation c: writer.WriteNumber("axis", c.Axis); break;
            case SliceOperation { DropAxis: true } s: writer.WriteNumber("index", s.Start); break;
            case SliceOperation s:
                writer.WriteNumber("start", s.Start);
                writer.WriteNumber("count", s.Count);
                break;
            case ConvolutionOperation or MaxPoolOperation or PermuteOperation or AxisSliceOperation or TakeOperation:
                writer.WriteStartArray("parameters");
                foreach (var number in operation.Parameters) writer.WriteNumberValue((int)number);
                writer.WriteEndArray();
                break;
            case DropoutOperation d:
                writer.WriteStartArray("parameters");
                writer.WriteNumberValue(d.Rate);
                writer.WriteEndArray();
                break;
        }
    }

    /// <summary>
    /// The arity of operation <paramref name="name"/>, or a problem: an unknown name, a missing parameter, or one
    /// the operation does not take. <paramref name="hasShape"/> says whether the node declares its shape (Reshape needs it).
    /// </summary>
    public static (int Arity, string? Problem) Check(string name, OperationParameters p, bool hasShape)
    {
        if (Numbered(name) is { } numbered)
        {
            return p.Axis is not null || p.Start is not null || p.Count is not null || p.Index is not null
                ? (numbered.Arity, $"operation '{name}' takes only the parameter 'parameters'")
                : p.Numbers is not { } numbers || (numbered.Count >= 0 && numbers.Length != numbered.Count) || numbers.Length == 0
                  || (name == "Dropout" ? !(numbers[0] is > 0 and < 1) : numbers.Any(n => n != Math.Floor(n) || n < 0 || n > int.MaxValue))
                    ? (numbered.Arity, $"operation '{name}' needs 'parameters': {numbered.Meaning}")
                    : (numbered.Arity, null);
        }
        if (p.Numbers is not null) return (0, $"operation '{name}' takes no parameter 'parameters'");
        var (arity, axis, startCount, index, shape) = name switch
        {
            "MatMul" or "BatchedProduct" or "Dot" or "MeanSquaredError" or "CrossEntropy" or "BinaryCrossEntropyWithLogits" => (2, Need.No, Need.No, Need.No, false),
            "Transpose" => (1, Need.No, Need.No, Need.No, false),
            "Sum" or "Mean" or "LogSumExp" or "Max" or "Min" => (1, Need.Maybe, Need.No, Need.No, false),
            "MaxGather" or "MinGather" or "MaxScatter" or "MinScatter" => (2, Need.Maybe, Need.No, Need.No, false),
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

    /// <summary>The families whose parameters are one array: arity, count and what the numbers are.</summary>
    private static (int Arity, int Count, string Meaning)? Numbered(string name) => name switch
    {
        "Conv2D" or "Conv2DImagesTranspose" or "Conv2DKernelsTranspose" => (2, 9, "9 whole numbers (strides, paddings and dilations along height and width, groups, and the height and width a transpose gives back, 0 for Conv2D)"),
        "MaxPool2D" => (1, 2, "2 whole numbers (size, stride)"),
        "MaxPool2DGather" or "MaxPool2DScatter" => (2, 2, "2 whole numbers (size, stride)"),
        "Permute" => (1, -1, "whole numbers (the order of the axes)"),
        "Slice" or "Unslice" => (1, 5, "5 whole numbers (axis, start, count, step, and the length an unslice gives back, 0 for Slice)"),
        "Take" => (2, 1, "1 whole number (the axis)"),
        "ScatterAdd" => (2, 2, "2 whole numbers (the axis and its size)"),
        "Dropout" => (2, 1, "1 number (the rate, in (0, 1))"),
        _ => null,
    };

    /// <summary>A node of the convolution or pooling family from its parameters, its shapes checked by its shape rule.</summary>
    private static Expr BuildNumbered(string name, ImmutableArray<double> n, Expr x, Expr? y)
    {
        int At(int k) => (int)n[k];
        switch (name)
        {
            case "Permute": return Expr.Permute(x, [.. n.Select(a => (int)a)]);
            case "Slice" or "Unslice": return Expr.Operate(new AxisSliceOperation(At(0), At(1), At(2), At(3), name == "Slice" ? null : At(4)), x);
            case "Take": return Expr.Take(x, y!, At(0));
            case "ScatterAdd": return Expr.ScatterAdd(x, y!, At(0), Math.Max(At(1), 1));
            case "Dropout": return Expr.Dropout(x, n[0], y!);
        }
        if (name.StartsWith("MaxPool2D", StringComparison.Ordinal))
        {
            var role = name == "MaxPool2D" ? SelectionRole.Select : name == "MaxPool2DGather" ? SelectionRole.Gather : SelectionRole.Scatter;
            if (At(0) < 1 || At(1) < 1) throw new ShapeMismatchException(name, $"{name}: the size and the stride are at least 1.");
            var pool = new MaxPoolOperation(role, At(0), At(1));
            return role == SelectionRole.Select ? Expr.Operate(pool, x) : Expr.Operate(pool, x, y!);
        }
        if (At(0) < 1 || At(1) < 1 || At(4) < 1 || At(5) < 1 || At(6) < 1)
            throw new ShapeMismatchException(name, $"{name}: the strides, dilations and groups are at least 1.");
        var geometry = new ConvolutionGeometry(new(At(0), At(2), At(4)), new(At(1), At(3), At(5)), At(6));
        return Expr.Operate(name switch
        {
            "Conv2D" => ConvolutionOperation.Convolve(geometry),
            "Conv2DImagesTranspose" => ConvolutionOperation.ImagesTranspose(geometry, Math.Max(At(7), 1), Math.Max(At(8), 1)),
            _ => ConvolutionOperation.KernelsTranspose(geometry, Math.Max(At(7), 1), Math.Max(At(8), 1)),
        }, x, y!);
    }

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
        "BatchedProduct" => Expr.Operate(BatchedProductOperation.Instance, x, y!),
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
        "Max" => p.Axis is { } a ? Expr.Max(x, a) : Expr.Max(x),
        "Min" => p.Axis is { } a ? Expr.Min(x, a) : Expr.Min(x),
        "MaxGather" or "MinGather" or "MaxScatter" or "MinScatter" => Expr.Operate(
            new ExtremumOperation(name.StartsWith("Max", StringComparison.Ordinal), p.Axis, name.EndsWith("Gather", StringComparison.Ordinal) ? SelectionRole.Gather : SelectionRole.Scatter), x, y!),
        _ when p.Numbers is { } numbers => BuildNumbered(name, numbers, x, y),
        _ => throw new InvalidOperationException($"unchecked operation '{name}'"),
    };
}
