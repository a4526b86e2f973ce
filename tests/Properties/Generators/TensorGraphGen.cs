using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;

namespace FunctionalAD.Properties.Generators;

/// <summary>
/// Random well-shaped tensor graphs over small random shapes (every dimension 1 to 3), built bottom-up from a pool
/// of nodes as <see cref="GraphGen"/> builds scalar graphs. Each step applies either a scalar primitive elementwise
/// (with a second argument of the same or a broadcastable shape: a scalar, a row vector, an m×1 column) or one of
/// the tensor operations of <see cref="Operations"/>; an operation's second argument is a pool node of a fitting
/// shape or, when there is none, a fresh input of that shape. A candidate is rejected and another drawn when an
/// elementwise argument leaves its primitive's domain (<see cref="Domains.Admits"/>, element by element), a value
/// exceeds <see cref="Domains.MaxValue"/>, or the node's sensitivity bound exceeds <see cref="Domains.MaxSensitivity"/>.
/// </summary>
/// <remarks>
/// Sensitivity of a node: a bound on max over its elements of Σ over input elements of |∂ element/∂ input|·max(1, |input|),
/// propagated with each operation's Lipschitz bound in the max norm (for instance k·(max|B|·S_A + max|A|·S_B) for an
/// inner dimension k of MatMul, 2·S for softmax). As for scalar graphs, it keeps a finite-difference step from moving
/// any argument by more than 2e-3, inside the 0.05 kept from kinks.
/// </remarks>
public static class TensorGraphGen
{
    /// <summary>The tensor operations the generator applies; coverage of each is checked by a test.</summary>
    public static readonly ImmutableArray<string> Operations =
    [
        "MatMul", "Dot", "Transpose", "Sum", "Mean", "Reshape", "Rows", "Row", "Concat",
        "LogSumExp", "Softmax", "LogSoftmax", "MeanSquaredError", "CrossEntropy", "BinaryCrossEntropyWithLogits",
        "BroadcastTo", "SumTo", "OneHot",
    ];

    private const int MaxInputs = 5;
    private const int AttemptsPerStep = 40;

    private static readonly ImmutableArray<Primitive> Unary =
        [.. Primitives.All.Where(p => p.Arity == 1), Primitives.PowerOf(2), Primitives.PowerOf(0.5)];

    private static readonly ImmutableArray<Primitive> Binary = [.. Primitives.All.Where(p => p.Arity == 2)];

    /// <summary>A node of the pool with its value and sensitivity bound.</summary>
    private sealed record Slot(Expr Node, Tensor Value, double Sensitivity);

    /// <summary>Cases, shrinking to sub-expressions.</summary>
    public static Arbitrary<TensorGraphCase> Arbitrary(int maxApplications = 8) =>
        Arb.From(Gen.Choose(0, int.MaxValue - 1).Select(seed => Build(new Random(seed), maxApplications)), Shrink);

    /// <summary>Builds one case from <paramref name="random"/>.</summary>
    public static TensorGraphCase Build(Random random, int maxApplications)
    {
        while (true)
        {
            if (TryBuild(random, maxApplications) is { } built) return built;
        }
    }

    private sealed class Builder(Random random)
    {
        public readonly List<Slot> Pool = [];
        public Bindings Point = Bindings.Empty;
        public readonly int[] Dimensions = [random.Next(1, 4), random.Next(1, 4), random.Next(1, 4)];
        public Random Random => random;

        public int Dim() => Dimensions[random.Next(3)];

        public Shape AnyShape() => random.Next(8) switch
        {
            0 => Shape.Scalar,
            1 or 2 => Shape.Vector(Dim()),
            _ => Shape.Matrix(Dim(), Dim()),
        };

        public Tensor RandomTensor(Shape shape, double low, double high) =>
            Tensor.Create(shape, (_, _) => low + (high - low) * random.NextDouble());

        /// <summary>A fresh input of <paramref name="shape"/>, or null when the graph has enough inputs.</summary>
        public Slot? FreshInput(Shape shape)
        {
            if (Point.Count >= MaxInputs) return null;
            var name = "t" + Point.Count;
            var value = RandomTensor(shape, -2, 2);
            Point = Point.With(name, value);
            var slot = new Slot(Expr.Input(name, shape), value, Math.Max(1, MaxAbs(value)));
            Pool.Add(slot);
            return slot;
        }

        /// <summary>A constant of <paramref name="shape"/>; it has no sensitivity.</summary>
        public Slot Constant(Tensor value) => new(Expr.Constant(value), value, 0);

        /// <summary>Three times in five one of the three most recent nodes, otherwise any node of the pool.</summary>
        public Slot Pick() =>
            random.Next(5) < 3 ? Pool[Pool.Count - 1 - random.Next(Math.Min(3, Pool.Count))] : Pool[random.Next(Pool.Count)];

