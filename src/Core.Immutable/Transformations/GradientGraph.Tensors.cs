using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;

namespace FunctionalAD;

// A gradient graph of a tensor graph: evaluated on the tensor sweeps over all its outputs at once, and second order
// by forward mode over it (Hessian-vector products; the Hessian column by column).
public sealed partial class GradientGraph
{
    private readonly Lazy<(Topology Layout, int[] Outputs)> tensorLayout;

    /// <summary>
    /// Whether an output has tensor nodes, so that the tensor sweeps evaluate the outputs: the value graph has some, or
    /// (when simplifying removed a tensor input, as in <c>Sum(0·X)</c>) a partial is a tensor.
    /// </summary>
    private bool HasTensors => Value.Topology.HasTensors || Partials.Any(p => !p.Shape.IsScalar);

    /// <summary>
    /// The value and the gradient at <paramref name="at"/> (one tensor per input, of its shape), from one sweep over
    /// all the outputs. Works for scalar graphs too.
    /// </summary>
    /// <exception cref="UnboundInputException">An input has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's shape.</exception>
    public ValueAndGradient<TensorGradient> Evaluate(TensorBindings at)
    {
        var (layout, outputs) = tensorLayout.Value;
        var values = TensorSweeps.Values(layout, TensorSweeps.Bind(layout, at));
        return new(values[outputs[0]].ToScalar(), new TensorGradient(Inputs, [.. outputs[1..].Select(o => values[o])]));
    }

    /// <summary>
    /// The Hessian times <paramref name="direction"/> at <paramref name="at"/>: one tangent sweep over the gradient graph,
    /// forward over reverse. <paramref name="direction"/> maps input names to tangents of the inputs' shapes; a name left
    /// out has tangent zero. The result has one tensor per input, of its shape.
    /// </summary>
    /// <exception cref="UnboundInputException">An input has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding or a tangent does not have its input's shape.</exception>
    /// <exception cref="ArgumentException"><paramref name="direction"/> names an input the graph does not have.</exception>
    public TensorGradient HessianVectorProduct(TensorBindings at, TensorBindings direction)
    {
        foreach (var name in direction.Names)
        {
            if (Inputs.BinarySearch(name, StringComparer.Ordinal) < 0)
                throw new ArgumentException(
                    $"The direction gives a tangent for '{name}', but the graph has no such input; its inputs are: {NamedValues.ListNames(Inputs)}.",
                    nameof(direction));
        }
        var (layout, outputs) = tensorLayout.Value;
        var values = TensorSweeps.Values(layout, TensorSweeps.Bind(layout, at));
        // An input that simplifying removed from every output moves nothing: its tangent is left out.
        var moving = TensorBindings.From(direction.Where(d => layout.InputNames.BinarySearch(d.Key, StringComparer.Ordinal) >= 0));
        var tangents = TensorSweeps.AllTangents(layout, values, TensorSweeps.Directions(layout, moving));
        return new TensorGradient(Inputs, [.. outputs[1..].Select(o => tangents[o] ?? Tensor.Zeros(values[o].Shape))]);
    }

    /// <summary>
    /// The Hessian at <paramref name="at"/> over every element of every input, by forward mode over the gradient graph:
    /// one tangent sweep per element. Rows and columns follow the inputs in the order of <see cref="Inputs"/> (ordinal),
    /// and the elements of each input in row-major order (those of <see cref="Tensor.ToArray"/>); entry (i, j) is
    /// ∂²value/∂xᵢ∂xⱼ. The matrix is new and the caller's own.
    /// </summary>
    /// <example><code>Reverse.GradGraph(loss).Hessian(at, ["W1"])   // the Hessian of a network's loss in its first weights</code></example>
    /// <exception cref="UnboundInputException">An input has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's shape.</exception>
    public Matrix<double> Hessian(TensorBindings at) => Hessian(at, Inputs);

    /// <summary>
    /// The Hessian with respect to the named inputs only (say, one weight matrix): rows and columns follow those
    /// inputs in ordinal order, each input's elements in row-major order, as <see cref="Hessian(TensorBindings)"/>.
    /// One tangent sweep per element of the named inputs.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not an input of the graph, or is named twice.</exception>
    public Matrix<double> Hessian(TensorBindings at, IEnumerable<string> withRespectTo)
    {
        ArgumentNullException.ThrowIfNull(withRespectTo);
        var slots = Slots(withRespectTo);
        var (layout, outputs) = tensorLayout.Value;
        var inputs = TensorSweeps.Bind(layout, at);
        var values = TensorSweeps.Values(layout, inputs);
        // Each input's place in the layout; one that simplifying removed from every output is not there (−1), and
        // its rows and columns are zero (its shape is its partial's).
        var places = slots.Select(s => layout.InputNames.BinarySearch(Inputs[s], StringComparer.Ordinal)).ToArray();
        var shapes = slots.Select((s, k) => places[k] >= 0 ? inputs[places[k]].Shape : Partials[s].Shape).ToArray();
        var offsets = new int[slots.Length + 1];
        for (var s = 0; s < slots.Length; s++) offsets[s + 1] = offsets[s] + shapes[s].Count;
        var hessian = Matrix<double>.Build.Dense(offsets[^1], offsets[^1]);
        var seeds = new Tensor?[inputs.Length];
        for (var s = 0; s < slots.Length; s++)
        {
            if (places[s] < 0) continue;
            for (var k = 0; k < shapes[s].Count; k++)
            {
                seeds[places[s]] = TensorSweeps.Basis(shapes[s], k);
                var tangents = TensorSweeps.AllTangents(layout, values, seeds);
                for (var r = 0; r < slots.Length; r++)
                {
                    if (tangents[outputs[1 + slots[r]]] is not { } column) continue;
                    var elements = column.ToArray();
                    for (var i = 0; i < elements.Length; i++) hessian[offsets[r] + i, offsets[s] + k] = elements[i];
                }
            }
            seeds[places[s]] = null;
        }
        return hessian;
    }

    /// <summary>The slots of the named inputs, in ordinal order.</summary>
    private int[] Slots(IEnumerable<string> names)
    {
        var slots = new SortedSet<int>();
        foreach (var name in names)
        {
            var slot = name is null ? -1 : Inputs.BinarySearch(name, StringComparer.Ordinal);
            if (slot < 0)
                throw new ArgumentException(
                    $"The Hessian is asked for '{name}', but the graph has no such input; its inputs are: {NamedValues.ListNames(Inputs)}.",
                    nameof(names));
            if (!slots.Add(slot)) throw new ArgumentException($"The Hessian is asked for '{name}' twice.", nameof(names));
        }
        return [.. slots];
    }

    /// <summary>A tensor gradient of scalar inputs as a <see cref="Gradient"/>, or an error that says which overload to use.</summary>
    private ValueAndGradient<Gradient> ScalarGradient(ValueAndGradient<TensorGradient> result, string operation)
    {
        ScalarInputs(operation);
        return new(result.Value, new Gradient(Inputs, [.. result.Gradient.Values.Select(t => t.ToScalar())]));
    }

    private void ScalarInputs(string operation)
    {
        var (layout, _) = tensorLayout.Value;
        var shapes = TensorSweeps.InputShapes(layout);
        for (var s = 0; s < shapes.Length; s++)
        {
            if (!shapes[s].IsScalar)
                throw new InvalidOperationException(
                    $"{operation} with scalar Bindings returns numbers, but the input '{layout.InputNames[s]}' has shape {shapes[s]}; pass TensorBindings.");
        }
    }
}
