namespace FunctionalAD;

// The same update rules on tensor parameters: every tensor is laid end to end in one flat array (row-major, in
// name order), so each optimizer keeps a single Update over doubles for scalars and tensors alike.
public abstract partial record Optimizer
{
    /// <summary>
    /// One step on tensor parameters, such as a <see cref="Model"/>'s: new parameters and a new state from the
    /// current parameters, their gradient and the state the previous step returned (start with
    /// <see cref="TensorOptimizerState.Initial"/>). A parameter the gradient lacks has gradient zero; a gradient
    /// entry that is not a parameter is ignored. Nothing given is changed.
    /// </summary>
    /// <exception cref="ArgumentException">A gradient or moment does not have its parameter's shape.</exception>
    public TensorOptimizerStep Step(Bindings parameters, IReadOnlyDictionary<string, Tensor> gradient, TensorOptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(state);
        var names = parameters.Names;
        var shapes = parameters.Values.Select(t => t.Shape).ToArray();
        var p = Flatten(parameters, names, shapes, null, "parameters");
        var g = Flatten(gradient, names, shapes, "gradient", nameof(gradient));
        var m = Flatten(state.FirstMoment, names, shapes, "first moment", nameof(state));
        var v = Flatten(state.SecondMoment, names, shapes, "second moment", nameof(state));
        var steps = state.Steps + 1;
        Update(p, g, m, v, steps);
        return new TensorOptimizerStep(
            Unflatten(names, shapes, p),
            new TensorOptimizerState(steps, Unflatten(names, shapes, m), Unflatten(names, shapes, v)));
    }

    /// <summary>The tensors for <paramref name="names"/>, end to end; a missing name (when <paramref name="what"/> is given) is zeros.</summary>
    private static double[] Flatten(IReadOnlyDictionary<string, Tensor> source, IReadOnlyList<string> names, Shape[] shapes, string? what, string argument)
    {
        var flat = new double[shapes.Sum(s => s.Count)];
        var offset = 0;
        for (var i = 0; i < names.Count; i++)
        {
            if (source.TryGetValue(names[i], out var tensor))
            {
                if (tensor.Shape != shapes[i])
                    throw new ArgumentException(
                        $"The {what} of '{names[i]}' has shape {tensor.Shape}, but the parameter has shape {shapes[i]}.", argument);
                tensor.ToArray().CopyTo(flat, offset);
            }
            offset += shapes[i].Count;
        }
        return flat;
    }

    private static Bindings Unflatten(IReadOnlyList<string> names, Shape[] shapes, double[] flat)
    {
        var pairs = new (string, Tensor)[names.Count];
        var offset = 0;
        for (var i = 0; i < names.Count; i++)
        {
            var (start, columns) = (offset, shapes[i].Rank == 2 ? shapes[i][1] : shapes[i].Count);
            pairs[i] = (names[i], Tensor.Create(shapes[i], (row, column) => flat[start + row * columns + column]));
            offset += shapes[i].Count;
        }
        return Bindings.Of(pairs);
    }
}
