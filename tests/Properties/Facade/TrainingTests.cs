namespace FunctionalAD.Properties.Facade;

/// <summary>
/// Fitting y = w·x + b to noisy samples of y = 2x + 1. The tolerance comes from the noise: least squares
/// (solved here in closed form) estimates w and b with standard errors σ/√Sxx and σ·√(1/n + x̄²/Sxx), so
/// the fitted values must lie within four standard errors of the truth and within one of the least-squares
/// optimum that the loss defines.
/// </summary>
public class TrainingTests
{
    private const double Noise = 0.1;
    private static readonly Expr Model = Expr.Input("w") * Expr.Input("x") + Expr.Input("b");

    private static Bindings[] NoisyLine(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var x = random.NextDouble() * 4 - 2;
            // Box–Muller: a standard normal from two uniforms.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return Bindings.Of(("x", x), ("y", 2 * x + 1 + Noise * normal));
        })];
    }

    private static readonly Bindings[] Data = NoisyLine(200, seed: 11);

    private static (double W, double B, double SeW, double SeB) LeastSquares(Bindings[] rows)
    {
        var xs = rows.Select(r => r.Scalar("x")).ToArray();
        var ys = rows.Select(r => r.Scalar("y")).ToArray();
        double n = xs.Length, mx = xs.Average(), my = ys.Average();
        var sxx = xs.Sum(x => (x - mx) * (x - mx));
        var w = xs.Zip(ys, (x, y) => (x - mx) * (y - my)).Sum() / sxx;
        return (w, my - w * mx, Noise / Math.Sqrt(sxx), Noise * Math.Sqrt(1 / n + mx * mx / sxx));
    }

    private static Training Fit(Optimizer optimizer) =>
        Train.Model(Model).StartingFrom(("w", 0.0), ("b", 0.0)).On(Data, target: "y")
            .With(optimizer).InBatchesOf(20).ShuffledWithSeed(3).For(epochs: 150);

    public static TheoryData<string, Optimizer> Optimizers => new()
    {
        { "sgd", Optimizer.Sgd(0.05) },
        { "momentum", Optimizer.Momentum(0.005, beta: 0.9) },
        { "adam", Optimizer.Adam(0.01) },
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void FitsALineToWithinTheNoise(string name, Optimizer optimizer)
    {
        var result = Fit(optimizer).Run();
        var (w, b, seW, seB) = LeastSquares(Data);

        Assert.True(Math.Abs(w - 2) <= 4 * seW && Math.Abs(b - 1) <= 4 * seB, "the data set itself is an unlucky draw");
        var (fw, fb) = (result.Parameters["w"].ToScalar(), result.Parameters["b"].ToScalar());
        Assert.True(Math.Abs(fw - 2) <= 4 * seW, $"{name}: w = {fw}, truth 2, 4·se = {4 * seW}");
        Assert.True(Math.Abs(fb - 1) <= 4 * seB, $"{name}: b = {fb}, truth 1, 4·se = {4 * seB}");
        Assert.True(Math.Abs(fw - w) <= seW, $"{name}: w = {fw}, least squares {w}, se = {seW}");
        Assert.True(Math.Abs(fb - b) <= seB, $"{name}: b = {fb}, least squares {b}, se = {seB}");
        // The final loss is the noise variance, up to the fitting error.
        Assert.InRange(result.FinalLoss, 0.5 * Noise * Noise, 1.5 * Noise * Noise);
        Assert.True(result.FinalLoss < result.InitialLoss);
        Assert.Equal(150, result.Epochs);
        Assert.Equal(StopReason.Completed, result.StopReason);
    }

    [Fact]
    public void TheCallersValuesAreUnchanged()
    {
        var start = Bindings.Of(("w", 0.5), ("b", -0.5));
        var rows = NoisyLine(30, seed: 2);
        var rowsBefore = rows.ToArray();
        var training = Train.Model(Model).StartingFrom(start).On(rows, "y").For(5);
        var trainingBefore = training with { };

        var result = training.Run();

        Assert.Equal(Bindings.Of(("w", 0.5), ("b", -0.5)), start);
        Assert.Equal(rowsBefore, rows);
        Assert.Equal(trainingBefore, training);
        Assert.Equal(start, training.InitialParameters);
        Assert.NotEqual(start, result.Parameters);
        Assert.Equal("w * x + b", Model.ToString());
    }

    [Fact]
    public void TheSameSeedGivesTheSameHistory()
    {
        var first = Fit(Optimizer.Adam(0.05)).For(20).Run();
        var again = Fit(Optimizer.Adam(0.05)).For(20).Run();
        var otherSeed = Fit(Optimizer.Adam(0.05)).For(20).ShuffledWithSeed(4).Run();

        Assert.Equal(first.Losses.Select(BitConverter.DoubleToInt64Bits), again.Losses.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(first.Parameters, again.Parameters);
        Assert.NotEqual(first.Losses, otherSeed.Losses);
    }

    [Fact]
    public void WithoutShufflingTheOrderIsTheGivenOne()
    {
        var one = Fit(Optimizer.Sgd(0.05)).WithoutShuffling().For(3).Run();
        var two = Fit(Optimizer.Sgd(0.05)).WithoutShuffling().ShuffledWithSeed(9).WithoutShuffling().For(3).Run();
        Assert.Equal(one.Losses.Select(BitConverter.DoubleToInt64Bits), two.Losses.Select(BitConverter.DoubleToInt64Bits));
        Assert.Null(Fit(Optimizer.Sgd(0.05)).WithoutShuffling().ShuffleSeed);
    }

    [Fact]
    public void ProgressIsReportedAfterEachEpoch()
    {
        var reports = new List<TrainingProgress>();
        var result = Fit(Optimizer.Adam(0.05)).For(7).Run(new Recorder(reports));

        Assert.Equal(Enumerable.Range(1, 7), reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.Equal(7, r.Epochs));
        Assert.Equal(result.Losses, reports.Select(r => r.Loss));
    }

    [Fact]
    public void EarlyStoppingStopsWhenTheLossStopsImproving()
    {
        // No epoch can improve the loss by more than the initial loss itself: stop after exactly `patience` epochs.
        var impatient = Fit(Optimizer.Adam(0.05)).StopEarly(patience: 3, minImprovement: 1e6).Run();
        Assert.Equal(3, impatient.Epochs);
        Assert.Equal(StopReason.EarlyStopping, impatient.StopReason);

        // A converged fit stops long before 10,000 epochs, once five epochs in a row gain less than 1e-7.
        var converged = Fit(Optimizer.Adam(0.05)).For(10_000).StopEarly(patience: 5, minImprovement: 1e-7).Run();
        Assert.Equal(StopReason.EarlyStopping, converged.StopReason);
        Assert.InRange(converged.Epochs, 6, 9_999);
        var best = converged.Losses.Take(converged.Epochs - 5).Min();
        Assert.All(converged.Losses.Skip(converged.Epochs - 5), loss => Assert.True(loss >= best - 1e-7));
    }

    [Fact]
    public void ALearningRateFarTooLargeIsReportedAsDivergence()
    {
        var result = Fit(Optimizer.Sgd(100)).Run();
        Assert.Equal(StopReason.Diverged, result.StopReason);
        Assert.False(double.IsFinite(result.FinalLoss));
        Assert.True(result.Epochs < 100);
    }

    [Fact]
    public void EmptyDataIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Train.Model(Model).On([], "y"));
        Assert.Equal("rows", e.ParamName);
        Assert.Contains("no rows", e.Message);
    }

    [Fact]
    public void AnUnknownParameterIsNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => Train.Model(Model).StartingFrom(("w", 0.0), ("c", 0.0)));
        Assert.Contains("'c'", e.Message);
        Assert.Contains("b, w, x", e.Message);
    }

    [Fact]
    public void ARowWithoutADataInputOrTargetIsNamed()
    {
        var rows = new[] { Bindings.Of(("x", 1.0), ("y", 3.0)), Bindings.Of(("y", 3.0)) };
        var missingX = Assert.Throws<ArgumentException>(() => Train.Model(Model).StartingFrom(("w", 0.0), ("b", 0.0)).On(rows, "y").Run());
        Assert.Contains("Row 1", missingX.Message);
        Assert.Contains("'x'", missingX.Message);

        var missingTarget = Assert.Throws<ArgumentException>(() => Train.Model(Model).StartingFrom(("w", 0.0), ("b", 0.0)).On(rows, "z").Run());
        Assert.Contains("Row 0", missingTarget.Message);
        Assert.Contains("'z'", missingTarget.Message);
    }

    [Fact]
    public void OtherBadSettingsAreNamed()
    {
        var ready = Train.Model(Model).StartingFrom(("w", 0.0), ("b", 0.0));
        Assert.Contains("learning rate", Assert.ThrowsAny<ArgumentException>(() => ready.With(Optimizer.Sgd(0))).Message);
        Assert.Equal("size", Assert.ThrowsAny<ArgumentException>(() => ready.InBatchesOf(0)).ParamName);
        Assert.Equal("epochs", Assert.ThrowsAny<ArgumentException>(() => ready.For(-1)).ParamName);
        Assert.Equal("patience", Assert.ThrowsAny<ArgumentException>(() => ready.StopEarly(0)).ParamName);
        Assert.Equal("minImprovement", Assert.ThrowsAny<ArgumentException>(() => ready.StopEarly(1, -1)).ParamName);
        Assert.Contains("'x' is an input", Assert.Throws<ArgumentException>(() => ready.On(Data, "x").Run()).Message);
        Assert.Contains("StartingFrom", Assert.Throws<InvalidOperationException>(() => Train.Model(Model).On(Data, "y").Run()).Message);
        Assert.Contains("On(rows, target)", Assert.Throws<InvalidOperationException>(() => ready.Run()).Message);
    }

    [Fact]
    public void MeanAbsoluteErrorFitsTheLineToo()
    {
        // The least-absolute-deviations line of symmetric noise is also near the truth; the loss is the mean |residual|,
        // which for normal noise is σ·√(2/π) ≈ 0.08.
        var result = Fit(Optimizer.Adam(0.01)).Minimizing(Loss.MeanAbsoluteError).Run();
        var (_, _, seW, seB) = LeastSquares(Data);
        Assert.True(Math.Abs(result.Parameters["w"].ToScalar() - 2) <= 6 * seW, $"w = {result.Parameters["w"]}");
        Assert.True(Math.Abs(result.Parameters["b"].ToScalar() - 1) <= 6 * seB, $"b = {result.Parameters["b"]}");
        Assert.InRange(result.FinalLoss, 0.5 * Noise * Math.Sqrt(2 / Math.PI), 1.5 * Noise * Math.Sqrt(2 / Math.PI));
    }

    [Fact]
    public void ACustomLossIsAveragedOverTheBatch()
    {
        // Half the squared error: the same minimiser as MSE, and exactly half its loss at the start (w = b = 0).
        var half = Loss.Of("half squared error", (p, t) => 0.5 * Expr.Pow(p - t, 2.0));
        var withHalf = Fit(Optimizer.Sgd(0.05)).Minimizing(half).For(1).Run();
        var withMse = Fit(Optimizer.Sgd(0.05)).For(1).Run();
        Assert.Equal(withMse.InitialLoss / 2, withHalf.InitialLoss, 12);
        var expected = Data.Average(r => r["y"] * r["y"]) / 2;
        Assert.Equal(expected, withHalf.InitialLoss, 12);
        Assert.Equal("half squared error", half.ToString());

        var broken = Loss.Of("broken", (_, _) => null!);
        Assert.Contains("'broken' returned null", Assert.Throws<InvalidOperationException>(() => Fit(Optimizer.Sgd(0.05)).Minimizing(broken).Run()).Message);
        Assert.Throws<ArgumentException>(() => Loss.Of(" ", (p, _) => p));
    }

    private sealed class Recorder(List<TrainingProgress> reports) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => reports.Add(value);
    }
}
