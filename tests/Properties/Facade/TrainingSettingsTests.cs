namespace FunctionalAD.Properties.Facade;

/// <summary>
/// One <see cref="Training"/> describes both kinds of model — a graph fitted on rows and a network fitted on tensors —
/// with the same settings: the same defaults, and the same refusal (type, argument, message) of a bad one.
/// </summary>
public class TrainingSettingsTests
{
    private static readonly Training Expression = Train.Model(Expr.Input("w") * Expr.Input("x"));
    private static readonly Training Network = Model.Linear(2).Train(new double[,] { { 1, 2 } }, new double[] { 3 });

    [Fact]
    public void Both_start_from_the_documented_defaults()
    {
        foreach (var (loss, optimizer, batch, seed, epochs, patience, improvement) in new[]
        {
            (Expression.Loss, Expression.Optimizer, Expression.BatchSize, Expression.ShuffleSeed, Expression.Epochs, Expression.Patience, Expression.MinImprovement),
            (Network.Loss, Network.Optimizer, Network.BatchSize, Network.ShuffleSeed, Network.Epochs, Network.Patience, Network.MinImprovement),
        })
        {
            // The defaults the documentation states: mean squared error, Adam(0.01), 32, seed 0, 100, none.
            Assert.Same(Loss.MeanSquaredError, loss);
            Assert.Equal(Optimizer.Adam(learningRate: 0.01), optimizer);
            Assert.Equal(32, batch);
            Assert.Equal(0, seed);
            Assert.Equal(100, epochs);
            Assert.Null(patience);
            Assert.Equal(0, improvement);
        }
    }

    [Fact]
    public void Both_keep_what_they_are_given()
    {
        var sgd = Optimizer.Sgd(learningRate: 0.5);
        var e = Expression.Minimizing(Loss.MeanAbsoluteError).With(sgd).InBatchesOf(7).ShuffledWithSeed(3).For(9).StopEarly(4, 0.25);
        var n = Network.Minimizing(Loss.MeanAbsoluteError).With(sgd).InBatchesOf(7).ShuffledWithSeed(3).For(9).StopEarly(4, 0.25);
        Assert.Equal((Loss.MeanAbsoluteError, sgd, 7, (int?)3, 9, (int?)4, 0.25), (e.Loss, e.Optimizer, e.BatchSize, e.ShuffleSeed, e.Epochs, e.Patience, e.MinImprovement));
        Assert.Equal((Loss.MeanAbsoluteError, sgd, 7, (int?)3, 9, (int?)4, 0.25), (n.Loss, n.Optimizer, n.BatchSize, n.ShuffleSeed, n.Epochs, n.Patience, n.MinImprovement));
        Assert.Null(e.WithoutShuffling().ShuffleSeed);
        Assert.Null(n.WithoutShuffling().ShuffleSeed);
        // The description given is left as it was.
        Assert.Equal(32, Expression.BatchSize);
        Assert.Equal(32, Network.BatchSize);
    }

    public static TheoryData<string> BadSettings() =>
        ["Minimizing(null)", "With(null)", "InBatchesOf(0)", "For(-1)", "StopEarly(0)", "StopEarly(1, -1)", "StopEarly(1, NaN)", "StopEarly(1, ∞)"];

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Both_refuse_a_bad_setting_alike(string setting)
    {
        var onExpression = Refusal(setting, Expression.Minimizing, Expression.With, Expression.InBatchesOf, Expression.For, Expression.StopEarly);
        var onNetwork = Refusal(setting, Network.Minimizing, Network.With, Network.InBatchesOf, Network.For, Network.StopEarly);
        Assert.Equal(onExpression.GetType(), onNetwork.GetType());
        Assert.Equal(onExpression.ParamName, onNetwork.ParamName);
        Assert.False(string.IsNullOrEmpty(onExpression.ParamName), $"{setting}: no parameter name");
        Assert.Equal(onExpression.Message, onNetwork.Message);
    }

    private static ArgumentException Refusal<T>(
        string setting, Func<Loss, T> minimizing, Func<Optimizer, T> with, Func<int, T> inBatchesOf, Func<int, T> @for, Func<int, double, T> stopEarly) =>
        Assert.ThrowsAny<ArgumentException>(() => setting switch
        {
            "Minimizing(null)" => minimizing(null!),
            "With(null)" => with(null!),
            "InBatchesOf(0)" => inBatchesOf(0),
            "For(-1)" => @for(-1),
            "StopEarly(0)" => stopEarly(0, 0),
            "StopEarly(1, -1)" => stopEarly(1, -1),
            "StopEarly(1, NaN)" => stopEarly(1, double.NaN),
            "StopEarly(1, ∞)" => stopEarly(1, double.PositiveInfinity),
            _ => throw new InvalidOperationException($"No such setting: {setting}"),
        });
}
