using System.Collections.Concurrent;
using FunctionalAD.Properties.Examples;
using static FunctionalAD.Properties.Tensors.TensorCompilationProperties;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// A compiled training step of a small MLP (W3's network, 6 → 5 tanh → 3, batch 4): the interpreter's bits at every
/// step of a descent, and of gradients and JVPs from sixteen threads at once; and the errors of calling a plan the wrong way.
/// </summary>
public class TensorCompilationTests
{
    private const int Batch = 4, Inputs = 6, Hidden = 5, Classes = 3;

    /// <summary>The loss of tanh(X W1 + b1) W2 + b2 against the labels y, as W3 builds it.</summary>
    private static readonly Expr Loss = MakeLoss();

    private static Expr MakeLoss()
    {
        var (x, y) = (Expr.Input("X", Shape.Matrix(Batch, Inputs)), Expr.Input("y", Shape.Vector(Batch)));
        var (w1, b1) = (Expr.Input("W1", Shape.Matrix(Inputs, Hidden)), Expr.Input("b1", Shape.Vector(Hidden)));
        var (w2, b2) = (Expr.Input("W2", Shape.Matrix(Hidden, Classes)), Expr.Input("b2", Shape.Vector(Classes)));
        return Expr.CrossEntropy(Expr.MatMul(Expr.Tanh(Expr.MatMul(x, w1) + b1), w2) + b2, y);
    }

    private static Bindings Point(int seed)
    {
        var random = new Random(seed);
        Tensor Random(Shape shape, double scale) => Tensor.Create(shape, (_, _) => scale * (2 * random.NextDouble() - 1));
        return Bindings.Of(
            ("X", Random(Shape.Matrix(Batch, Inputs), 1)),
            ("y", Tensor.Vector([.. Enumerable.Range(0, Batch).Select(_ => (double)random.Next(Classes))])),
            ("W1", Random(Shape.Matrix(Inputs, Hidden), 0.5)), ("b1", Random(Shape.Vector(Hidden), 0.1)),
            ("W2", Random(Shape.Matrix(Hidden, Classes), 0.5)), ("b2", Random(Shape.Vector(Classes), 0.1)));
    }

    [Fact]
    public void A_compiled_training_step_gives_the_interpreters_bits_at_every_step()
    {
        var step = Reverse.Compile(Loss);
        Assert.Same(step, Reverse.Compile(Loss));
        var at = Point(1);
        var losses = new List<double>();
        for (var epoch = 0; epoch < 20; epoch++)
        {
            var compiled = step.Invoke(at);
            Assert.Equal(Bits(Reverse.ValueAndGrad(Loss, at)), Bits(compiled));
            losses.Add(compiled.Value);
            foreach (var name in new[] { "W1", "b1", "W2", "b2" })
                at = at.With(name, Tensor.Create(at[name].Shape, (i, j) =>
                    Element(at[name], i, j) - 0.5 * Element(compiled.Gradient[name], i, j)));
        }
        Assert.True(losses[^1] < 0.8 * losses[0], $"the loss went from {losses[0]} to {losses[^1]}");

        var direction = Direction(at, new Random(2));
        var jvp = Forward.Compile(Loss).Invoke(at, direction);
        var expected = Forward.Jvp(Loss, at, direction);
        Assert.Equal(Bits(expected.Value) + Bits(expected.Tangent), Bits(jvp.Value) + Bits(jvp.Tangent));
    }

    [Fact]
    public void Sixteen_threads_calling_one_plan_get_the_bits_of_one()
    {
        var points = Enumerable.Range(0, ConcurrencyTests.Threads).Select(Point).ToArray();
        var directions = points.Select((p, k) => Direction(p, new Random(k))).ToArray();
        var expected = points.Select((p, k) => Bits(Reverse.ValueAndGrad(Loss, p)) + Bits(Forward.Jvp(Loss, p, directions[k]).Tangent)).ToArray();
        var fresh = MakeLoss(); // a graph no thread has compiled: they race to compile it too
        var failures = new ConcurrentQueue<string>();
        using var barrier = new Barrier(ConcurrencyTests.Threads);
        var threads = Enumerable.Range(0, ConcurrencyTests.Threads).Select(t => new Thread(() =>
        {
            barrier.SignalAndWait();
            for (var round = 0; round < 50; round++)
            {
                // Each thread walks through every point, so the threads' buffers hold different numbers at once.
                var k = (t + round) % points.Length;
                var got = Bits(Reverse.Compile(fresh).Invoke(points[k])) + Bits(Forward.Compile(fresh).Invoke(points[k], directions[k]).Tangent);
                if (got != expected[k]) failures.Enqueue($"thread {t}, round {round}, point {k}");
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(failures);
    }

    [Fact]
    public void The_span_overloads_on_a_tensor_plan_name_the_input_shapes()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Reverse.Compile(Loss).Invoke(new double[6], new double[6]));
        Assert.Contains("X [4×6]", e.Message);
        Assert.Contains("Invoke(Bindings)", e.Message);
        e = Assert.Throws<InvalidOperationException>(() => Forward.Compile(Loss).Invoke(new double[6], new double[6]));
        Assert.Contains("b2 [3]", e.Message);
        Assert.Contains("Invoke(Bindings, Bindings)", e.Message);
    }

    [Fact]
    public void A_number_bound_to_a_tensor_input_of_a_plan_names_both_shapes()
    {
        var w = Expr.Input("W", Shape.Matrix(4, 6));
        var e = Assert.Throws<ShapeMismatchException>(() => Reverse.Compile(Expr.Sum(w)).Invoke(Bindings.Of(("W", 1.0))));
        Assert.Equal("The input 'W' has shape 4×6, but it is bound to a tensor of shape scalar.", e.Message);
    }

    [Fact]
    public void One_Invoke_serves_scalar_plans_and_refuses_a_tensor_for_a_scalar_input()
    {
        var (x, y) = (Expr.Input("x"), Expr.Input("y"));
        var at = Bindings.Of(("x", 1.0), ("y", 2.0));
        Assert.Equal(Reverse.ValueAndGrad(x * y, at), Reverse.Compile(x * y).Invoke(at));
        var jvp = Forward.Compile(x * y).Invoke(at, Bindings.Of(("x", 1.0)));
        Assert.Equal((2.0, 2.0), (jvp.Value.ToScalar(), jvp.Tangent.ToScalar()));
        var e = Assert.Throws<ShapeMismatchException>(() => Reverse.Compile(x * y).Invoke(at.With("y", Tensor.Vector(1, 2))));
        Assert.Equal("The input 'y' has shape scalar, but it is bound to a tensor of shape 2.", e.Message);
    }

    [Fact]
    public void A_plan_checks_its_bindings_as_the_interpreter_does()
    {
        var at = Point(3);
        var e = Assert.Throws<ShapeMismatchException>(() => Reverse.Compile(Loss).Invoke(at.With("W1", Tensor.Zeros(Shape.Matrix(5, 6)))));
        Assert.Contains("W1", e.Message);
        Assert.Throws<UnboundInputException>(() => Forward.Compile(Loss).Invoke(Bindings.Of(("X", Tensor.Zeros(Shape.Matrix(Batch, Inputs)))), Bindings.Empty));
        var output = Assert.Throws<InvalidOperationException>(() => Reverse.Compile(Expr.Input("v", Shape.Vector(3)) * 2.0));
        Assert.Contains("Reverse.Compile needs a graph with a scalar output", output.Message);
    }

    private static double Element(Tensor t, int i, int j) => t.Shape.Rank == 1 ? t[j] : t[i, j];
}
