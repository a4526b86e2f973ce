namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// Large managed products are split over threads by columns of the result (<see cref="Threads"/>), and give the bits one
/// thread gives: each product equals, bit for bit, the same product computed in slices of columns small enough to run on
/// one thread, on each of the kernels' paths.
/// </summary>
public sealed class ParallelProductTests
{
    public static TheoryData<bool, int, int, int, int> Paths => new()
    {
        // transpose A, m, n, k, columns per slice
        { false, 128, 256, 784, 32 },   // long inner dimension: dot products of A's rows (W3's X·W1)
        { true, 784, 256, 128, 32 },    // Aᵀ·B: dot products of columns (W3's Xᵀ·dH)
        { false, 2048, 16, 256, 2 },    // multiply-adds of A's columns
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void AProductSplitOverThreadsHasTheBitsOfOneThread(bool transposeA, int m, int n, int k, int slice)
    {
        Assert.True((long)m * slice * k < 1 << 22, "each slice must be small enough to run on one thread");
        var random = new Random(m + n + k);
        var a = Enumerable.Range(0, m * k).Select(_ => random.NextDouble() - 0.5).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var lda = transposeA ? k : m;
        var whole = new double[m * n];
        ManagedProducts.Instance.Gemm(transposeA, false, m, n, k, a, lda, b, k, 0, whole);
        for (var first = 0; first < n; first += slice)
        {
            var part = new double[m * slice];
            ManagedProducts.Instance.Gemm(transposeA, false, m, slice, k, a, lda, b[(first * k)..((first + slice) * k)], k, 0, part);
            Assert.Equal(part, whole[(first * m)..((first + slice) * m)]);
        }
    }

    [Theory]
    [InlineData(null, -1)]
    [InlineData("", -1)]
    [InlineData(" auto ", -1)]
    [InlineData("1", 1)]
    [InlineData("3", 3)]
    public void TheSettingIsReadAsACountOrEveryCore(string? value, int expected) =>
        Assert.Equal(expected < 0 ? Environment.ProcessorCount : expected, Threads.Parse(value));

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("two")]
    public void AnInvalidSettingIsNamed(string value) =>
        Assert.Equal($"FUNCTIONALAD_THREADS='{value}' is not a setting: use auto (every core, the default) or a positive count of threads.",
            Assert.Throws<InvalidOperationException>(() => Threads.Parse(value)).Message);
}
