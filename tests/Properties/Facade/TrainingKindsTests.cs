namespace FunctionalAD.Properties.Facade;

/// <summary>
/// What one <see cref="Training"/> does with the two kinds of model: held-out rows for a graph model as for a network,
/// and a clear error, naming the call to use instead, for a setting that only fits the other kind.
/// </summary>
public class TrainingKindsTests
{
    private static readonly Expr Line = Expr.Input("w") * Expr.Input("x") + Expr.Input("b");

    private static Bindings[] Points(int count, double from) =>
        [.. Enumerable.Range(0, count).Select(i => from + i / 7.0).Select(x => Bindings.Of(("x", x), ("y", 2 * x + 1 + 0.3 * Math.Sin(5 * x))))];

    private static Training Graph() =>
        Train.Model(Line).StartingFrom(("w", 0.0), ("b", 0.0)).On(Points(20, -1), "y").With(Optimizer.Adam(0.05)).InBatchesOf(5).For(epochs: 8);

    private static Training Network() => Model.Linear(2).Train(new double[,] { { 1, 2 }, { 3, 4 } }, new double[] { 1, 2 });

    [Fact]
    public void A_graph_model_reports_the_mean_loss_of_its_held_out_rows_and_trains_the_same()
    {
        var heldOut = Points(9, 2);
        var reports = new List<TrainingProgress>();
        var validated = Graph().ValidatingOn(heldOut).Run(new Synchronous(reports.Add));
        var plain = Graph().Run();

        double ByHand(Bindings parameters, Bindings[] rows)
        {
            var (w, b) = (parameters["w"].ToScalar(), parameters["b"].ToScalar());
            return rows.Average(r => Math.Pow(w * r["x"] + b - r["y"], 2));
        }
        Assert.Equal(ByHand(validated.Parameters, heldOut), validated.FinalValidationLoss!.Value, 12);
        Assert.Equal(ByHand(Bindings.Of(("w", 0.0), ("b", 0.0)), heldOut), validated.InitialValidationLoss!.Value, 12);
        Assert.Equal(validated.ValidationLosses, reports.Select(r => r.ValidationLoss!.Value));
        Assert.Equal(8, validated.ValidationLosses.Length);
        Assert.NotEqual(validated.FinalLoss, validated.FinalValidationLoss.Value);
        Assert.Equal(plain.Losses.Select(BitConverter.DoubleToInt64Bits), validated.Losses.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(plain.Parameters, validated.Parameters);
        Assert.Empty(plain.ValidationLosses);
        Assert.Null(plain.FinalValidationLoss);
    }

    [Fact]
    public void A_held_out_row_without_the_target_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => Graph().ValidatingOn([Bindings.Of(("x", 1.0))]).Run());
        Assert.Contains("Row 0 of the held-out data has no value for the target 'y'", error.Message);
        Assert.Contains("no rows", Assert.Throws<ArgumentException>(() => Graph().ValidatingOn([])).Message);
    }

    [Fact]
    public void Rows_of_bindings_are_refused_for_a_network_naming_the_call_to_use()
    {
        var on = Assert.Throws<InvalidOperationException>(() => Network().On(Points(3, 0), "y"));
        Assert.Contains("On(rows, target)", on.Message);
        Assert.Contains("use On(features, targets)", on.Message);
        var held = Assert.Throws<InvalidOperationException>(() => Network().ValidatingOn(Points(3, 0)));
        Assert.Contains("ValidatingOn(rows) gives rows", held.Message);
        Assert.Contains("use ValidatingOn(features, targets)", held.Message);
    }

    [Fact]
    public void A_features_matrix_is_refused_for_a_graph_model_naming_the_call_to_use()
    {
        var on = Assert.Throws<InvalidOperationException>(() => Graph().On(new double[,] { { 1 } }, new double[] { 2 }));
        Assert.Contains("On(features, targets)", on.Message);
        Assert.Contains("use On(rows, target)", on.Message);
        Assert.Contains("w * x + b", on.Message);
        Assert.Throws<InvalidOperationException>(() => Graph().On(Tensor.Matrix(new double[,] { { 1 } }), [0]));
        var held = Assert.Throws<InvalidOperationException>(() => Graph().ValidatingOn(Tensor.Matrix(new double[,] { { 1 } }), Tensor.Vector(2)));
        Assert.Contains("use ValidatingOn(rows)", held.Message);
    }

    [Fact]
    public void A_graph_model_takes_scalar_parameters_only()
    {
        var error = Assert.Throws<ArgumentException>(() => Train.Model(Line).StartingFrom(Bindings.Of(("w", Tensor.Vector(1, 2)))));
        Assert.Contains("'w' has shape 2", error.Message);
        Assert.Contains("scalar parameters", error.Message);
        Assert.Equal("parameters", error.ParamName);
        Assert.Equal(Bindings.Empty, Train.Model(Line).InitialParameters);
        Assert.Equal(Line, Train.Model(Line).Graph);
        Assert.Null(Train.Model(Line).Model);
    }

    [Fact]
    public void A_network_starts_from_its_seed_zero_parameters_and_names_what_it_is()
    {
        var network = Network();
        Assert.Equal(Model.Linear(2).Initialize(0), network.InitialParameters);
        Assert.Equal("Dense(2 → 1)", network.Model!.ToString());
        Assert.Null(network.Graph);
        Assert.Contains("no 'W1'", Assert.Throws<ArgumentException>(() => network.StartingFrom(("w", 0.0))).Message);
    }

    [Fact]
    public void The_result_of_a_graph_model_has_no_network_to_score()
    {
        var fit = Graph().For(1).Run();
        Assert.Null(fit.Model);
        var features = Tensor.Matrix(new double[,] { { 1 } });
        foreach (var score in new Action[] { () => fit.Predict(features), () => fit.Classify(features), () => fit.Accuracy(features, [0]), () => fit.RSquared(features, Tensor.Vector(1)) })
            Assert.Contains("Graph.Evaluate", Assert.Throws<InvalidOperationException>(score).Message);
        Assert.NotNull(Network().Run().Model);
    }

    private sealed class Synchronous(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
