namespace FunctionalAD.Properties.Facade;

/// <summary>The optimizers on tensor parameters take, element by element, the steps they take on each element as a scalar parameter of its own.</summary>
public class OptimizerShapeTests
{
    private static readonly Bindings Parameters = Bindings.Of(
        ("W", Tensor.Matrix(new[,] { { 1.0, -2 }, { 0.5, 3 } })), ("b", Tensor.Vector(0.25, -1)));

    private static readonly Bindings Gradient = Bindings.Of(
        ("W", Tensor.Matrix(new[,] { { 0.5, -4 }, { 2, 0.125 } })), ("b", Tensor.Vector(-1, 0.75)));

    /// <summary>The same numbers as scalar bindings named W[i,j] and b[i].</summary>
    private static Bindings Scalars(IReadOnlyDictionary<string, Tensor> tensors) => Bindings.Of([
        .. tensors.SelectMany(p => p.Value.Shape.Rank == 2
            ? Enumerable.Range(0, p.Value.Shape.Count).Select(k => ($"{p.Key}[{k / p.Value.Shape[1]},{k % p.Value.Shape[1]}]", p.Value[k / p.Value.Shape[1], k % p.Value.Shape[1]]))
            : Enumerable.Range(0, p.Value.Shape.Count).Select(k => ($"{p.Key}[{k}]", p.Value[k])))]);

    public static TheoryData<string> Optimizers => ["sgd", "momentum", "adam"];

    private static Optimizer Make(string name) => name switch
    {
        "sgd" => Optimizer.Sgd(0.1),
        "momentum" => Optimizer.Momentum(0.1, beta: 0.5),
        _ => Optimizer.Adam(0.1),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Three_tensor_steps_equal_three_scalar_steps(string name)
    {
        var optimizer = Make(name);
        var (tensors, tensorState) = (Parameters, OptimizerState.Initial);
        var (scalars, scalarState) = (Bindings.From(Scalars(Parameters)), OptimizerState.Initial);
        for (var i = 0; i < 3; i++)
        {
            var t = optimizer.Step(tensors, Gradient, tensorState);
            var s = optimizer.Step(scalars, Bindings.From(Scalars(Gradient)), scalarState);
            (tensors, tensorState, scalars, scalarState) = (t.Parameters, t.State, s.Parameters, s.State);
        }
        Assert.Equal(Bindings.From(Scalars(tensors)), scalars);
        Assert.Equal(scalarState.Steps, tensorState.Steps);
        Assert.NotEqual(Bindings.From(Scalars(Parameters)), scalars);
    }

    [Fact]
    public void A_step_changes_nothing_it_is_given_and_a_missing_gradient_is_zero()
    {
        var before = (Parameters, Gradient);
        var step = Optimizer.Adam(0.1).Step(Parameters, Bindings.Of(("W", Gradient["W"])), OptimizerState.Initial);
        Assert.Equal(before, (Parameters, Gradient));
        Assert.Equal(Parameters["b"], step.Parameters["b"]);
        Assert.NotEqual(Parameters["W"], step.Parameters["W"]);
        Assert.Equal(step, Optimizer.Adam(0.1).Step(Parameters, Bindings.Of(("W", Gradient["W"])), OptimizerState.Initial));
    }

    [Fact]
    public void A_gradient_of_the_wrong_shape_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Optimizer.Sgd(0.1).Step(Parameters, Bindings.Of(("b", Tensor.Vector(1, 2, 3))), OptimizerState.Initial));
        Assert.Contains("'b' has shape 3, but the parameter has shape 2", error.Message);
    }
}
