using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// The matrix-product backends (managed SIMD kernels, MathNet, and the native BLAS when one loads) against a plain
/// triple loop written here, and against each other: every product to 1e-12 of Σ|aₗ||bₗ| for its element, for random
/// shapes with every dimension from 1 (1×n, n×1) and every transpose the tensor rules use.
/// </summary>
public class LinearAlgebraProperties
{
    /// <summary>The native BLAS that <c>FUNCTIONALAD_BLAS=native</c> takes on this machine, or null when there is none.</summary>
    internal static MatrixProducts? Native()
    {
        try
        {
            return LinearAlgebra.Choose("native").Products;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static IEnumerable<MatrixProducts> Backends() =>
        Native() is { } native ? [ManagedProducts.Instance, MathNetProducts.Instance, native] : [ManagedProducts.Instance, MathNetProducts.Instance];

    /// <summary>A product case: shapes m, n, k (small, or large enough to take the blocked and dot-product paths), transposes, beta.</summary>
    private static Arbitrary<(int M, int N, int K, bool TA, bool TB, double Beta, int Seed)> Products() =>
        Arb.From(Gen.Choose(0, int.MaxValue - 1).Select(seed =>
        {
            var random = new Random(seed);
            int Dimension() => random.Next(4) switch { 0 => 1, 1 => random.Next(1, 6), 2 => random.Next(6, 40), _ => random.Next(30, 90) };
            return (Dimension(), Dimension(), Dimension(), random.Next(2) == 1, random.Next(2) == 1, random.Next(3) == 0 ? 1.0 : 0.0, seed);
        }));

    private static double[] Fill(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => 4 * random.NextDouble() - 2)];

    [Fact]
    public void EveryBackendComputesGemmLikeATripleLoop() =>
        Cases.Check(Prop.ForAll(Products(), p =>
        {
            var random = new Random(p.Seed);
            var (a, b, c0) = (Fill(random, p.M * p.K), Fill(random, p.K * p.N), Fill(random, p.M * p.N));
            int lda = p.TA ? p.K : p.M, ldb = p.TB ? p.N : p.K;
            double A(int i, int l) => p.TA ? a[i * lda + l] : a[l * lda + i];
            double B(int l, int j) => p.TB ? b[l * ldb + j] : b[j * ldb + l];
            var results = new List<(string Name, double[] C)>();
            foreach (var backend in Backends())
            {
                var c = (double[])c0.Clone();
                var (aCopy, bCopy) = ((double[])a.Clone(), (double[])b.Clone());
                backend.Gemm(p.TA, p.TB, p.M, p.N, p.K, a, lda, b, ldb, p.Beta, c);
                GradientChecks.Require(a.SequenceEqual(aCopy) && b.SequenceEqual(bCopy), () => $"{backend.Description} wrote into an operand");
                results.Add((backend.Description, c));
            }
            for (var i = 0; i < p.M; i++)
            for (var j = 0; j < p.N; j++)
            {
                double sum = p.Beta * c0[j * p.M + i], scale = Math.Abs(p.Beta * c0[j * p.M + i]);
                for (var l = 0; l < p.K; l++) { sum += A(i, l) * B(l, j); scale += Math.Abs(A(i, l) * B(l, j)); }
                foreach (var (name, c) in results)
                    GradientChecks.Close(c[j * p.M + i], sum, 1e-12 * scale, $"C({i}, {j}) of {name} for {p}");
                GradientChecks.Close(results[^1].C[j * p.M + i], results[0].C[j * p.M + i], 1e-12 * scale, $"C({i}, {j}): {results[^1].Name} against {results[0].Name} for {p}");
            }
        }), Cases.Count(300));

    [Fact]
    public void EveryBackendComputesGemvLikeALoop() =>
        Cases.Check(Prop.ForAll(Products(), p =>
        {
            var random = new Random(p.Seed);
            int rows = p.M, columns = p.K;
            var a = Fill(random, rows * columns);
            var x = Fill(random, p.TA ? rows : columns);
            var y0 = Fill(random, p.TA ? columns : rows);
            foreach (var backend in Backends())
            {
                var y = (double[])y0.Clone();
                backend.Gemv(p.TA, rows, columns, a, x, p.Beta, y);
                for (var i = 0; i < y.Length; i++)
                {
                    double sum = p.Beta * y0[i], scale = Math.Abs(sum);
                    for (var l = 0; l < x.Length; l++)
                    {
                        var term = (p.TA ? a[i * rows + l] : a[l * rows + i]) * x[l];
                        sum += term;
                        scale += Math.Abs(term);
                    }
                    GradientChecks.Close(y[i], sum, 1e-12 * scale, $"y[{i}] of {backend.Description}, transposed: {p.TA}, {rows}×{columns}");
                }
            }
        }), Cases.Count(300));

    [Fact]
    public void MatMulValuesJvpsAndVjpsAgreeAcrossBackends() =>
        Cases.Check(Prop.ForAll(Products(), p =>
        {
            var random = new Random(p.Seed);
            var vector = p.TB; // reuse the flag: half the cases multiply by a vector
            var (aShape, bShape) = (Shape.Matrix(p.M, p.K), vector ? Shape.Vector(p.K) : Shape.Matrix(p.K, p.N));
            Tensor Draw(Shape s) => Tensor.Create(s, (_, _) => 4 * random.NextDouble() - 2);
            var (a, b) = (Expr.Input("A", aShape), Expr.Input("B", bShape));
            var product = Expr.MatMul(a, b);
            var weights = Draw(product.Shape);
            var loss = Expr.Sum(product * Expr.Constant(weights));
            var at = Bindings.Of(("A", Draw(aShape)), ("B", Draw(bShape)));
            var direction = Bindings.Of(("A", Draw(aShape)), ("B", Draw(bShape)));
            var runs = Backends().Select(backend =>
            {
                using var _ = LinearAlgebra.UseOnThisThread(backend);
                var g = Reverse.Grad(loss, at);
                return (backend.Description, Value: Graph.Evaluate(product, at), Tangent: Forward.Jvp(product, at, direction).Tangent, GA: g["A"], GB: g["B"]);
            }).ToList();
            foreach (var run in runs.Skip(1))
            {
                foreach (var (what, x, y) in new[] { ("value", run.Value, runs[0].Value), ("tangent", run.Tangent, runs[0].Tangent), ("∂/∂A", run.GA, runs[0].GA), ("∂/∂B", run.GB, runs[0].GB) })
                {
                    var (xs, ys) = (x.ToArray(), y.ToArray());
                    var scale = 1e-12 * (1 + ys.Max(Math.Abs)) * (p.M + p.N + p.K);
                    for (var i = 0; i < xs.Length; i++)
                        GradientChecks.Close(xs[i], ys[i], scale, $"{what}[{i}] of {run.Description} against {runs[0].Description}, A {aShape}, B {bShape}");
                }
            }
        }), Cases.Count(200));

    [Fact]
    public void ProductsAreNewArraysAndLeaveTheirInputsAlone()
    {
        var random = new Random(7);
        var a = Tensor.Create(Shape.Matrix(40, 50), (_, _) => random.NextDouble());
        var b = Tensor.Create(Shape.Matrix(50, 35), (_, _) => random.NextDouble());
        var (aCopy, bCopy) = (a.ToArray(), b.ToArray());
        foreach (var backend in Backends())
        {
            using var _ = LinearAlgebra.UseOnThisThread(backend);
            var c = MatMulOperation.Instance.Value(a, b);
            var (ga, gb) = MatMulOperation.Instance.Vjp(a, b, c)(c, true, true);
            foreach (var result in new[] { c, ga!.Value, gb!.Value })
            {
                Assert.False(ReferenceEquals(result.Storage, a.Storage), backend.Description);
                Assert.False(ReferenceEquals(result.Storage, b.Storage), backend.Description);
            }
            Assert.False(ReferenceEquals(ga.Value.Storage, c.Storage) || ReferenceEquals(gb.Value.Storage, c.Storage), backend.Description);
            Assert.Equal(aCopy, a.ToArray());
            Assert.Equal(bCopy, b.ToArray());
        }
    }
}
