namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Arithmetic on <see cref="Tensor"/> values: the same numbers, bit for bit, as the graph's elementwise primitives
/// give for the same shapes (so a value computed outside a graph agrees with one inside it), broadcasting by the same
/// rule, and the same error naming both shapes.
/// </summary>
public sealed class TensorArithmeticTests
{
    private static readonly Shape[] Shapes =
        [Shape.Scalar, Shape.Vector(3), Shape.Matrix(2, 3), Shape.Matrix(2, 1), Shape.Matrix(1, 3), Shape.Matrix(1, 1)];

    private static Tensor Draw(Shape shape, Random random) => Tensor.Create(shape, (_, _) => Math.Round(random.NextDouble() * 8 - 4, 3) + 0.125);

    public static TheoryData<int, int> Pairs()
    {
        var pairs = new TheoryData<int, int>();
        for (var a = 0; a < Shapes.Length; a++)
        for (var b = 0; b < Shapes.Length; b++)
            pairs.Add(a, b);
        return pairs;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void EachOperatorGivesWhatTheGraphGivesForEveryBroadcastingPair(int first, int second)
    {
        var random = new Random(first * 31 + second);
        Tensor x = Draw(Shapes[first], random), y = Draw(Shapes[second], random);
        Expr a = Expr.Constant(x), b = Expr.Constant(y);
        var operations = new (string Name, Func<Tensor, Tensor, Tensor> Values, Func<Expr, Expr, Expr> Graph)[]
        {
            ("+", (p, q) => p + q, (p, q) => p + q),
            ("−", (p, q) => p - q, (p, q) => p - q),
            ("*", (p, q) => p * q, (p, q) => p * q),
            ("/", (p, q) => p / q, (p, q) => p / q),
        };
        foreach (var (name, values, graph) in operations)
        {
            Expr node;
            try
            {
                node = graph(a, b);
            }
            catch (ShapeMismatchException)
            {
                var error = Assert.Throws<ShapeMismatchException>(() => values(x, y));
                Assert.Contains($"cannot broadcast {x.Shape} with {y.Shape}", error.Message);
                continue;
            }
            Assert.Equal(Graph.Evaluate(node, Bindings.Empty), values(x, y));
        }
    }

    [Fact]
    public void NumbersMixWithTensorsOnEitherSide()
    {
        var v = Tensor.Vector(1, -2, 4);
        Assert.Equal(Tensor.Vector(2, -4, 8), 2 * v);
        Assert.Equal(Tensor.Vector(0.5, -1, 2), v * 0.5);
        Assert.Equal(Tensor.Vector(2, -1, 5), v + 1);
        Assert.Equal(Tensor.Vector(0, 3, -3), 1 - v);
        Assert.Equal(Tensor.Vector(4, -2, 1), 4.0 / v);
        Assert.Equal(Tensor.Vector(-1, 2, -4), -v);
        // An update step with no detour through MathNet.
        var w = Tensor.Matrix(new[,] { { 1.0, 2 }, { 3, 4 } });
        var g = Tensor.Matrix(new[,] { { 10.0, 0 }, { -10, 20 } });
        Assert.Equal(Tensor.Matrix(new[,] { { 0.0, 2 }, { 4, 2 } }), w - 0.1 * g);
    }

    [Fact]
    public void NegationKeepsTheSignOfZeroAndMapAppliesAFunction()
    {
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits((-Tensor.Scalar(0)).ToScalar()));
        Assert.Equal(Tensor.Vector(-0.0, 1), -Tensor.Vector(0, -1));
        Assert.Equal(Tensor.Vector(1, 4, 9), Tensor.Vector(-1, 2, -3).Map(t => t * t));
        Assert.Equal(Tensor.Matrix(new[,] { { 1.0, 2 }, { 2, 2 } }),
            Tensor.Map(Tensor.Matrix(new[,] { { 1.0, 5 }, { 3, 9 } }), Tensor.Vector(2, 2), Math.Min));
        var error = Assert.Throws<ShapeMismatchException>(() => Tensor.Vector(1, 2) + Tensor.Vector(1, 2, 3));
        Assert.Equal("Tensor +: cannot broadcast 2 with 3 (axis 0 of the result: 2 against 3).", error.Message);
    }
}

/// <summary>Tensors from and to spans, in row-major order, as <see cref="Tensor.ToArray"/> gives.</summary>
public sealed class TensorSpanTests
{
    [Fact]
    public void ATensorGoesToASpanAndBackInRowMajorOrder()
    {
        var m = Tensor.Matrix(new[,] { { 1.0, 2, 3 }, { 4, 5, 6 } });
        Span<double> buffer = stackalloc double[8];
        m.CopyTo(buffer);
        Assert.Equal(m.ToArray(), buffer[..6].ToArray());
        Assert.Equal(m, Tensor.Of(buffer[..6], m.Shape));
        Assert.Equal(Tensor.Vector(1, 2), Tensor.Of([1.0, 2.0], Shape.Vector(2)));
        Assert.Equal(Tensor.Scalar(7), Tensor.Of([7.0], Shape.Scalar));
        Assert.Equal("A tensor of shape 2×3 has 6 elements, not 5.",
            Assert.Throws<ArgumentException>(() => Tensor.Of(new double[5], m.Shape)).Message.Split(" (Parameter")[0]);
        Assert.Equal("The destination holds 2 elements; the tensor of shape 2×3 has 6.",
            Assert.Throws<ArgumentException>(() => m.CopyTo(new double[2])).Message.Split(" (Parameter")[0]);
    }
}
