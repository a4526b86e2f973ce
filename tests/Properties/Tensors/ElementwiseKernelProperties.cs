using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// The vectorised elementwise kernels against the scalar rules they restate, element by element, on tensors holding
/// ordinary numbers and the special ones (±0, ±∞, NaN, |x| ≥ 20, tiny): + − × ÷ and negation bit for bit, with the same
/// strong zeros in their pullbacks, and log and tanh bit for bit; exp within 2 ulps, and exactly where the scalar rule
/// gives 0, ±1, ±∞ or NaN; every pullback bit for bit, since it multiplies the same partials (sums over a broadcast
/// dimension to rounding), and every JVP bit for bit.
/// </summary>
public class ElementwiseKernelProperties
{
    private static readonly double[] Specials = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 25, -25, 1e-300, 1, -1, 700, -700, -740];

    private static readonly Primitive[] Covered =
    [
        Primitives.Add, Primitives.Subtract, Primitives.Multiply, Primitives.Divide,
        Primitives.Negate, Primitives.Exp, Primitives.Log, Primitives.Tanh, Primitives.Relu,
    ];

    /// <summary>A covered primitive, shapes a kernel takes (equal, scalar either side, a row or a column broadcast), and a seed.</summary>
    private static Arbitrary<(Primitive P, int Rows, int Columns, int Broadcast, int Seed)> Cases_() =>
        Arb.From(Gen.Choose(0, int.MaxValue - 1).Select(seed =>
        {
            var random = new Random(seed);
            return (Covered[random.Next(Covered.Length)], random.Next(1, 7), random.Next(1, 7), random.Next(5), seed);
        }));

    private static double Draw(Random random) =>
        random.Next(4) == 0 ? Specials[random.Next(Specials.Length)] : 6 * random.NextDouble() - 3;

    [Fact]
    public void KernelsAgreeWithTheScalarRules() =>
        Cases.Check(Prop.ForAll(Cases_(), c =>
        {
            var random = new Random(c.Seed);
            var shape = Shape.Matrix(c.Rows, c.Columns);
            var (xShape, yShape) = c.P.Arity == 1 ? (shape, Shape.Scalar) : c.Broadcast switch
            {
                0 => (shape, shape),
                1 => (shape, Shape.Scalar),
                2 => (Shape.Scalar, shape),
                3 => (shape, Shape.Vector(c.Columns)),
                _ => (shape, Shape.Matrix(c.Rows, 1)),
            };
            Tensor Fill(Shape s) => s.IsScalar ? Draw(random) : Tensor.Create(s, (_, _) => Draw(random));
            var (x, y, cotangent) = (Fill(xShape), Fill(yShape), Fill(shape));
            double X(int i, int j) => x.At(PaddedIndex(xShape, i, j));
            double Y(int i, int j) => y.At(PaddedIndex(yShape, i, j));

            var z = Elementwise.Value((ElementwisePrimitive)c.P, x, y, shape);
            var exact = c.P == Primitives.Exp ? 2 : 0;
            for (var i = 0; i < c.Rows; i++)
            for (var j = 0; j < c.Columns; j++)
            {
                var expected = c.P.Value(X(i, j), Y(i, j));
                var actual = z[i, j];
                GradientChecks.Require(Ulps(actual, expected) <= (IsSpecial(expected) ? 0 : exact),
                    () => $"{c.P}({X(i, j):R}, {Y(i, j):R}) = {actual:R}, the scalar rule gives {expected:R}");
            }

            // The JVP along tangents of the arguments' shapes (one of them missing in a third of the cases), element by element.
            var (dx, dy) = (Fill(xShape), Fill(yShape));
            Tensor? tx = random.Next(6) == 0 ? null : dx, ty = c.P.Arity == 1 || random.Next(6) == 0 ? null : dy;
            if (tx is null && ty is null) tx = dx;
            var tangent = Elementwise.Jvp((ElementwisePrimitive)c.P, x, y, z, tx, ty);
            for (var i = 0; i < c.Rows; i++)
            for (var j = 0; j < c.Columns; j++)
            {
                double a = tx?.At(PaddedIndex(xShape, i, j)) ?? 0, b = ty?.At(PaddedIndex(yShape, i, j)) ?? 0;
                var expected = a == 0 && b == 0 ? 0 : c.P.Jvp(X(i, j), Y(i, j), z[i, j], a, b);
                GradientChecks.Require(BitConverter.DoubleToInt64Bits(tangent[i, j]) == BitConverter.DoubleToInt64Bits(expected),
                    () => $"JVP of {c.P} at ({i}, {j}): {tangent[i, j]:R}, the scalar rule gives {expected:R}");
            }

            var (gx, gy) = Elementwise.Vjp((ElementwisePrimitive)c.P, x, y, z, cotangent, true, true);
            var (sx, sy) = (new double[xShape.Count], new double[yShape.Count]);
            var (ax, ay) = (new double[xShape.Count], new double[yShape.Count]); // Σ |term|: how far reordering a sum may move it
            for (var j = 0; j < c.Columns; j++)
            for (var i = 0; i < c.Rows; i++)
            {
                var ct = cotangent[i, j];
                if (ct == 0) continue;
                var (px, py) = c.P.Vjp(X(i, j), Y(i, j), z[i, j])(ct);
                // A broadcast argument sums its terms from +0, as the rules do; any other takes its one term as it is (−0 stays −0).
                var (ix, iy) = (PaddedIndex(xShape, i, j), PaddedIndex(yShape, i, j));
                sx[ix] = xShape == shape ? px : sx[ix] + px;
                sy[iy] = yShape == shape ? py : sy[iy] + py;
                ax[ix] += Math.Abs(px);
                ay[iy] += Math.Abs(py);
            }
            // Sums over broadcast dimensions may be added in another order: each of two orders of n additions is within
            // n·u·Σ|term| of the exact sum (u the unit roundoff), so they are within twice that of each other; the rest bit for bit.
            Compare("∂/∂x", gx, sx, ax, xShape != shape);
            if (c.P.Arity == 2) Compare("∂/∂y", gy, sy, ay, yShape != shape);

            void Compare(string what, Tensor? actual, double[] expected, double[] magnitude, bool summed)
            {
                for (var k = 0; k < expected.Length; k++)
                {
                    var a = actual?.At(k) ?? 0;
                    var same = summed
                        ? a.Equals(expected[k]) || (double.IsFinite(magnitude[k]) && Math.Abs(a - expected[k]) <= 2 * shape.Count * Unit * magnitude[k])
                        : BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(expected[k]);
                    GradientChecks.Require(same, () => $"{what} of {c.P} at element {k}: {a:R}, the scalar rules give {expected[k]:R} (x {x}, y {y}, cotangent {cotangent})");
                }
            }
        }), Cases.Count());

    private const double Unit = 1.1102230246251565e-16; // 2⁻⁵³

    private static bool IsSpecial(double v) => !double.IsFinite(v) || v == 0 || Math.Abs(v) == 1;

    /// <summary>Units in the last place between two doubles; NaN against NaN is 0, a NaN against a number is large.</summary>
    private static long Ulps(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return double.IsNaN(a) && double.IsNaN(b) ? 0 : long.MaxValue;
        if (a == b) return BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b) ? 0 : long.MaxValue; // +0 against −0 counts
        long Ordered(double v) { var bits = BitConverter.DoubleToInt64Bits(v); return bits < 0 ? long.MinValue - bits : bits; }
        return Math.Abs(Ordered(a) - Ordered(b));
    }

    /// <summary>Storage index in a tensor of rank ≤ 2 of element (i, j) of a broadcast result: the matrix view, stated independently of the rules.</summary>
    private static int PaddedIndex(Shape shape, int i, int j)
    {
        int rows = shape.Rank == 2 ? shape[0] : 1, columns = shape.Rank == 0 ? 1 : shape[shape.Rank - 1];
        return (columns == 1 ? 0 : j) * rows + (rows == 1 ? 0 : i);
    }
}
