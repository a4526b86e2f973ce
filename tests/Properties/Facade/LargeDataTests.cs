namespace FunctionalAD.Properties.Facade;

/// <summary>
/// More rows than <see cref="Model.EvaluationRows"/>: the loss over all rows and the predictions are computed a chunk
/// at a time, so that their memory does not grow with the rows, and they equal the whole computation in one graph.
/// </summary>
public class LargeDataTests
{
    private const int Rows = Model.EvaluationRows * 2 + 123;

    private static (Tensor Features, Tensor Targets) Data()
    {
        var random = new Random(11);
        var features = Tensor.Create(Shape.Matrix(Rows, 3), (_, _) => random.NextDouble() * 2 - 1);
        var targets = Tensor.Create(Shape.Matrix(Rows, 1), (row, _) => features[row, 0] - 2 * features[row, 2]);
        return (features, targets);
    }

    [Fact]
    public void The_loss_over_all_rows_equals_the_loss_of_one_whole_graph()
    {
        var (features, targets) = Data();
        var model = Model.Perceptron(3, [8], 1, Activation.Tanh);
        var fit = model.Train(features, targets).Minimizing(Loss.MeanSquaredError).For(epochs: 1).Run();

        double Whole(Bindings parameters) => Graph.Evaluate(
            Loss.MeanSquaredError.ForBatch(model.Graph(Rows), Expr.Input("t", Shape.Matrix(Rows, 1))),
            parameters.With(Model.FeaturesName, features).With("t", targets)).ToScalar();
        Assert.Equal(Whole(model.Initialize(0)), fit.InitialLoss, 1e-12);
        Assert.Equal(Whole(fit.Parameters), fit.FinalLoss, 1e-12);
    }

    [Fact]
    public void Predictions_in_chunks_equal_the_whole_graph_row_for_row()
    {
        var (features, _) = Data();
        var model = Model.Perceptron(3, [8], 2, Activation.Relu);
        var parameters = model.Initialize(4);
        var whole = Graph.Evaluate(model.Graph(Rows), parameters.With(Model.FeaturesName, features));
        var chunked = model.Predict(parameters, features);
        Assert.Equal(whole.Shape, chunked.Shape);
        var (expected, actual) = (whole.ToArray(), chunked.ToArray());
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
    }
}
