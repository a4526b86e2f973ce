using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;

namespace FunctionalAD;

// A gradient graph of a tensor graph: evaluated on the tensor sweeps over all its outputs at once, and second order
// by forward mode over it (Hessian-vector products and the Hessian, with batched tangents; the one-direction forms
// stay as their reference).
public sealed partial class GradientGraph
{
    private readonly Lazy<(Topology Layout, int[] Outputs)> tensorLayout;

    /// <summary>
    /// Whether an output has tensor nodes, so that the tensor sweeps evaluate the outputs: the value graph has some, or
    /// (when simplifying removed a tensor input, as in <c>Sum(0·X)</c>) a partial is a tensor.
    /// </summary>
    private bool HasTensors => Value.Topology.HasTensors || Partials.Any(p => !p.Shape.IsScalar);

    /// <summary>The value and the gradient on the tensor sweeps, over all the outputs at once.</summary>
    private ValueAndGradient<double, Gradient> EvaluateTensors(Bindings at)
    {
        var (layout, outputs) = tensorLayout.Value;
        var values = TensorSweeps.Values(layout, TensorSweeps.Bind(layout, at));
        return new(values[outputs[0]].ToScalar(), new Gradient(Inputs, [.. outputs[1..].Select(o => values[o])]));
    }

    /// <summary>The Hessian-vector product on the tensor sweeps: one joint sweep of values and tangents over the partials.</summary>
    private Gradient HessianVectorProductTensors(Bindings at, Bindings direction) => HessianVectorProductBatched(at, direction);

    /// <summary>The Hessian-vector product by a value sweep and a one-direction tangent sweep over all the outputs (the batched sweep's reference).</summary>
    internal Gradient HessianVectorProductBySweeps(Bindings at, Bindings direction)
    {
        var (layout, outputs) = tensorLayout.Value;
        var values = TensorSweeps.Values(layout, TensorSweeps.Bind(layout, at));
        // An input that simplifying removed from every output moves nothing: its tangent is left out.
        var moving = Bindings.From(direction.Where(d => layout.InputNames.BinarySearch(d.Key, StringComparer.Ordinal) >= 0));
        var tangents = TensorSweeps.AllTangents(layout, values, TensorSweeps.Directions(layout, moving));
        return new Gradient(Inputs, [.. outputs[1..].Select(o => tangents[o] ?? Tensor.Zeros(values[o].Shape))]);
    }

    /// <summary>The Hessian over the inputs in <paramref name="slots"/> on the tensor sweeps, with batched tangents.</summary>
    private Matrix<double> HessianTensors(Bindings at, int[] slots) => HessianBatched(at, slots);

    /// <summary>The Hessian over the named inputs by one one-direction tangent sweep per element (the batched Hessian's reference).</summary>
    internal Matrix<double> HessianByColumns(Bindings at, IEnumerable<string> withRespectTo) => HessianByColumns(at, Slots(withRespectTo));

    private Matrix<double> HessianByColumns(Bindings at, int[] slots)
    {
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
}
