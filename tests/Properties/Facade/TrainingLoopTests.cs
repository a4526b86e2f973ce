namespace FunctionalAD.Properties.Facade;

/// <summary>
/// The one training loop against loops written out by hand on tiny problems: a graph model over rows (with Adam's
/// update written out too) and a network over tensors give the same losses and parameters, bit for bit, as the
/// shuffle, the batches, the gradients and the steps computed directly.
/// </summary>
public class TrainingLoopTests
{
    private static readonly Expr W = Expr.Input("w"), X = Expr.Input("x"), B = Expr.Input("b");

    private static readonly Bindings[] Rows = [.. Enumerable.Range(0, 11).Select(i =>
    {
        var x = -1 + i / 5.0;
        return Bindings.Of(("x", x), ("y", Math.Sin(3 * x) + 0.5 * x));
    })];

    [Fact]
    public void A_graph_model_trains_as_a_loop_written_by_hand()
    {
        const double rate = 0.1, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
        var model = Expr.Tanh(W * X) + B;
        var fit = Train.Model(model).StartingFrom(("w", 0.3), ("b", -0.2)).On(Rows, "y")
            .With(Optimizer.Adam(rate, beta1, beta2, epsilon)).InBatchesOf(4).ShuffledWithSeed(5).For(epochs: 6).Run();

        // Each row's squared error with its data as constants; a batch's loss is their mean, in batch order.
        var examples = Rows.Select(r => Expr.Pow(Graph.Substitute(model, "x", Expr.Constant(r["x"])) - Expr.Constant(r["y"]), 2.0)).ToArray();
        Expr Mean(IEnumerable<int> chosen) { var list = chosen.ToList(); return list.Skip(1).Aggregate(examples[list[0]], (sum, i) => sum + examples[i]) / list.Count; }
        var whole = Mean(Enumerable.Range(0, Rows.Length));
        var p = new Dictionary<string, double> { ["w"] = 0.3, ["b"] = -0.2 };
        var (m, v) = (new Dictionary<string, double> { ["w"] = 0, ["b"] = 0 }, new Dictionary<string, double> { ["w"] = 0, ["b"] = 0 });
        Bindings At() => Bindings.Of([.. p.Select(e => (e.Key, e.Value))]);
        var losses = new List<double>();
        var (order, random, step) = (Enumerable.Range(0, Rows.Length).ToArray(), new Random(5), 0L);
        var initial = Graph.Evaluate(whole, At());
        for (var epoch = 0; epoch < 6; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += 4)
            {
                var g = Reverse.Grad(Mean(order.Skip(start).Take(4)), At());
                step++;
                var (c1, c2) = (1 - Math.Pow(beta1, step), 1 - Math.Pow(beta2, step));
                foreach (var name in new[] { "w", "b" })
                {
                    m[name] = beta1 * m[name] + (1 - beta1) * g[name];
                    v[name] = beta2 * v[name] + (1 - beta2) * g[name] * g[name];
                    p[name] -= rate * (m[name] / c1) / (Math.Sqrt(v[name] / c2) + epsilon);
                }
            }
            losses.Add(Graph.Evaluate(whole, At()));
        }

        Assert.Equal(Bits(initial), Bits(fit.InitialLoss));
        Assert.Equal(losses.Select(Bits), fit.Losses.Select(Bits));
        Assert.Equal(Bits(p["w"]), Bits(fit.Parameters["w"].ToScalar()));
        Assert.Equal(Bits(p["b"]), Bits(fit.Parameters["b"].ToScalar()));
        Assert.True(fit.FinalLoss < fit.InitialLoss, $"{fit.InitialLoss} -> {fit.FinalLoss}");
    }

    [Fact]
    public void A_network_trains_as_a_loop_written_by_hand()
    {
        var (features, labels) = Datasets.TwoMoons(13, noise: 0.1, seed: 2);
        var model = Model.Sequential(Layer.Dense(2, 4, Activation.Tanh), Layer.Dense(4, 2));
        var optimizer = Optimizer.Momentum(0.05, beta: 0.8);
        var fit = model.Train(features, labels).Minimizing(Loss.SoftmaxCrossEntropy).With(optimizer)
            .InBatchesOf(5).ShuffledWithSeed(7).For(epochs: 4).Run();

        var (matrix, targets) = (Tensor.Matrix(features), labels.Select(l => (double)l).ToArray());
        Expr LossOf(int rows) => Loss.SoftmaxCrossEntropy.ForBatch(model.Graph(rows), Expr.Input("labels", Shape.Vector(rows)));
        Bindings At(Bindings parameters, int[] chosen) => parameters
            .With(Model.FeaturesName, Tensor.Create(Shape.Matrix(chosen.Length, 2), (r, c) => matrix[chosen[r], c]))
            .With("labels", Tensor.Vector([.. chosen.Select(r => targets[r])]));
        var every = Enumerable.Range(0, 13).ToArray();
        double Whole(Bindings parameters) => Graph.Evaluate(LossOf(13), At(parameters, every)).ToScalar();
        var (p, state) = (model.Initialize(0), OptimizerState.Initial);
        var losses = new List<double>();
        var (order, random) = ((int[])every.Clone(), new Random(7));
        var initial = Whole(p);
        for (var epoch = 0; epoch < 4; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < 13; start += 5)
            {
                var chosen = order.Skip(start).Take(5).ToArray();
                var g = Reverse.Grad(LossOf(chosen.Length), At(p, chosen), model.Parameters.Select(q => q.Name));
                (p, state) = optimizer.Step(p, g, state);
            }
            losses.Add(Whole(p));
        }

        Assert.Equal(Bits(initial), Bits(fit.InitialLoss));
        Assert.Equal(losses.Select(Bits), fit.Losses.Select(Bits));
        foreach (var (name, value) in p)
            Assert.Equal(value.ToArray().Select(Bits), fit.Parameters[name].ToArray().Select(Bits));
        Assert.Equal(12, state.Steps);
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