        /// <summary>A pool node of one of the <paramref name="shapes"/> (half the time, when there is one), else a fresh input of one.</summary>
        public Slot? Partner(params Shape[] shapes)
        {
            var fitting = Pool.Where(s => shapes.Contains(s.Node.Shape)).ToList();
            if (fitting.Count > 0 && (random.Next(2) == 0 || Point.Count >= MaxInputs)) return fitting[random.Next(fitting.Count)];
            return FreshInput(shapes[random.Next(shapes.Length)]);
        }
    }

    private static TensorGraphCase? TryBuild(Random random, int maxApplications)
    {
        var b = new Builder(random);
        for (var i = random.Next(1, 3); i > 0; i--) b.FreshInput(b.AnyShape());
        b.Pool.Add(b.Constant(Math.Round(4 * random.NextDouble() - 2, 2)));

        var applications = random.Next(1, maxApplications + 1);
        Slot? last = null;
        for (var step = 0; step < applications; step++)
        {
            for (var attempt = 0; attempt < AttemptsPerStep; attempt++)
            {
                var made = random.Next(10) < 4 ? TryElementwise(b) : TryOperation(b, Operations[random.Next(Operations.Length)]);
                if (made is null) continue;
                b.Pool.Add(made);
                last = made;
                break;
            }
        }
        if (last is null) return null;

        // The root: the last node plus up to three nodes the graph does not use yet (added directly when their
        // shapes broadcast, as a sum otherwise), so that most applications and inputs reach the output.
        var reached = Graph.Nodes(last.Node).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var extra in b.Pool.Where(p => p.Node is not ConstantNode && !reached.Contains(p.Node)).OrderBy(_ => random.Next()).Take(3).ToList())
        {
            var summed = extra.Node.Shape.IsScalar ? extra : Finish(Expr.Sum(extra.Node), extra.Sensitivity * extra.Value.Shape.Count, b);
            var joined = (summed is null ? null : Admit(Primitives.Add, last, extra, b)) ?? (summed is null ? null : Admit(Primitives.Add, last, summed, b));
            if (joined is null) continue;
            if (!ReferenceEquals(summed, extra) && summed is not null) b.Pool.Add(summed);
            b.Pool.Add(joined);
            last = joined;
        }
        var maxSensitivity = b.Pool.Max(s => s.Sensitivity);
        // Keep only the inputs the graph uses.
        var used = Graph.Inputs(last.Node);
        return new TensorGraphCase(last.Node, Bindings.From(b.Point.Where(p => used.Contains(p.Key))), maxSensitivity);
    }

    private static Slot? TryElementwise(Builder b)
    {
        var first = b.Pick();
        if (b.Random.Next(2) == 0) return Admit(Unary[b.Random.Next(Unary.Length)], first, null, b);
        var shape = first.Node.Shape;
        var options = new List<Shape> { shape, Shape.Scalar };
        if (shape.Rank == 2) options.AddRange([Shape.Vector(shape[1]), Shape.Matrix(shape[0], 1), Shape.Matrix(1, shape[1])]);
        if (shape.Rank == 1) options.Add(Shape.Matrix(b.Dim(), shape[0]));
        var second = b.Random.Next(4) == 0 ? b.Pick() : b.Partner([.. options]);
        if (second is null) return null;
        var primitive = Binary[b.Random.Next(Binary.Length)];
        return b.Random.Next(2) == 0 ? Admit(primitive, first, second, b) : Admit(primitive, second, first, b);
    }

    /// <summary>The elementwise application, if every element is inside the primitive's domain and it is not too sensitive.</summary>
    private static Slot? Admit(Primitive primitive, Slot first, Slot? second, Builder b)
    {
        Expr node;
        try
        {
            node = second is null ? Expr.Apply(primitive, first.Node) : Expr.Apply(primitive, first.Node, second.Node);
        }
        catch (ShapeMismatchException)
        {
            return null;
        }
        var shape = node.Shape;
        var sensitivity = 0.0;
        // The broadcast result seen as a matrix: a vector is one row, a scalar one element.
        int rows = shape.Rank == 2 ? shape[0] : 1, columns = shape.Rank switch { 0 => 1, 1 => shape[0], _ => shape[1] };
        for (var i = 0; i < rows; i++)
        for (var j = 0; j < columns; j++)
        {
            double x = Element(first.Value, i, j), y = second is null ? 0 : Element(second.Value, i, j);
            if (!Domains.Admits(primitive, x, y)) return null;
            var (px, py) = Domains.Partials(primitive, x, y, Domains.Reference(primitive).Value(x, y));
            sensitivity = Math.Max(sensitivity, Math.Abs(px) * first.Sensitivity + (second is null ? 0 : Math.Abs(py) * second.Sensitivity));
        }
        return Finish(node, sensitivity, b);
    }

    private static Slot? TryOperation(Builder b, string operation)
    {
        var x = b.Pick();
        var s = x.Node.Shape;
        var r = b.Random;
        try
        {
            switch (operation)
            {
                case "MatMul" when s.Rank == 2:
                {
                    var y = b.Partner(Shape.Matrix(s[1], b.Dim()), Shape.Vector(s[1]));
                    if (y is null) return null;
                    return Finish(Expr.MatMul(x.Node, y.Node), s[1] * (MaxAbs(y.Value) * x.Sensitivity + MaxAbs(x.Value) * y.Sensitivity), b);
                }
                case "Dot" when s.Rank == 1:
                {
                    var y = b.Partner(s);
                    if (y is null) return null;
                    return Finish(Expr.Dot(x.Node, y.Node), s[0] * (MaxAbs(y.Value) * x.Sensitivity + MaxAbs(x.Value) * y.Sensitivity), b);
                }
                case "Transpose" when s.Rank == 2:
                    return Finish(Expr.Transpose(x.Node), x.Sensitivity, b);
                case "Sum" or "Mean":
                {
                    var axis = s.Rank == 0 || r.Next(3) == 0 ? (int?)null : r.Next(s.Rank);
                    var mean = operation == "Mean";
                    var node = axis is { } a ? (mean ? Expr.Mean(x.Node, a) : Expr.Sum(x.Node, a)) : (mean ? Expr.Mean(x.Node) : Expr.Sum(x.Node));
                    var lane = axis is { } ax && s.Rank == 2 ? s[ax] : s.Count;
                    return Finish(node, mean ? x.Sensitivity : lane * x.Sensitivity, b);
                }
                case "Reshape":
                {
                    var targets = new List<Shape> { Shape.Vector(s.Count) };
                    for (var rows = 1; rows <= s.Count; rows++)
                        if (s.Count % rows == 0) targets.Add(Shape.Matrix(rows, s.Count / rows));
                    targets.Remove(s);
                    return Finish(Expr.Reshape(x.Node, targets[r.Next(targets.Count)]), x.Sensitivity, b);
                }
                case "Rows" when s.Rank >= 1:
                {
                    var start = r.Next(s[0]);
                    return Finish(Expr.Rows(x.Node, start, r.Next(1, s[0] - start + 1)), x.Sensitivity, b);
                }
                case "Row" when s.Rank >= 1:
                    return Finish(Expr.Row(x.Node, r.Next(s[0])), x.Sensitivity, b);
                case "Concat" when s.Rank >= 1:
                {
                    var axis = r.Next(s.Rank);
                    var y = b.Partner(s.Rank == 1 ? Shape.Vector(b.Dim()) : axis == 0 ? Shape.Matrix(b.Dim(), s[1]) : Shape.Matrix(s[0], b.Dim()));
                    if (y is null) return null;
                    return Finish(r.Next(2) == 0 ? Expr.Concat(x.Node, y.Node, axis) : Expr.Concat(y.Node, x.Node, axis), Math.Max(x.Sensitivity, y.Sensitivity), b);
                }
                case "LogSumExp" when s.Rank >= 1:
                    return Finish(r.Next(3) == 0 ? Expr.LogSumExp(x.Node) : Expr.LogSumExp(x.Node, r.Next(s.Rank)), x.Sensitivity, b);
                case "Softmax" when s.Rank >= 1:
                    return Finish(Expr.Softmax(x.Node, r.Next(s.Rank)), 2 * x.Sensitivity, b);
                case "LogSoftmax" when s.Rank >= 1:
                    return Finish(Expr.LogSoftmax(x.Node, r.Next(s.Rank)), 2 * x.Sensitivity, b);
                case "MeanSquaredError":
                {
                    var y = r.Next(3) == 0 ? b.Constant(b.RandomTensor(s, -2, 2)) : b.Partner(s);
                    if (y is null) return null;
                    var gap = MaxAbs(Difference(x.Value, y.Value));
                    return Finish(Expr.MeanSquaredError(x.Node, y.Node), 2 * gap * (x.Sensitivity + y.Sensitivity), b);
                }
                case "CrossEntropy" when s.Rank >= 1:
                {
                    var classes = s.Rank == 2 ? s[1] : s[0];
                    if (r.Next(2) == 0)
                    {
                        var labels = s.Rank == 2
                            ? Tensor.Create(Shape.Vector(s[0]), (_, _) => r.Next(classes))
                            : Tensor.Scalar(r.Next(classes));
                        return Finish(Expr.CrossEntropy(x.Node, Expr.Constant(labels)), 2 * x.Sensitivity, b);
                    }
                    var y = r.Next(2) == 0 ? b.Constant(b.RandomTensor(s, 0, 1)) : b.Partner(s);
                    if (y is null) return null;
                    var t = MaxAbs(y.Value);
                    var logSoftmax = MaxAbs(Graph.Evaluate(Expr.LogSoftmax(Expr.Constant(x.Value), -1), Bindings.Empty));
                    return Finish(Expr.CrossEntropy(x.Node, y.Node), (classes + 1) * t * 2 * x.Sensitivity + classes * logSoftmax * y.Sensitivity, b);
                }
                case "BinaryCrossEntropyWithLogits":
                {
                    var y = r.Next(2) == 0 ? b.Constant(b.RandomTensor(s, 0, 1)) : b.Partner(s);
                    if (y is null) return null;
                    return Finish(Expr.BinaryCrossEntropyWithLogits(x.Node, y.Node), (1 + MaxAbs(y.Value)) * x.Sensitivity + MaxAbs(x.Value) * y.Sensitivity, b);
                }
                case "BroadcastTo":
                {
                    var targets = s.Rank switch
                    {
                        0 => new List<Shape> { Shape.Vector(b.Dim()), Shape.Matrix(b.Dim(), b.Dim()) },
                        1 => [Shape.Matrix(b.Dim(), s[0])],
                        _ => [Shape.Matrix(s[0] == 1 ? b.Dim() : s[0], s[1] == 1 ? b.Dim() : s[1])],
                    };
                    var target = targets[r.Next(targets.Count)];
                    return target == s ? null : Finish(Expr.BroadcastTo(x.Node, target), x.Sensitivity, b);
                }
                case "SumTo" when s.Rank >= 1:
                {
                    var targets = new List<Shape> { Shape.Scalar };
                    if (s.Rank == 2) targets.AddRange([Shape.Vector(s[1]), Shape.Matrix(s[0], 1), Shape.Matrix(1, s[1])]);
                    var target = targets[r.Next(targets.Count)];
                    return target == s ? null : Finish(Expr.SumTo(x.Node, target), s.Count / target.Count * x.Sensitivity, b);
                }
                case "OneHot":
                {
                    // Labels are data: a constant, so the one-hot rows carry no sensitivity.
                    var classes = b.Dim();
                    var labels = r.Next(2) == 0
                        ? Tensor.Scalar(r.Next(classes))
                        : Tensor.Create(Shape.Vector(b.Dim()), (_, _) => r.Next(classes));
                    return Finish(Expr.OneHot(Expr.Constant(labels), classes), 0, b);
                }
                default:
                    return null;
            }
        }
        catch (ShapeMismatchException)
        {
            return null;
        }
    }

    /// <summary>The slot for <paramref name="node"/>, evaluated at the point, unless it is too large or too sensitive.</summary>
    private static Slot? Finish(Expr node, double sensitivity, Builder b)
    {
        if (sensitivity > Domains.MaxSensitivity) return null;
        var value = Graph.Evaluate(node, b.Point);
        var max = MaxAbs(value);
        return double.IsFinite(max) && max <= Domains.MaxValue ? new Slot(node, value, sensitivity) : null;
    }

    /// <summary>Element (i, j) of a value broadcast to a matrix: a scalar everywhere, a vector along each row.</summary>
    public static double Element(Tensor t, int i, int j) => t.Shape.Rank switch
    {
        0 => t.ToScalar(),
        1 => t[t.Shape[0] == 1 ? 0 : j],
        _ => t[t.Shape[0] == 1 ? 0 : i, t.Shape[1] == 1 ? 0 : j],
    };

    /// <summary>max |element|.</summary>
    public static double MaxAbs(Tensor t) => t.ToArray().Max(Math.Abs);

    private static Tensor Difference(Tensor a, Tensor b) => Tensor.Create(a.Shape, (i, j) => Element(a, i, j) - Element(b, i, j));

    /// <summary>Each proper sub-expression, smallest first, with the point restricted to its inputs.</summary>
    public static IEnumerable<TensorGraphCase> Shrink(TensorGraphCase original)
    {
        var nodes = Graph.Nodes(original.Graph);
        return nodes.Take(nodes.Length - 1)
            .Where(n => n is ApplyNode)
            .OrderBy(Graph.NodeCount)
            .Select(g => original with
            {
                Graph = g,
                Point = Bindings.From(original.Point.Where(p => Graph.Inputs(g).Contains(p.Key))),
            })
            .ToList();
    }
}
